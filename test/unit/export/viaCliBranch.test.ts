/**
 * review36 F5: GitLab's runner checks the commit out detached, so a `--via-cli` job's
 * `gearshift run` found no branch (GEARSHIFT_BRANCH empty in every stage, none in history). The job
 * passes `GEARSHIFT_BRANCH: $CI_COMMIT_REF_NAME`, and `gearshift run` takes the branch from it
 * on a detached HEAD only (on a branch, git's answer wins).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from '../cli/runMain';

describe('--via-cli on GitLab: the branch of a detached CI checkout', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('the job passes GEARSHIFT_BRANCH from $CI_COMMIT_REF_NAME', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'true' }]));
    assert.strictEqual((await runMain(['export', 'gitlab', '--via-cli'], { cwd: repo })).code, 0);
    const doc = parse(fs.readFileSync(path.join(repo, '.gitlab-ci.yml'), 'utf8')) as Record<string, { variables: Record<string, string> }>;
    assert.strictEqual(doc.unit.variables.GEARSHIFT_BRANCH, '$CI_COMMIT_REF_NAME');
  });

  it('gearshift run on a detached HEAD gives stages (and history) GEARSHIFT_BRANCH from the environment; on a branch, git\'s', async () => {
    const repo = ws.repo(pipeline([{ name: 'Show', run: 'echo "branch=[$GEARSHIFT_BRANCH]"' }]));
    const onBranch = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_BRANCH: 'elsewhere' } });
    assert.match(onBranch.stdout, /branch=\[main\]/);
    git(repo, 'checkout', '-q', '--detach');
    const bare = await runMain(['run'], { cwd: repo });
    assert.match(bare.stdout, /branch=\[\]/, 'no branch anywhere: none');
    const ci = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_BRANCH: 'feature/login' } });
    assert.strictEqual(ci.code, 0, ci.stderr);
    assert.match(ci.stdout, /branch=\[feature\/login\]/);
    const last = await runMain(['history', '--json'], { cwd: repo });
    assert.match(last.stdout, /"branch":\s*"feature\/login"/);
  });
});
