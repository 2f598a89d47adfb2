/**
 * review20 M6 and L1 as a user meets them: real `gearshift run`s, real git, the CLI's answers.
 * M6: one run that deployed nothing, nine days old, must not make four deploys in seconds "4th
 * gear (every 2–3 days)" with DORA "elite"; the gear and the bands wait for a week of *deploy*
 * history, and the kept figures follow that span. L1: the neutral headline says "yet" on a young
 * history, and "not measured" (nothing about deploys) when .gearshift.yml does not load.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { cleanupTempDirs, commitAt, git, initRepo } from '../../support/git';
import { useFrozenClock } from '../../support/frozenClock';
import { answer, figuresOf, fresh, historyOf, stateDir } from './keptGauge';
import { runMain } from './runMain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The span of deploys made by a test's runs: seconds on an idle machine, a minute or two on a loaded one. */
const SPAN = '(?:less than a minute|\\d+ minutes?)';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

interface Json { gear: { number: number | null; provisional: string | null; why: string }; metrics: Record<string, { value: number | null; band?: string; bandWithheld?: string; display: string }> }

/** Every time in `value` (ISO strings) moved by `ms`: a run recorded by a real `gearshift run`, as if it ran then. */
function shifted(value: unknown, ms: number): unknown {
  if (typeof value === 'string') { return ISO.test(value) ? new Date(Date.parse(value) + ms).toISOString() : value; }
  if (Array.isArray(value)) { return value.map((v) => shifted(v, ms)); }
  if (value && typeof value === 'object') { return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, ms)])); }
  return value;
}

describe('gearshift gear: a week of deploy history, not of any run (review20 M6; real runs)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const PIPE = pipeline([
    { name: 'Unit Tests', run: 'echo tested' },
    { name: 'Deploy Prod', run: 'echo deployed', extra: ['environment: production'] },
  ]);

  it('a `--stage "Unit Tests"` run nine days ago, then four deploys in a row: provisional 4th gear, no band, in gear, gear --json and status --json', async () => {
    const repo = ws.repo(PIPE);
    assert.strictEqual((await runMain(['run', '--stage', 'Unit Tests'], { cwd: repo })).code, 0);
    const lines = fs.readFileSync(historyOf(repo), 'utf8').split('\n').filter((l) => l.trim() !== '');
    fs.writeFileSync(historyOf(repo), lines.map((l) => `${JSON.stringify(shifted(JSON.parse(l), -9 * DAY))}\n`).join(''));
    for (let i = 0; i < 4; i++) {
      git(repo, 'commit', '-q', '--allow-empty', '-m', `change ${i}`);
      assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    }
    for (const command of [['gear', '--json'], ['status', '--json']]) {
      const json = JSON.parse((await runMain(command, { cwd: repo })).stdout) as Json;
      assert.strictEqual(json.gear.number, 4, command.join(' '));
      assert.match(json.gear.provisional ?? '', new RegExp(`^provisional: ${SPAN} of deploy history$`), command.join(' '));
      for (const key of ['changeLeadTime', 'deploymentFrequency', 'changeFailRate']) {
        const m = json.metrics[key];
        assert.strictEqual(typeof m.value, 'number', `${key}: the value stays`);
        assert.deepStrictEqual(m.band, undefined, `${command.join(' ')} ${key}: no band from seconds of deploys`);
        assert.match(m.bandWithheld ?? '', new RegExp(`^too little deploy(ment)? history \\(${SPAN}; 7 days needed\\)$`), key);
      }
    }
    const text = (await runMain(['gear'], { cwd: repo })).stdout;
    assert.match(text, new RegExp(`^Gear: 4th gear, every 2–3 days, provisional: ${SPAN} of deploy history\n {2}4 deploys in ${SPAN}, median interval `));
    assert.match(text, new RegExp(`Deployment frequency +4 deploys in ${SPAN} +\\[no band`));
    assert.doesNotMatch(text, /\[(elite|high|medium|low), 2024\]/);
  });

  it('neutral on minutes of history says "yet", in the headline as in the limiting factor (review20 L1)', async () => {
    const repo = ws.repo(PIPE);
    assert.strictEqual((await runMain(['run', '--stage', 'Unit Tests'], { cwd: repo })).code, 0);
    const text = (await runMain(['gear'], { cwd: repo })).stdout;
    assert.match(text, /^Gear: neutral, no production deploys recorded in this clone\n {2}why: run the pipeline through "Deploy Prod"\n\nNext, to shift up:\n/);
    assert.strictEqual(text.split('\n').slice(0, 4).join('\n').match(/no production deploy/g)?.length, 1, 'said once (firsthour34 F8)');
  });

  it('deploys in history and a YAML error in .gearshift.yml: "not measured: the pipeline file has errors", nothing said about deploys (review20 L1)', async () => {
    const repo = ws.repo(PIPE);
    for (let i = 0; i < 2; i++) { assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0); }
    fs.appendFileSync(path.join(repo, '.gearshift.yml'), '  - name: [Smoke\n    run: echo smoke\n');
    const text = (await runMain(['gear'], { cwd: repo })).stdout;
    assert.match(text, /^Gear: neutral, not measured: the pipeline file has errors\n {2}not measured: the pipeline file has errors, and production deploys are told by its stages\n/);
    assert.match(text, /^Limiting factor: the pipeline file has errors$/m);
    assert.doesNotMatch(text, /no production deploy/);
    // Nor do DORA's metrics count "0 production deploys" (review22 L1): each says it is not measured, in text and JSON.
    assert.doesNotMatch(text, /not enough data|0 production deploys|0 deployed commits/);
    for (const label of ['Change lead time', 'Deployment frequency', 'Failed deployment recovery time', 'Change fail rate', 'Deployment rework rate']) {
      assert.match(text, new RegExp(`^  ${label} +not measured: the pipeline file has errors$`, 'm'), label);
    }
    const json = JSON.parse((await runMain(['gear', '--json'], { cwd: repo })).stdout) as { metrics: Record<string, { value: unknown; display: string; notMeasured?: string }> };
    for (const [key, m] of Object.entries(json.metrics)) {
      assert.deepStrictEqual([m.value, m.display, m.notMeasured], [null, 'not measured: the pipeline file has errors', 'not measured: the pipeline file has errors'], key);
    }
  });
});

