/**
 * review36 F6: a secret named like a variable the engine sets itself is not the user's secret on
 * CI (`$HOME` is the runner's home, `CI_JOB_TOKEN` GitLab's token; GitHub refuses secrets named
 * GITHUB_*). The export still writes the file, and warns on stderr and in the header.
 */
import * as assert from 'node:assert';
import { Workspaces } from '../../support/workspaces';
import { exportedHeader } from './exportedHeader';

const PIPELINE = `version: 1
stages:
  - name: Ship
    run: ./ship.sh
    env:
      A: "\${{ secrets.HOME }}"
      B: "\${{ secrets.CI_JOB_TOKEN }}"
      C: "\${{ secrets.GITHUB_TOKEN }}"
      D: "\${{ secrets.DEPLOY_TOKEN }}"
`;

describe('gearshift export: a secret named like a variable the engine sets itself', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const exported = (args: string[], file: string): Promise<{ stderr: string; header: string }> => exportedHeader(ws, PIPELINE, args, file);

  for (const viaCli of [false, true]) {
    it(`GitLab${viaCli ? ' --via-cli' : ''}: HOME and CI_JOB_TOKEN are warned about, on stderr and in the header; the others not`, async () => {
      const { stderr, header } = await exported(['gitlab', ...(viaCli ? ['--via-cli'] : [])], '.gitlab-ci.yml');
      assert.match(stderr, /^warning: secret CI_JOB_TOKEN is named like GitLab's predefined variables \(CI_\*, GITLAB_\*\): the job reads GitLab's CI_JOB_TOKEN, not a CI\/CD variable of yours; rename the secret$/m);
      assert.match(stderr, /^warning: secret HOME is the runner's shell variable HOME: .*rename the secret$/m);
      assert.match(header, /^# Warning: secret CI_JOB_TOKEN is named like GitLab's predefined variables/m);
      assert.match(header, /^# Warning: secret HOME is the runner's shell variable HOME/m);
      assert.doesNotMatch(stderr + header, /GITHUB_TOKEN|DEPLOY_TOKEN/);
    });
  }

  it('GitHub: GITHUB_TOKEN is warned about (GitHub refuses secrets named GITHUB_*); HOME is a secret like any other there', async () => {
    const { stderr, header } = await exported(['github'], '.github/workflows/gearshift.yml');
    assert.match(stderr, /^warning: secret GITHUB_TOKEN: GitHub refuses secrets named GITHUB_\*, so \$\{\{ secrets\.GITHUB_TOKEN \}\} is the workflow's automatic token, not a secret of yours; rename the secret$/m);
    assert.match(header, /^# Warning: secret GITHUB_TOKEN: GitHub refuses secrets named GITHUB_\*/m);
    assert.doesNotMatch(stderr + header, /secret (HOME|CI_JOB_TOKEN|DEPLOY_TOKEN)\b/);
  });
});
