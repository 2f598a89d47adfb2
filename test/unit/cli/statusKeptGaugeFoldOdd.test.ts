/**
 * review5: appended lines that are valid but not one plain run each (a monitoring-only alert
 * blaming the kept newest deploy, CRLF, blank and whitespace lines, a newer version's line kind,
 * interleaved runs, a repeated end line, stage lines, a start line dated after its run's end), and
 * two `status --json` at once after an append: every answer must be a read's.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { Workspaces } from '../../support/workspaces';
import { useFrozenClock } from '../../support/frozenClock';
import { answer, historyOf, lastCallOf, stateDir, uncached, type Answer } from './keptGauge';
import { FUZZ_PIPELINE, RandomRuns } from './randomRuns';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const NAMES = ['Build', 'Test', 'Deploy', 'Smoke'];

describe('review5: odd but valid appended lines fold (or not) into what a read answers', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const dead = deadPid();
  const runs = new RandomRuns(dead);
  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });
  const iso = (t: number): string => new Date(t).toISOString();

  /** A run's start and end lines; `states`: each stage's end state. */
  function run(id: string, t: number, state: string, states: string[], extra: Record<string, unknown> = {}, eol = '\n'): string[] {
    const base = makeRun(id, { startedAt: iso(t), sha: 'sha-7', stages: NAMES.map((n) => stage(n, 'pending')) });
    const stages = NAMES.map((n, i) => stage(n, states[i] as never, { durationMs: states[i] === 'skipped' ? 0 : 4000 + i, startedAt: iso(t) }));
    return [
      rawLine('start', base, { at: iso(t), pid: dead }).replace(/\n$/, eol),
      rawLine('end', { ...base, state, endedAt: iso(t + 5 * 60_000), stages, ...extra }, { at: iso(t + 5 * 60_000), pid: dead }).replace(/\n$/, eol),
    ];
  }

  async function keptAndFoldedOnce(): Promise<{ repo: string; t: number }> {
    runs.reseed(8080);
    const repo = ws.repo(FUZZ_PIPELINE);
    let lines = '';
    for (let i = 0; i < 200; i++) { lines += runs.oneRun(i, NOW - (210 - i) * HOUR, ['full', 'full', 'redDeploy', 'alert', 'rollback']); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    await answer(repo);
    fs.appendFileSync(historyOf(repo), run('dep-1', NOW - 9 * HOUR, 'green', ['passed', 'passed', 'passed', 'passed']).join(''));
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)));
    assert.strictEqual(lastCallOf(repo), 'folded', 'the setup folds');
    return { repo, t: NOW - 8 * HOUR };
  }

  const monitoringAlert = (t: number): string[] => run('mon-1', t, 'red', ['skipped', 'skipped', 'skipped', 'failed'], { alert: true, deploy: { result: 'alert', message: 'error rate' } });
  const cases: [string, (t: number) => string][] = [
    ['a monitoring-only run that alerts (blames the kept newest deploy)', (t) => monitoringAlert(t).join('')],
    ['a monitoring alert, then a rollback run', (t) => monitoringAlert(t).join('') + run('rb-1', t + HOUR, 'green', ['skipped', 'skipped', 'skipped', 'skipped'], { trigger: 'rollback', stages: [], deploy: { result: 'ok', message: 'rolled back' } }).join('')],
    ['CRLF line ends', (t) => run('crlf', t, 'green', ['passed', 'passed', 'passed', 'passed'], {}, '\r\n').join('')],
    ['blank and whitespace-only lines around a run', (t) => `\n  \n${run('ws', t, 'green', ['passed', 'passed', 'passed', 'passed']).join('\n')}\t\n`],
    ['a newer version\'s line kind between a run\'s lines', (t) => { const [s, e] = run('nk', t, 'red', ['failed', 'cancelled', 'cancelled', 'cancelled']); return `${s}{"v":2,"kind":"note","text":"hi"}\n${e}`; }],
    ['two runs interleaved', (t) => { const [s1, e1] = run('a', t, 'red', ['failed', 'cancelled', 'cancelled', 'cancelled']); const [s2, e2] = run('b', t + 60_000, 'green', ['passed', 'passed', 'passed', 'passed']); return s1 + s2 + e2 + e1; }],
    ['a repeated end line (the last word wins)', (t) => { const [s, e] = run('rep', t, 'green', ['passed', 'passed', 'passed', 'passed']); const [, e2] = run('rep', t, 'red', ['passed', 'passed', 'failed', 'cancelled']); return s + e + e2; }],
    ['stage lines for the new run', (t) => { const [s, e] = run('stg', t, 'green', ['passed', 'passed', 'passed', 'passed']); return s + s.replace('"kind":"start"', '"kind":"stage"').replace('"run":', '"proc":{"stage":"Build","pgid":1},"run":') + e; }],
    ['an end line without endedAt (timed by its start)', (t) => { const [s, e] = run('noend', t, 'green', ['passed', 'passed', 'passed', 'passed']); return s + e.replace(/"endedAt":"[^"]*",/, ''); }],
  ];
  for (const [what, lines] of cases) {
    it(what, async () => {
      const { repo, t } = await keptAndFoldedOnce();
      fs.appendFileSync(historyOf(repo), lines(t));
      clock.advance(2 * HOUR);
      const reference = text(await uncached(repo));
      assert.strictEqual(text(await answer(repo)), reference, what);
      assert.strictEqual(lastCallOf(repo), 'folded', `${what}: folded in`);
      assert.strictEqual(text(await answer(repo)), reference, `${what}: the second call`);
      assert.strictEqual(text(await answer(repo, ['gear', '--json'])), text(await uncached(repo, ['gear', '--json'])), `${what}: gear`);
      clock.advance(-2 * HOUR);
    });
  }

  it('two status --json at once after an append, then a third', async () => {
    const { repo, t } = await keptAndFoldedOnce();
    fs.appendFileSync(historyOf(repo), run('c1', t, 'green', ['passed', 'passed', 'passed', 'passed']).join(''));
    clock.advance(HOUR);
    const reference = text(await uncached(repo));
    const [a, b] = await Promise.all([answer(repo), answer(repo)]);
    assert.deepStrictEqual([text(a), text(b)], [reference, reference]);
    assert.strictEqual(text(await answer(repo)), reference, 'the third');
    fs.appendFileSync(historyOf(repo), run('c2', t + HOUR, 'red', ['passed', 'passed', 'failed', 'cancelled']).join(''));
    clock.advance(HOUR);
    const next = text(await uncached(repo));
    const [c, d] = await Promise.all([answer(repo), answer(repo, ['gear', '--json'])]);
    assert.strictEqual(text(c), next);
    assert.strictEqual(text(d), text(await uncached(repo, ['gear', '--json'])));
    clock.advance(-2 * HOUR);
  });

  it('a history younger than a day, red across folds, then days later', async () => {
    runs.reseed(13);
    const repo = ws.repo(FUZZ_PIPELINE);
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), run('y0', NOW - 3 * HOUR, 'green', ['passed', 'passed', 'passed', 'passed']).join(''));
    clock.advance(-2 * HOUR);
    let elapsed = -2 * HOUR;
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)), 'one run');
    const steps: [string, string[]][] = [
      ['red', ['passed', 'passed', 'failed', 'cancelled']], ['red', ['failed', 'cancelled', 'cancelled', 'cancelled']],
      ['green', ['passed', 'skipped', 'skipped', 'skipped']], ['green', ['passed', 'passed', 'passed', 'passed']], ['red', ['passed', 'passed', 'passed', 'failed']],
    ];
    for (const [k, [state, states]] of steps.entries()) {
      fs.appendFileSync(historyOf(repo), run(`y${k + 1}`, NOW - 2 * HOUR + k * 20 * 60_000, state, states).join(''));
      clock.advance(20 * 60_000); elapsed += 20 * 60_000;
      assert.strictEqual(text(await answer(repo)), text(await uncached(repo)), `run ${k + 1} (${state})`);
      assert.strictEqual(lastCallOf(repo), 'folded', `run ${k + 1}: every run since the kept gauge folded in`);
    }
    for (const later of [HOUR, 20 * HOUR, 3 * 24 * HOUR]) {
      clock.advance(later); elapsed += later;
      assert.strictEqual(text(await answer(repo, ['gear', '--json'])), text(await uncached(repo, ['gear', '--json'])), `${later / HOUR} h later`);
    }
    clock.advance(-elapsed);
  });
});