describe('gearshift status / gear: the kept figures hold until the deploy history ticks over (review20 M6)', function () {
  this.timeout(60_000);
  const NOW = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY + 12 * HOUR; // after the real clock: nothing git dates now is ahead
  const clock = useFrozenClock(NOW);
  afterEach(cleanupTempDirs);
  const dead = deadPid();
  const PIPELINE = pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]);

  /** A run of `sha` ending at t, as `gearshift run` writes it: a deploy, or `--stage Build` (Deploy skipped). */
  function runLines(id: string, t: number, sha: string, deploy: boolean): string {
    const at = new Date(t - 90_000).toISOString();
    const endedAt = new Date(t).toISOString();
    const run = makeRun(id, { startedAt: at, sha, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const stages = [stage('Build', 'passed', { durationMs: 30_000, startedAt: at }), deploy ? stage('Deploy', 'passed', { durationMs: 40_000, startedAt: at }) : stage('Deploy', 'skipped')];
    return rawLine('start', run, { at, pid: dead }) + rawLine('end', { ...run, state: 'green', endedAt, stages }, { at: endedAt, pid: dead });
  }

  it('a run older than the window, then deploys for five hours: provisional, kept until "5 hours" becomes "6 hours", as a fresh read says', async () => {
    const repo = initRepo();
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE);
    git(repo, 'add', '.gearshift.yml');
    const first = commitAt(repo, 'the pipeline', NOW - 100 * DAY - HOUR);
    let lines = runLines('run-0000', NOW - 100 * DAY, first, false);
    for (let i = 1; i <= 5; i++) {
      const t = NOW - 5 * HOUR - 30 * MINUTE + (i - 1) * HOUR;
      lines += runLines(`run-000${i}`, t, commitAt(repo, `change ${i}`, t - 10 * MINUTE), true);
    }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    const got = JSON.parse((await answer(repo)).stdout) as Json;
    assert.strictEqual(got.gear.provisional, 'provisional: 5 hours of deploy history');
    assert.strictEqual(got.metrics.deploymentFrequency.bandWithheld, 'too little deploy history (5 hours; 7 days needed)');
    await answer(repo); // git's memo, written by the first call, now gives every git answer: the figures are kept
    // The deploy history begins when the first Deploy stage ended (its startedAt + 40 s), 50 s before its run did.
    const tick = NOW - 5 * HOUR - 30 * MINUTE - 50_000 + 6 * HOUR;
    assert.strictEqual((JSON.parse(fs.readFileSync(figuresOf(repo), 'utf8')) as { until?: number }).until, tick, 'kept until the span ticks over');
    clock.advance(tick - 1 - NOW);
    assert.strictEqual((JSON.parse((await answer(repo)).stdout) as Json).gear.provisional, 'provisional: 5 hours of deploy history');
    clock.advance(1);
    for (const args of [['status', '--json'], ['gear', '--json']]) {
      const now = await answer(repo, args);
      assert.strictEqual((JSON.parse(now.stdout) as Json).gear.provisional, 'provisional: 6 hours of deploy history', args.join(' '));
      assert.deepStrictEqual(now, await fresh(repo, args), args.join(' '));
    }
  });
});
