import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';
import { commitFile, git } from '../../support/git';

/** The span of a history made by a test's runs: seconds on an idle machine, a minute or two on a loaded one. */
const SPAN = '(?:less than a minute|\\d+ minutes?)';
const FIVE = ['changeFailRate', 'changeLeadTime', 'deploymentFrequency', 'deploymentReworkRate', 'failedDeploymentRecoveryTime'];

describe('gearshift gear and status --json gear (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const PIPE = pipeline([
    { name: 'Unit Tests', run: 'echo tested' },
    { name: 'Deploy Prod', run: 'echo deployed', extra: ['environment: production'] },
  ]);

  it('is neutral before any production deploy and says so', async () => {
    const repo = ws.repo(PIPE);
    const r = await runMain(['gear'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /neutral|not measured|no production deploys/i);
    // The pipeline has a production stage: the way to a first deploy names it, as plain text (no backticks).
    assert.match(r.stdout, /^ {2}why: run the pipeline through "Deploy Prod"$/m);
    const json = JSON.parse((await runMain(['gear', '--json'], { cwd: repo })).stdout);
    assert.strictEqual(json.gear.why, 'no production deploy recorded in this clone: run the pipeline through "Deploy Prod"');
    assert.deepStrictEqual([json.gear.provisional, json.gear.heldBack], [null, false]);
    // The text's "Next, to shift up", the same steps in the same order.
    const text = r.stdout.split('Next, to shift up:\n')[1]?.split('\n\n')[0] ?? assert.fail(r.stdout);
    assert.deepStrictEqual(json.gear.next, text.split('\n').map((l) => l.replace(/^ {2}- /, '')));
    assert.ok(json.gear.next.length > 0);
  });

  it('an invalid .gearshift.yml is named as what limits the gauge (not "no production deploys recorded in this clone"), and the checklist says the file has errors', async () => {
    const repo = ws.repo(PIPE);
    for (let i = 0; i < 3; i++) { assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0); }
    fs.appendFileSync(path.join(repo, '.gearshift.yml'), '  - name: Smoke\n    run: echo smoke\n    timeout: 5parsecs\n');
    for (const command of [['gear', '--json'], ['status', '--json']]) {
      const r = await runMain(command, { cwd: repo });
      assert.strictEqual(r.code, 0, r.stderr);
      const gear = JSON.parse(r.stdout).gear;
      assert.strictEqual(gear.limitingFactor, 'the pipeline file has errors', command.join(' '));
      assert.match(gear.why, /^\.gearshift\.yml:\d+:\d+: .*timeout.*; production deploys are told by the pipeline's stages: fix it \(`gearshift validate` lists its errors\)$/);
      const deploy = JSON.parse(r.stdout).checklist.find((i: { id: string }) => i.id === 'deploy-automated');
      assert.deepStrictEqual([deploy.status, deploy.how], ['unknown', '.gearshift.yml has errors: `gearshift validate` lists them']);
    }
  });

  it('no .gearshift.yml at all: "no pipeline file", in gear --json and status --json, with no file:line:col and no editor command (review32 L8)', async () => {
    const repo = ws.emptyRepo();
    for (const command of [['gear', '--json'], ['status', '--json']]) {
      const r = await runMain(command, { cwd: repo });
      assert.strictEqual(r.code, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.deepStrictEqual([json.gear.limitingFactor, json.gear.why], ['no pipeline file', 'there is no .gearshift.yml here, and production deploys are told by its stages'], command.join(' '));
      for (const key of FIVE) { assert.strictEqual(json.metrics[key].notMeasured, 'not measured: there is no .gearshift.yml here', key); }
      assert.doesNotMatch(r.stdout, /has errors|:1:1:|Create Pipeline Config/, command.join(' '));
      const deploy = json.checklist.find((i: { id: string }) => i.id === 'deploy-automated');
      assert.deepStrictEqual([deploy.status, deploy.how], ['unknown', 'no .gearshift.yml to read']);
    }
  });

  it('three production deploys minutes apart read as a provisional 4th gear citing the real span, with metrics, withheld bands and a checklist', async () => {
    const repo = ws.repo(PIPE);
    for (let i = 0; i < 3; i++) { assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0); }
    const json = JSON.parse((await runMain(['gear', '--json'], { cwd: repo })).stdout);
    assert.strictEqual(json.gear.number, 4, JSON.stringify(json.gear));
    assert.match(json.gear.provisional, new RegExp(`^provisional: ${SPAN} of deploy history$`));
    assert.match(json.gear.why, new RegExp(`^4th gear: 3 deploys in ${SPAN}, median interval \\d`));
    assert.strictEqual(typeof json.metrics.deploymentFrequency?.value, 'number', JSON.stringify(Object.keys(json.metrics)));
    assert.strictEqual(json.metrics.deploymentFrequency.band, undefined, 'no "elite" from a minute of history');
    assert.match(json.metrics.deploymentFrequency.display, new RegExp(`^3 deploys in ${SPAN}$`));
    assert.match(json.metrics.deploymentFrequency.bandWithheld, new RegExp(`^too little deploy history \\(${SPAN}; 7 days needed\\)$`));
    assert.ok(Array.isArray(json.checklist) && json.checklist.length > 0);
    const status = JSON.parse((await runMain(['status', '--json'], { cwd: repo })).stdout);
    assert.strictEqual(status.state, 'green');
    // The span may tick over between the two calls; the rest must agree.
    const timeless = (gear: object): string => JSON.stringify(gear).replace(new RegExp(SPAN, 'g'), 'SPAN');
    assert.strictEqual(timeless(status.gear), timeless(json.gear), 'status --json says what gear --json says');
    const text = await runMain(['gear'], { cwd: repo });
    assert.match(text.stdout, new RegExp(`^Gear: 4th gear, every 2–3 days, provisional: ${SPAN} of deploy history\n  3 deploys in ${SPAN}, median interval `));
    assert.match(text.stdout, new RegExp(`Deployment frequency +3 deploys in ${SPAN} +\\[no band: too little deploy history \\(${SPAN}; 7 days needed\\)\\]`));
  });

  it('a repository minutes old: commits per day reads "4 commits in N minutes" in gear, gear --json (adding sampleSize) and status --json; no binding limit yet', async () => {
    const repo = ws.repo(PIPE); // four commits, made just now
    for (let i = 0; i < 3; i++) { assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0); }
    for (const command of [['gear', '--json'], ['status', '--json']]) {
      const speed = JSON.parse((await runMain(command, { cwd: repo })).stdout).speed;
      assert.match(speed.commitsPerDay.display, new RegExp(`^4 commits in ${SPAN}$`), command.join(' '));
      assert.deepStrictEqual([speed.commitsPerDay.value, speed.commitsPerDay.unit, speed.commitsPerDay.sampleSize], [4, 'commits/day', 4], 'the value stays the per-day rate; the count is added');
      // A sub-second pipeline has no precise figure (review39 L8): "more than one deploy per second".
      assert.match(speed.topSpeed.display, /^([\d.]+ deploys\/day|more than one deploy per second)$/, 'top speed: 24 h ÷ the pipeline, a capacity');
    }
    const text = (await runMain(['gear'], { cwd: repo })).stdout;
    assert.match(text, new RegExp(`^ +Commits per day +4 commits in ${SPAN}$`, 'm'));
    assert.match(text, new RegExp(`binding limit: too little history to tell \\(4 commits in ${SPAN}; 7 days needed\\)`));
  });

  it('`metrics` holds exactly DORA\'s five, each { value, unit, band?, sampleSize }, in gear --json and status --json; text shows them', async () => {
    const repo = ws.repo(PIPE);
    for (let i = 0; i < 3; i++) { assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0); }
    for (const command of [['gear', '--json'], ['status', '--json']]) {
      const json = JSON.parse((await runMain(command, { cwd: repo })).stdout);
      assert.deepStrictEqual(Object.keys(json.metrics).sort(), FIVE, command.join(' '));
      for (const key of FIVE) {
        const m = json.metrics[key];
        assert.ok(m.value === null || typeof m.value === 'number', key);
        assert.strictEqual(typeof m.unit, 'string', key);
        assert.strictEqual(typeof m.sampleSize, 'number', key);
        assert.ok(m.band === undefined || ['elite', 'high', 'medium', 'low'].includes(m.band), key);
      }
      assert.deepStrictEqual(json.metrics.deploymentFrequency.sampleSize, 3);
      assert.strictEqual(json.metrics.changeFailRate.value, 0);
      assert.strictEqual(json.metrics.changeFailRate.band, undefined); // minutes of history: no band
      assert.match(json.metrics.changeFailRate.bandWithheld, /^too little deployment history/);
      assert.strictEqual(json.metrics.failedDeploymentRecoveryTime.value, null); // nothing failed: no recovery to time
      assert.strictEqual(json.metrics.failedDeploymentRecoveryTime.detail, 'no failed deployment in the window: nothing to recover from');
      assert.strictEqual(json.metrics.deploymentReworkRate.band, undefined); // no published bands
      assert.deepStrictEqual(json.bands, { source: 'DORA, Accelerate State of DevOps 2024', year: 2024, definitions: json.bands.definitions, minimumSample: 3 });
      assert.strictEqual(typeof json.speed.topSpeed, 'object');
    }
    const text = (await runMain(['gear'], { cwd: repo })).stdout;
    for (const label of ['Change lead time', 'Deployment frequency', 'Failed deployment recovery time', 'Change fail rate', 'Deployment rework rate']) {
      assert.match(text, new RegExp(`^  ${label} +\\S`, 'm'), label);
    }
    assert.match(text, /Change fail rate +0% +\[no band: too little deployment history/);
    assert.match(text, /Deployment rework rate +0%\n +.*; no published bands; sample /); // said once, on the detail line
  });

  it('a deploy of a `git revert` of a deployed commit counts as rework (real git)', async () => {
    const repo = ws.repo(PIPE);
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    const bad = commitFile(repo, 'app.txt', 'broken\n', 'a change that breaks production');
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    git(repo, 'revert', '--no-edit', bad);
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    const r = await runMain(['gear', '--json'], { cwd: repo });
    const json = JSON.parse(r.stdout);
    assert.strictEqual(json.metrics.deploymentReworkRate.sampleSize, 3, r.stderr);
    assert.strictEqual(json.metrics.deploymentReworkRate.value, 33.3);
    assert.strictEqual(json.metrics.changeFailRate.value, 0); // a revert is rework, not a failed deployment
  });
});
