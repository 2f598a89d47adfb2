import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployContextIn } from '../../../src/core/deploy/deployFiles';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { cleanEnv, initRepo, tempDir, cleanupTempDirs } from '../../support/git';
import { runMain } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';

/** A repository before its first commit: `gearshift run` through production deploys nothing, as `deploy production` refuses. */
describe('production gate: no commit yet', function () {
  this.timeout(40_000);
  afterEach(() => cleanupTempDirs());

  function unbornRepo(): string {
    const dir = fs.realpathSync(initRepo(tempDir()));
    fs.writeFileSync(path.join(dir, 'switch.sh'), '#!/bin/sh\necho "$GEARSHIFT_SLOT" > live-slot\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, '.gearshift.yml'), [
      'version: 1',
      'stages:',
      '  - name: Unit Tests',
      '    run: touch unit-ran',
      '  - name: Deploy Prod',
      '    run: echo "$GEARSHIFT_SLOT" > deployed-to',
      '    environment: production',
      'deploy:',
      '  slots: [blue, green]',
      '  switch: ./switch.sh',
      '',
    ].join('\n'));
    return dir;
  }

  it('the stages before production run; the production stage is refused with deploy production\'s reason, in the run and in history', async () => {
    const dir = unbornRepo();
    const deploy = await withDeadline(runMain(['deploy', 'production', '--yes'], { cwd: dir }), 30_000, 'deploy');
    assert.match(deploy.stderr, /gearshift deploy: not deploying: there is no commit to deploy\n$/);
    const res = await withDeadline(runMain(['run'], { cwd: dir }), 30_000, 'run');
    assert.equal(fs.existsSync(path.join(dir, 'unit-ran')), true, 'the stages before production ran');
    assert.equal(fs.existsSync(path.join(dir, 'deployed-to')), false, 'the production stage did not run');
    assert.equal(fs.existsSync(path.join(dir, 'live-slot')), false, 'nothing switched');
    assert.equal(res.code, 130, res.stdout + res.stderr);
    assert.match(res.stdout, /not deploying: there is no commit to deploy/);

    const engine = new PipelineEngine({ folder: dir, baseEnv: cleanEnv() });
    const [run] = (await (await engine.history()).read()).runs;
    assert.deepEqual([run.sha, run.state, run.deploy], ['none', 'cancelled', { result: 'refused', message: 'not deploying: there is no commit to deploy' }]);
    assert.deepEqual(run.stages.map((s) => [s.name, s.state]), [['Unit Tests', 'passed'], ['Deploy Prod', 'cancelled']]);
    assert.equal(run.stages[1].reason, 'not deploying: there is no commit to deploy');
    const { state } = await deployContextIn(await engine.dataDir()).store.read();
    assert.deepEqual([state.slots, state.records], [{}, []], 'deploy.json records no release of sha none');
    await engine.dispose();
  });
});
