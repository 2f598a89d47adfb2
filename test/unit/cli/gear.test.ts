import * as assert from 'node:assert';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

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
  });

  it('three production deploys minutes apart read as 4th gear, with metrics, bands and a checklist', async () => {
    const repo = ws.repo(PIPE);
    for (let i = 0; i < 3; i++) { assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0); }
    const json = JSON.parse((await runMain(['gear', '--json'], { cwd: repo })).stdout);
    assert.strictEqual(json.gear.number, 4, JSON.stringify(json.gear));
    assert.ok(json.gear.limitingFactor.length > 0);
    assert.strictEqual(typeof json.metrics.deploymentFrequency?.value, 'number', JSON.stringify(Object.keys(json.metrics)));
    assert.strictEqual(json.metrics.deploymentFrequency.band, 'elite');
    assert.ok(Array.isArray(json.checklist) && json.checklist.length > 0);
    const status = JSON.parse((await runMain(['status', '--json'], { cwd: repo })).stdout);
    assert.strictEqual(status.state, 'green');
    assert.strictEqual(status.gear.number, 4);
    const text = await runMain(['gear'], { cwd: repo });
    assert.match(text.stdout, /4th gear/);
  });
});
