/**
 * review37b L2: a stage `env:` key the engine's runner reads itself (GitLab GIT_SSL_NO_VERIFY,
 * CI_DEBUG_TRACE, GIT_STRATEGY…; GitHub ACTIONS_*, GITHUB_*) changes the runner on CI, though
 * locally it only reaches the stage. The export still writes the file, and warns on stderr and in
 * the header; under --via-cli `gearshift run` sets env for the stage alone, so nothing is said.
 * The common `CI: "true"` is not warned about (rereview37 F14): every runner sets CI itself.
 */
import * as assert from 'node:assert';
import { Workspaces } from '../../support/workspaces';
import { exportedHeader } from './exportedHeader';

const PIPELINE = `version: 1
stages:
  - name: Ship
    run: ./ship.sh
    env:
      GIT_SSL_NO_VERIFY: "true"
      CI_DEBUG_TRACE: "true"
      GIT_DEPTH: "0"
      FF_USE_FASTZIP: "true"
      ACTIONS_ALLOW_UNSECURE_COMMANDS: "true"
      ACTIONS_STEP_DEBUG: "true"
      GITHUB_SHA: abc
      API_URL: https://example.com
      CI: "true"
`;

describe('gearshift export: a stage env key the engine\'s runner reads itself', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const exported = (args: string[], file: string): Promise<{ stderr: string; header: string }> => exportedHeader(ws, PIPELINE, args, file);

  const warned = (stderr: string): string[] => [...stderr.matchAll(/^warning: stage "Ship": env (\w+):/gm)].map((m) => m[1]);

  it('GitLab: the runner\'s own names are warned about, on stderr and in the header, each saying what it does there; not CI, which runners set themselves (rereview37 F14)', async () => {
    const { stderr, header } = await exported(['gitlab'], '.gitlab-ci.yml');
    assert.deepStrictEqual(warned(stderr), ['GIT_SSL_NO_VERIFY', 'CI_DEBUG_TRACE', 'GIT_DEPTH', 'FF_USE_FASTZIP']);
    assert.match(stderr, /^warning: stage "Ship": env GIT_SSL_NO_VERIFY: as a GitLab job variable it makes the runner clone and fetch the repository without checking TLS certificates; locally it only reaches the stage's command\. Rename it unless that is meant$/m);
    assert.match(stderr, /env CI_DEBUG_TRACE: .*debug trace: the job's log shows its commands and variables, secrets included/);
    assert.match(header, /^# Warning: stage "Ship": env GIT_SSL_NO_VERIFY: as a GitLab job variable/m);
    assert.match(header, /^# Warning: stage "Ship": env CI_DEBUG_TRACE:/m);
  });

  it('GitHub: ACTIONS_* and GITHUB_* (and GIT_SSL_NO_VERIFY, which the checkout step sees) are warned about', async () => {
    const { stderr, header } = await exported(['github'], '.github/workflows/gearshift.yml');
    assert.deepStrictEqual(warned(stderr), ['GIT_SSL_NO_VERIFY', 'ACTIONS_ALLOW_UNSECURE_COMMANDS', 'ACTIONS_STEP_DEBUG', 'GITHUB_SHA']);
    assert.match(stderr, /env ACTIONS_ALLOW_UNSECURE_COMMANDS: .*set-env and add-path/);
    assert.match(stderr, /env GITHUB_SHA: .*is ignored: GitHub sets GITHUB_\* and RUNNER_\* itself/);
    assert.match(header, /^# Warning: stage "Ship": env ACTIONS_STEP_DEBUG:/m);
  });

  for (const target of ['gitlab', 'github']) {
    it(`${target} --via-cli: nothing said (gearshift run sets env for the stage alone)`, async () => {
      const { stderr } = await exported([target, '--via-cli'], target === 'gitlab' ? '.gitlab-ci.yml' : '.github/workflows/gearshift.yml');
      assert.deepStrictEqual(warned(stderr), []);
    });
  }
});
