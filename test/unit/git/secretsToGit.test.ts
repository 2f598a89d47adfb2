import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { gitAt, runGit } from '../../../src/core/git';
import { cleanupTempDirs, commitFile, git, initRepo, tempDir } from '../../support/git';

const SECRETS = { GEARSHIFT_SECRET_TOK: 'hunter2-git-secret', GEARSHIFT_GITHUB_TOKEN: 'ghs_gitTokenValue', GEARSHIFT_GITLAB_TOKEN: 'glpat-gitTokenValue' };

/**
 * sec30 L1: git runs programs the repository configures (here core.fsmonitor, which `git status`
 * runs); they get no secret and no token, whether git is run by runGit or through simple-git.
 */
describe('git: no secret or token reaches the programs git runs', () => {
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(Object.keys(SECRETS).map((k) => [k, process.env[k]]));
    Object.assign(process.env, SECRETS);
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) { delete process.env[k]; } else { process.env[k] = v; } }
  });
  after(cleanupTempDirs);

  function repoDumpingEnv(): { repo: string; seen: string } {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'a\n', 'first');
    const seen = path.join(tempDir(), 'env.txt');
    const hook = path.join(tempDir(), 'fsmonitor.sh');
    fs.writeFileSync(hook, `#!/bin/sh\nenv >> '${seen}'\nexit 1\n`, { mode: 0o755 });
    git(repo, 'config', 'core.fsmonitor', hook);
    return { repo, seen };
  }

  function assertRanWithout(seen: string): void {
    const text = fs.readFileSync(seen, 'utf8'); // the program ran
    for (const [name, value] of Object.entries(SECRETS)) { assert.ok(!text.includes(name) && !text.includes(value), `${name} reached git's fsmonitor`); }
    assert.match(text, /PATH=/);
  }

  it('runGit', async () => {
    const { repo, seen } = repoDumpingEnv();
    await runGit(repo, ['status', '--porcelain']);
    assertRanWithout(seen);
  });

  it('simple-git (gitAt, which the release facts and the tracker use)', async () => {
    const { repo, seen } = repoDumpingEnv();
    await gitAt(repo).raw(['status', '--porcelain']);
    assertRanWithout(seen);
  });
});
