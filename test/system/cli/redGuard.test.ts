import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commitFile, initRepo, tempDir } from '../../support/git';
import { ensureCliBuilt, runCli } from './cliProcess';

/**
 * The bundled binary (dist/cli.js): a production deploy is refused on red whether it is asked for
 * as `deploy production` or as `run --stage <production stage>`; the same words, the same exit code.
 * Every case in-process: test/unit/deployCommands/redPartialRun.test.ts.
 */
describe('gearshift run --stage <production> while red (real process)', function () {
  this.timeout(60_000);
  before(() => ensureCliBuilt());
  after(() => cleanupTempDirs());

  it('is refused like deploy production (exit 2, its words); --override-red deploys', async () => {
    const dir = fs.realpathSync(initRepo(tempDir()));
    commitFile(dir, '.gitignore', 'fail-unit\ndeployed\n', 'Ignore the test files');
    commitFile(dir, '.gearshift.yml', [
      'version: 1',
      'stages:',
      '  - name: Unit Tests',
      '    run: test ! -e fail-unit',
      '  - name: Deploy Prod',
      '    run: echo "$GEARSHIFT_SHA" > deployed',
      '    environment: production',
      '',
    ].join('\n'), 'Add the pipeline');
    fs.writeFileSync(path.join(dir, 'fail-unit'), '');
    assert.equal((await runCli(['run'], { cwd: dir })).code, 1);
    fs.rmSync(path.join(dir, 'fail-unit'));

    const deploy = await runCli(['deploy', 'production', '--yes'], { cwd: dir });
    const stage = await runCli(['run', '--stage', 'Deploy Prod'], { cwd: dir });
    assert.equal(stage.code, 2, stage.stdout + stage.stderr);
    assert.equal(deploy.code, 2);
    const words = /^gearshift deploy: (not deploying: the pipeline is red since .*; deploy through a full `gearshift run` \(its tests run first, so red does not refuse it\), or rerun with --override-red)$/m.exec(deploy.stderr)?.[1];
    assert.ok(words, deploy.stderr);
    assert.equal(stage.stderr, `gearshift run: ${words}\n`);
    assert.equal(fs.existsSync(path.join(dir, 'deployed')), false);

    const over = await runCli(['run', '--stage', 'Deploy Prod', '--override-red'], { cwd: dir });
    assert.equal(over.code, 0, over.stdout + over.stderr);
    assert.equal(fs.existsSync(path.join(dir, 'deployed')), true);
  });
});
