/**
 * The gauge's headline must be credible (edjourney finding 7), in the CLI as the editor shows it:
 * a red pipeline holds back 5th gear (core/redgreen's red period, the one `status` shows), a
 * history under a week is provisional with its real span, and neither is served stale by the
 * caches beside the history (the kept figures, cli/gaugeAnswer.ts; the kept gauge,
 * core/gears/gaugeFactsCache.ts): a run turning red, or the clock moving on, shows in the next call.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { cleanupTempDirs, commitAt, commitFile, git, initRepo } from '../../support/git';
import { useFrozenClock } from '../../support/frozenClock';
import { answer, figuresOf, fresh, historyOf, stateDir } from './keptGauge';
import { runMain } from './runMain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface GearJson { number: number | null; limitingFactor: string; why: string; heldBack: boolean; provisional: string | null }
interface Printed { gear: GearJson; metrics: Record<string, { band?: string; bandWithheld?: string }>; redSince?: string | null }

const printed = (stdout: string): Printed => JSON.parse(stdout) as Printed;

describe('gearshift gear / status: a red pipeline holds back 5th gear (real runs, real git)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const PIPE = `${pipeline([
    { name: 'Unit Tests', run: 'test ! -f broken' },
    { name: 'Deploy Prod', run: 'echo deployed', extra: ['environment: production'] },
  ])}trigger: commit\n`;

  it('trigger: commit, every commit deployed, then a red run: 4th gear at most, the red pipeline named with its commit; green again → 5th', async () => {
    const repo = ws.repo(PIPE);
    for (const name of ['a.txt', 'b.txt']) {
      commitFile(repo, name, `${name}\n`, `add ${name}`);
      assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    }
    const before = printed((await runMain(['gear', '--json'], { cwd: repo })).stdout).gear;
    assert.deepStrictEqual([before.number, before.heldBack], [5, false], JSON.stringify(before));
    const culprit = commitFile(repo, 'broken', 'oops\n', 'break the unit tests');
    assert.notStrictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    const short = culprit.slice(0, 8);
    for (const command of [['gear', '--json'], ['status', '--json']]) {
      const json = printed((await runMain(command, { cwd: repo })).stdout);
      assert.deepStrictEqual([json.gear.number, json.gear.heldBack, json.gear.limitingFactor], [4, true, 'the pipeline is red'], command.join(' '));
      assert.match(json.gear.why, new RegExp(`^red for \\d+[sm] since ${short}: commits are not reaching production \\(5th gear once it is green again\\)$`));
      if (command[0] === 'status') { assert.strictEqual(typeof json.redSince, 'string', 'status says red too'); }
    }
    const text = (await runMain(['gear'], { cwd: repo })).stdout;
    assert.match(text, /^Gear: 4th gear, every 2–3 days, provisional: /);
    assert.match(text, /^Limiting factor: the pipeline is red$/m);
    assert.match(text, /^ {2}- fix or revert it$/m);
    git(repo, 'rm', '-q', 'broken');
    git(repo, 'commit', '-q', '-m', 'fix the unit tests');
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    const after = printed((await runMain(['gear', '--json'], { cwd: repo })).stdout).gear;
    assert.deepStrictEqual([after.number, after.heldBack], [5, false], JSON.stringify(after));
  });
});

describe('gearshift gear / status: no cache serves a stale headline', function () {
  this.timeout(120_000);
  const HOURLESS = Math.ceil(Date.now() / DAY) * DAY;
  /** After the real clock, so nothing git dates now is ahead of the frozen one. */
  const NOW = HOURLESS + 2 * DAY + 12 * HOUR;
  const clock = useFrozenClock(NOW);
  afterEach(cleanupTempDirs);
  const dead = deadPid();
  const PIPELINE = `${pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }])}trigger: commit\n`;

  /** A run of `sha` ending at t, as `gearshift run` writes it: a deploy, or red in Build. */
  function runLines(id: string, t: number, sha: string, red = false): string {
    const at = new Date(t - 90_000).toISOString();
    const endedAt = new Date(t).toISOString();
    const run = makeRun(id, { startedAt: at, sha, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const stages = red ? [stage('Build', 'failed', { durationMs: 30_000, startedAt: at }), stage('Deploy', 'skipped')]
      : [stage('Build', 'passed', { durationMs: 30_000, startedAt: at }), stage('Deploy', 'passed', { durationMs: 40_000, startedAt: at })];
    return rawLine('start', run, { at, pid: dead }) + rawLine('end', { ...run, state: red ? 'red' : 'green', endedAt, stages }, { at: endedAt, pid: dead });
  }

  /**
   * A commit every `gap` from `span` ago, each deployed an hour later; the last deploy an hour before NOW.
   * `skew`: off whole days, so no item sits on a window's edge at NOW (then the figures change the next instant).
   */
  function repoWith(span: number, gap: number, skew = 0): { repo: string; head: string } {
    const repo = initRepo();
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE);
    git(repo, 'add', '.gearshift.yml');
    commitAt(repo, 'the pipeline', NOW - span - 2 * HOUR);
    let lines = '';
    let head = '';
    let i = 0;
    for (let t = NOW - span + skew; t <= NOW - 2 * HOUR; t += gap) {
      head = commitAt(repo, `change ${i}`, t);
      lines += runLines(`run-${String(i++).padStart(4, '0')}`, t + HOUR, head);
    }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    return { repo, head };
  }

  const keptFigures = (repo: string): boolean => fs.existsSync(figuresOf(repo)) && 'gauge' in (JSON.parse(fs.readFileSync(figuresOf(repo), 'utf8')) as object);

  it('kept figures of a green 5th gear, then a run turns red: the next call says 4th, held back by the red pipeline, as a read does', async () => {
    const { repo } = repoWith(150 * DAY, DAY, 3 * HOUR + 7 * MINUTE);
    // Committed, not run yet: only the history changes below, not git.
    const culprit = commitAt(repo, 'break the build', NOW - 10 * MINUTE);
    await answer(repo);
    await answer(repo); // git's memo, written by the first call, now gives every git answer: the figures are kept
    assert.ok(keptFigures(repo), 'kept');
    const green = printed((await answer(repo)).stdout).gear;
    assert.deepStrictEqual([green.number, green.provisional, green.heldBack], [5, null, false]);
    fs.appendFileSync(historyOf(repo), runLines('run-red', NOW - 4 * MINUTE, culprit, true));
    for (const args of [['status', '--json'], ['gear', '--json']]) {
      const got = await answer(repo, args);
      const json = printed(got.stdout);
      assert.deepStrictEqual([json.gear.number, json.gear.heldBack, json.gear.limitingFactor], [4, true, 'the pipeline is red'], args.join(' '));
      assert.strictEqual(json.gear.why, `red for 4m since ${culprit.slice(0, 8)}: commits are not reaching production (5th gear once it is green again)`);
      assert.deepStrictEqual(got, await fresh(repo, args), `${args[0]}: as a read of the file and git says`);
    }
    fs.appendFileSync(historyOf(repo), runLines('run-fixed', NOW - MINUTE, commitAt(repo, 'fix the build', NOW - 3 * MINUTE)));
    assert.deepStrictEqual([printed((await answer(repo)).stdout).gear.number, printed((await answer(repo)).stdout).gear.heldBack], [5, false]);
  });

  it('a history of hours is provisional, kept only until its span ticks over: an hour later the span says so, and a week on it is no longer provisional', async () => {
    const { repo } = repoWith(5 * HOUR, HOUR);
    const first = printed((await answer(repo)).stdout);
    await answer(repo); // git's memo, written by the first call, now gives every git answer: the figures are kept
    assert.ok(keptFigures(repo), 'kept');
    // The history begins at the first deploy, timed when its Deploy stage ended, 50 s before its run did.
    const tick = NOW + HOUR - 50_000;
    assert.strictEqual((JSON.parse(fs.readFileSync(figuresOf(repo), 'utf8')) as { until: number }).until, tick, 'until "4 hours" becomes "5 hours"');
    assert.strictEqual(first.gear.provisional, 'provisional: 4 hours of deploy history'); // since the first deploy, about an hour after the first commit
    assert.strictEqual(first.metrics.deploymentFrequency.band, undefined);
    assert.match(first.metrics.deploymentFrequency.bandWithheld ?? '', /^too little deploy history \(4 hours; 7 days needed\)$/);
    clock.advance(tick - 1 - NOW);
    assert.strictEqual(printed((await answer(repo)).stdout).gear.provisional, 'provisional: 4 hours of deploy history');
    clock.advance(1);
    for (const args of [['status', '--json'], ['gear', '--json']]) {
      const got = await answer(repo, args);
      assert.strictEqual(printed(got.stdout).gear.provisional, 'provisional: 5 hours of deploy history', args.join(' '));
      assert.deepStrictEqual(got, await fresh(repo, args), args.join(' '));
    }
    clock.advance(7 * DAY);
    const later = printed((await answer(repo)).stdout);
    assert.strictEqual(later.gear.provisional, null);
    assert.strictEqual(later.metrics.deploymentFrequency.bandWithheld, undefined);
    assert.strictEqual(typeof later.metrics.deploymentFrequency.band, 'string');
  });
});
