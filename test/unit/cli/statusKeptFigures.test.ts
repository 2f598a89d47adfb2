/**
 * `status --json` / `gear --json` keep their printed figures in .git/gearshift/gauge-answer.json
 * (cli/gaugeAnswer.ts) until the clock reaches the first instant they could change
 * (core/gears/gaugeStability.ts). In a real git repository with lead times: a kept answer must be
 * the one a read of the file and of git gives, at every clock it answers for; it must answer (seen
 * through a marker put into the file) before that instant and not at it; and it must never answer
 * for other history bytes, another pipeline, another HEAD or git config, another repository scan,
 * an earlier clock or another gearshift build. Nothing is kept while red, with release tags or while
 * a deployed commit is not in the object store; on a history between a day and the window old, until
 * the next whole minute of it.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline } from '../../support/workspaces';
import { cleanupTempDirs, commitAt, git, initRepo } from '../../support/git';
import { useFrozenClock } from '../../support/frozenClock';
import { answer, figuresBytesOf, fresh, figuresOf, historyBytesOf, historyOf, keptOf, sameBytes, seenMarkOf, stateDir } from './keptGauge';
import { cleanEnv } from '../../support/git';
import { gaugeFor, readGaugeHistory, startGauge } from '../../../src/cli/gauge';
import { FakeIo } from './fakeIo';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** After the real clock, so nothing git dates now is ahead of the frozen one. */
const NOW = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY + 12 * HOUR;
const MARK = 'kept-figures-answered';

