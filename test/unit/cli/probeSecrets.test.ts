import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commitFile, initRepo, tempDir } from '../../support/git';
import { withDeadline } from '../deploy/helpers';
import { runMain } from './runMain';

/** docs/secrets.md: no process outside a stage's `env:` gets the CLI's GEARSHIFT_SECRET_*; monitoring's command probes neither. */
describe('CLI secrets and command probes', function () {
  this.timeout(40_000);
  afterEach(() => cleanupTempDirs());

  it('a command probe does not see GEARSHIFT_SECRET_X nor GEARSHIFT_GITHUB_TOKEN from the CLI\'s environment, and does see the rest of it', async () => {
    const dir = fs.realpathSync(initRepo(tempDir()));
    commitFile(dir, '.gitignore', 'seen\n', 'Ignore the probe\'s file');
    commitFile(dir, '.gearshift.yml', [
      'version: 1',
      'stages:',
      '  - name: Deploy Prod',
      '    run: "true"',
      '    environment: production',
      'monitor:',
      '  window: 400ms',
      '  interval: 200ms',
      '  baseline: 0s',
      '  probes:',
      `    - command: ${JSON.stringify('{ printenv GEARSHIFT_SECRET_X || echo unset; printenv GEARSHIFT_GITHUB_TOKEN || echo unset; printenv PLAIN; } > seen; echo 0')}`,
      '',
    ].join('\n'), 'Add the pipeline');
    const res = await withDeadline(runMain(['run'], { cwd: dir, env: { GEARSHIFT_SECRET_X: 'hunter22-secret', GEARSHIFT_GITHUB_TOKEN: 'ghs_probeToken1', PLAIN: 'visible' } }), 30_000, 'run');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'seen'), 'utf8').trim().split('\n'), ['unset', 'unset', 'visible']);
  });
});
