import * as assert from 'node:assert/strict';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

describe('gearshift deploy production with no production stage (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('refuses with the reason alone: no plan printed for a deploy that cannot exist, nothing run', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'touch ran' }]));
    const r = await runMain(['deploy', 'production', '--yes'], { cwd: repo });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'gearshift deploy: not deploying: the pipeline has no stage with environment: production, so nothing would deploy. Add one to .gearshift.yml: a stage whose run deploys your build to production, with environment: production\n');
    const json = await runMain(['deploy', 'production', '--yes', '--json'], { cwd: repo });
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout), { result: 'refused', message: 'not deploying: the pipeline has no stage with environment: production, so nothing would deploy. Add one to .gearshift.yml: a stage whose run deploys your build to production, with environment: production', run: null, deploy: null });
  });

  it('deploy non-prod with no non-prod stage says what to add, in plain words (firsthour34 F6)', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'touch ran' }]));
    const r = await runMain(['deploy', 'non-prod', '--yes'], { cwd: repo });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'gearshift deploy: the pipeline has no stage with environment: non-prod. '
      + 'Add one to .gearshift.yml: a stage whose run deploys your build to a test environment, with environment: non-prod\n');
  });
});