describe('status --json / gear --json: kept figures answer as a read of the file and git, until they may change', function () {
  this.timeout(120_000);
  const clock = useFrozenClock(NOW);
  afterEach(cleanupTempDirs);
  const dead = deadPid();
  const PIPELINE = pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]);

  /** A deploy of `sha` at t (a red one every 9th), as `gearshift run` writes it. */
  function deployLines(i: number, t: number, sha: string, red = i % 9 === 4): string {
    const at = new Date(t).toISOString();
    const endedAt = new Date(t + 90_000 + (i % 7) * 5000).toISOString();
    const run = makeRun(`run-${String(i).padStart(4, '0')}`, { startedAt: at, sha, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const stages = [stage('Build', 'passed', { durationMs: 30_000 + (i % 5) * 1000, startedAt: at }), stage('Deploy', red ? 'failed' : 'passed', { durationMs: 40_000, startedAt: at })];
    return rawLine('start', run, { at, pid: dead }) + rawLine('end', { ...run, state: red ? 'red' : 'green', endedAt, stages }, { at: endedAt, pid: dead });
  }

  /** `days` of daily commits, each deployed five hours later; the newest deploy green. */
  function livedRepo(days = 150, extra = ''): string {
    const repo = initRepo();
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE + extra);
    git(repo, 'add', '.gearshift.yml');
    const shas = [commitAt(repo, 'the pipeline', NOW - (days + 1) * DAY)];
    for (let d = days; d >= 1; d--) { shas.push(commitAt(repo, `change ${d}`, NOW - d * DAY + 3 * HOUR)); }
    let lines = '';
    for (let d = days; d >= 1; d--) { lines += deployLines(days - d, NOW - d * DAY + 5 * HOUR, shas[days + 1 - d], d > 1 && (days - d) % 9 === 4); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    return repo;
  }

  /** Whether the kept figures answer now: a marker put into them shows in the answer (the file restored after). */
  async function answeredFromFigures(repo: string, args = ['status', '--json']): Promise<boolean> {
    const file = figuresOf(repo);
    if (!fs.existsSync(file)) { return false; }
    const kept = fs.readFileSync(file, 'utf8');
    const marked = JSON.parse(kept) as { gauge: { gear: { why: string } } };
    marked.gauge.gear.why = MARK;
    fs.writeFileSync(file, JSON.stringify(marked));
    try {
      return (await answer(repo, args)).stdout.includes(MARK);
    } finally {
      if (fs.readFileSync(file, 'utf8').includes(MARK)) { fs.writeFileSync(file, kept); }
    }
  }

  const stored = (repo: string): { madeAt: number; until: number } => JSON.parse(fs.readFileSync(figuresOf(repo), 'utf8')) as { madeAt: number; until: number };

  async function keep(repo: string): Promise<{ madeAt: number; until: number }> {
    await answer(repo);
    await answer(repo); // git's memo, written by the first call, now gives every git answer
    assert.ok(fs.existsSync(figuresOf(repo)), 'kept by the second call');
    return stored(repo);
  }

  it('answer at every clock in [made, until) as a read does, and are computed again at until', async () => {
    const repo = livedRepo();
    const { madeAt, until } = await keep(repo);
    assert.strictEqual(madeAt, NOW);
    assert.ok(until > NOW && Number.isFinite(until), `until ${until - NOW} ms later`);
    for (const t of [NOW, NOW + 1, Math.floor((NOW + until) / 2), until - 1]) {
      clock.advance(t - clock.now);
      for (const args of [['status', '--json'], ['gear', '--json']]) {
        assert.ok(await answeredFromFigures(repo, args), `${args[0]}: answered at +${t - NOW} ms`);
        assert.deepStrictEqual(await answer(repo, args), await fresh(repo, args), `${args[0]}: +${t - NOW} ms`);
      }
    }
    clock.advance(until - clock.now);
    assert.ok(!await answeredFromFigures(repo), 'not at until');
    assert.deepStrictEqual(await answer(repo), await fresh(repo));
    // At until itself an item sits on a window's edge, and leaves it the next millisecond: kept from then on.
    clock.advance(1);
    await answer(repo); // when git's bound passed a commit, git was asked (not kept); the memo answers this one
    await answer(repo);
    assert.strictEqual(stored(repo).madeAt, until + 1, 'kept again for a later clock');
    // Weeks later, answers still agree, kept or not.
    for (const later of [HOUR, DAY, 20 * DAY, 95 * DAY]) {
      clock.advance(later);
      for (const args of [['status', '--json'], ['gear', '--json']]) { assert.deepStrictEqual(await answer(repo, args), await fresh(repo, args), `+${later} ms`); }
    }
  });

  it('never answer for other bytes, another pipeline, HEAD, git config or repository, an earlier clock or another build', async () => {
    const repo = livedRepo(120);
    const changes: [string, () => void][] = [
      ['a run appended', () => fs.appendFileSync(historyOf(repo), deployLines(500, NOW - HOUR, git(repo, 'rev-parse', 'HEAD'), false))],
      ['the pipeline edited', () => fs.appendFileSync(path.join(repo, '.gearshift.yml'), 'gears:\n  window: 60d\n')],
      ['a new commit', () => { commitAt(repo, 'one more', NOW - 2 * HOUR); }],
      ['git config changed', () => git(repo, 'config', 'gearshift.test', String(Math.random()))],
      ['Terraform added (the checklist)', () => fs.writeFileSync(path.join(repo, 'main.tf'), 'resource "null_resource" "x" {}\n')],
      ['the clock went back', () => clock.advance(-1)],
      ['kept by another build', () => fs.writeFileSync(figuresOf(repo), JSON.stringify({ ...JSON.parse(fs.readFileSync(figuresOf(repo), 'utf8')) as object, build: 'an older gearshift' }))],
    ];
    for (const [what, change] of changes) {
      await keep(repo);
      assert.ok(await answeredFromFigures(repo), `${what}: answered before`);
      change();
      assert.ok(!await answeredFromFigures(repo), `${what}: not answered after`);
      assert.deepStrictEqual(await answer(repo), await fresh(repo), what);
      clock.advance(NOW - clock.now);
    }
  });

  it('are not kept while red, with release tags, or while a deployed commit is missing', async function () {
    this.timeout(300_000); // 18 status calls on three lived-in repositories: 36 s at load 5, past 120 s in a loaded CI
    const red = livedRepo(120);
    fs.appendFileSync(historyOf(red), deployLines(900, NOW - HOUR, git(red, 'rev-parse', 'HEAD'), true));
    const tagged = livedRepo(120, 'gears:\n  deployTags: "v*"\n');
    const missing = livedRepo(120);
    fs.appendFileSync(historyOf(missing), deployLines(901, NOW - HOUR, 'e'.repeat(40), false));
    for (const [what, repo] of [['red', red], ['tagged', tagged], ['missing', missing]] as const) {
      for (let i = 0; i < 3; i++) { assert.deepStrictEqual(await answer(repo), await fresh(repo), what); }
      assert.ok(!fs.existsSync(figuresOf(repo)), `${what}: nothing kept`);
    }
  });

  it('on a history younger than the window: kept until the next whole minute of it (rates divide by whole minutes), answering as a read does', async () => {
    const repo = livedRepo(40);
    clock.advance(25_000); // mid-minute: the history began on a whole second
    const { madeAt, until } = await keep(repo);
    assert.strictEqual(madeAt, NOW + 25_000);
    assert.ok(until > madeAt && until <= madeAt + 60_000, `until ${until - madeAt} ms later`);
    for (const t of [madeAt + 1, until - 1]) {
      clock.advance(t - clock.now);
      assert.ok(await answeredFromFigures(repo), `answered at +${t - madeAt} ms`);
      assert.deepStrictEqual(await answer(repo), await fresh(repo), `+${t - madeAt} ms`);
    }
    clock.advance(until - clock.now);
    assert.ok(!await answeredFromFigures(repo), 'not at until');
    assert.deepStrictEqual(await answer(repo), await fresh(repo), 'at until');
  });

  /** A run deploying HEAD appended `ago` before the clock: folded into the kept gauge, which is not written again for it. */
  const appendDeploy = (repo: string, i: number, ago: number): void => {
    fs.appendFileSync(historyOf(repo), deployLines(i, NOW - ago, git(repo, 'rev-parse', 'HEAD'), false));
  };

  /** The call on new bytes after a fold: the read's answer, the bytes marked seen, no figures, the kept gauge as it was. */
  async function firstAfterFold(repo: string, kept: Buffer, what: string): Promise<void> {
    assert.deepStrictEqual(await answer(repo), await fresh(repo), what);
    assert.ok(sameBytes(seenMarkOf(repo), historyBytesOf(repo)), `${what}: the bytes marked seen`);
    assert.ok(fs.readFileSync(keptOf(repo)).equals(kept), `${what}: the kept gauge not written again`);
  }

  /** The second call on these bytes keeps the figures for them; the third answers from them. */
  async function secondAndThird(repo: string, kept: Buffer, what: string): Promise<void> {
    assert.deepStrictEqual(await answer(repo), await fresh(repo), `${what}: the second call`);
    assert.ok(sameBytes(figuresBytesOf(repo), historyBytesOf(repo)), `${what}: figures kept for these bytes`);
    assert.ok(fs.readFileSync(keptOf(repo)).equals(kept), `${what}: the kept gauge still not written again`);
    assert.ok(await answeredFromFigures(repo), `${what}: the third call answers from the figures`);
    assert.deepStrictEqual(await answer(repo), await fresh(repo), `${what}: the third call`);
    assert.deepStrictEqual(await answer(repo, ['gear', '--json']), await fresh(repo, ['gear', '--json']), `${what}: gear --json`);
  }

  it('after a fold that does not write the kept gauge: the second call on the bytes keeps the figures, the third answers from them (14g step 5)', async () => {
    const repo = livedRepo(120);
    await keep(repo);
    const kept = fs.readFileSync(keptOf(repo));
    appendDeploy(repo, 500, 2 * HOUR);
    await firstAfterFold(repo, kept, 'a run appended');
    await secondAndThird(repo, kept, 'a run appended');
    appendDeploy(repo, 501, HOUR + 1);
    await firstAfterFold(repo, kept, 'another run');
    appendDeploy(repo, 502, HOUR);
    await firstAfterFold(repo, kept, 'a run appended between the first call on the bytes and the second: the second is a first');
    await secondAndThird(repo, kept, 'two runs since the figures');
  });

  it('after a fold: figures kept for these bytes that did not answer (past until, or a gear without --json) are kept again, never replaced by a mark', async () => {
    const repo = livedRepo(120);
    await keep(repo);
    const kept = fs.readFileSync(keptOf(repo));
    appendDeploy(repo, 500, 2 * HOUR);
    await firstAfterFold(repo, kept, 'a run appended');
    await secondAndThird(repo, kept, 'a run appended');
    assert.deepStrictEqual((await answer(repo, ['gear'])).stdout, (await fresh(repo, ['gear'])).stdout, 'gear, text');
    assert.ok(sameBytes(figuresBytesOf(repo), historyBytesOf(repo)), 'gear without --json: the figures for these bytes stay');
    assert.ok(await answeredFromFigures(repo), 'and answer the next status --json');
    clock.advance(stored(repo).until + 1 - clock.now); // past until (a millisecond: at until an item sits on a window's edge)
    assert.deepStrictEqual(await answer(repo), await fresh(repo), 'past until');
    assert.strictEqual(seenMarkOf(repo), undefined, 'past until: the figures for these bytes not replaced by a mark (git may have been asked: then not kept yet)');
    assert.deepStrictEqual(await answer(repo), await fresh(repo), 'past until, again');
    assert.strictEqual(stored(repo).madeAt, clock.now, 'kept again for this clock');
    assert.ok(fs.readFileSync(keptOf(repo)).equals(kept), 'the kept gauge still not written again');
  });

  it('after a fold: a mark for bytes since edited in place (same size) makes no second call', async () => {
    const repo = livedRepo(120);
    await keep(repo);
    const kept = fs.readFileSync(keptOf(repo));
    appendDeploy(repo, 500, 2 * HOUR);
    await firstAfterFold(repo, kept, 'a run appended');
    const text = fs.readFileSync(historyOf(repo), 'utf8');
    fs.writeFileSync(historyOf(repo), text.replace(/"durationMs":40000(?![^]*"durationMs":40000)/, '"durationMs":41000')); // the folded run's deploy stage
    await firstAfterFold(repo, kept, 'the folded run edited: folded in again as it now reads, marked again');
    await secondAndThird(repo, kept, 'the edited bytes');
  });

  it('after a fold: no figures for the bytes a call fingerprinted when the fold took in a line appended after (another call marked those)', async () => {
    const repo = livedRepo(120);
    await keep(repo);
    appendDeploy(repo, 500, 3 * HOUR);
    const io = new FakeIo(repo, cleanEnv(), []);
    const config = path.join(repo, '.gearshift.yml');
    const start = await startGauge(repo, config, io);
    appendDeploy(repo, 501, 2 * HOUR);
    await answer(repo); // marks the bytes with both runs
    const read = await readGaugeHistory(repo, config, io, Date.now(), true, start);
    assert.strictEqual(read.runs[0]?.id, 'run-0501', 'folded up to the run appended after the fingerprint');
    await gaugeFor(repo, config, io, Date.now(), read);
    assert.ok(!fs.existsSync(figuresOf(repo)) || figuresBytesOf(repo) === undefined, 'no figures kept (they would be keyed on the bytes before run 501)');
    assert.ok(sameBytes(seenMarkOf(repo), historyBytesOf(repo)), 'the mark left as it was');
  });
});
