/**
 * A project with no deploy yet (firsthour34 F6, F20): a deploy to an environment no stage is
 * marked for says what to add, in plain words; a non-prod pass of the commit already live in
 * production is not offered for promotion.
 */
import * as assert from 'node:assert/strict';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { deployNonProd, deployProduction, promote } from '../../../src/core/release/index';
import { isNoEnvironmentStage, stagesLine } from '../../../src/core/config';
import { pipeline, Workspaces } from '../../support/workspaces';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

describe('deployCommands: a project with no deploy yet', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  let r: DeployRepo | undefined;
  afterEach(async () => { await r?.dispose(); r = undefined; ws.cleanup(); });

  it('deploy to non-prod or production with no such stage: what to add, no Markdown, nothing run', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit Tests', run: 'touch ran' }]));
    const engine = new PipelineEngine({ folder: repo });
    try {
      const nonProd = await deployNonProd(engine);
      assert.equal(nonProd.result, 'refused');
      assert.equal(nonProd.message, 'the pipeline has no stage with environment: non-prod. '
        + 'Add one to .gearshift.yml: a stage whose run deploys your build to a test environment, with environment: non-prod');
      const prod = await deployProduction(engine);
      assert.equal(prod.result, 'refused');
      assert.match(prod.message, /^the pipeline has no stage with environment: production, so nothing would deploy\. Add one to \.gearshift\.yml: a stage whose run deploys your build to production, with environment: production$/);
      for (const m of [nonProd.message, prod.message]) {
        assert.doesNotMatch(m, /`/, 'notifications do not render Markdown');
        assert.ok(isNoEnvironmentStage(m), 'the editor offers Open .gearshift.yml for it');
      }
      assert.equal(isNoEnvironmentStage('not deploying: the pipeline is red'), false);
    } finally {
      await engine.dispose();
    }
  });

  it('the stages: line is where Open .gearshift.yml puts the cursor', () => {
    assert.equal(stagesLine('# header\nname: x\n\nstages:\n  - name: A\n'), 3);
    assert.equal(stagesLine('name: x\r\nstages :\r\n'), 1);
    assert.equal(stagesLine('name: x\n'), 0);
    // Read as YAML, as the stage positions are (config/stagePosition.ts): a quoted key is the key, a commented one is not.
    assert.equal(stagesLine('name: x\n"stages":\n  - name: A\n'), 1);
    assert.equal(stagesLine('# stages:\nname: x\nstages: []\n'), 2);
    assert.equal(stagesLine('{name: x,\n stages: []}\n'), 1);
  });

  it('a non-prod pass of the commit already live in production says so and is not promotable', async () => {
    r = await DeployRepo.create();
    const passed = r.head();
    assert.equal((await withDeadline(deployNonProd(r.engine), 20_000, 'non-prod')).result, 'ok');
    const p = await withDeadline(promote(r.engine, { approvedBy: 'lee' }), 20_000, 'promote');
    assert.equal(p.result, 'ok', p.message);
    const again = await withDeadline(deployNonProd(r.engine), 20_000, 'non-prod again');
    assert.ok(again.result === 'ok', again.message);
    assert.equal(again.message, `${passed.slice(0, 8)} passed non-prod; it is already live in production`);
    assert.equal(again.promotable, undefined, 'no Promote button, no CLI promote hint');
  });
});
