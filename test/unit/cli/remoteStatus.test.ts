import * as assert from 'node:assert';
import { git } from '../../support/git';
import { githubRun, gitlabPipeline, startFakeCi, type FakeCi } from '../../support/fakeCi';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

interface Remote { state: string; provider?: string; name?: string; hint?: string; detail?: string; url?: string }

describe('gearshift status: the remote field (in-process main, local CI server)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  let ci: FakeCi;
  beforeEach(async () => { ci = await startFakeCi(); });
  afterEach(async () => { ws.cleanup(); await ci.close(); });
  const PIPE = pipeline([{ name: 'Build', run: 'echo built' }]);

  async function status(repo: string, env: Record<string, string> = {}): Promise<{ json: Remote; text: string }> {
    const json = await runMain(['status', '--json'], { cwd: repo, env });
    const text = await runMain(['status'], { cwd: repo, env });
    assert.strictEqual(json.code, 0);
    return { json: (JSON.parse(json.stdout) as { remote: Remote }).remote, text: text.stdout };
  }

  it('GitHub origin + token: one request for HEAD, the red run in JSON and in the text line', async () => {
    const repo = ws.repo(PIPE);
    git(repo, 'remote', 'add', 'origin', `${ci.base}/octo/hello.git`); // the API URL answers for its own host (security34 M2)
    const sha = git(repo, 'rev-parse', 'HEAD');
    ci.githubRuns.push(githubRun(7, sha, 'completed', 'failure'));
    const env = { GEARSHIFT_GITHUB_TOKEN: 'ghp-test', GEARSHIFT_GITHUB_API_URL: ci.base };
    const { json, text } = await status(repo, env);
    assert.strictEqual(json.state, 'failure');
    assert.strictEqual(json.provider, 'github');
    assert.strictEqual(json.url, 'https://github.com/o/r/actions/runs/7');
    assert.strictEqual(ci.requests.length, 2, 'one request per invocation (JSON, then text), no jobs request');
    assert.strictEqual(ci.requests[0].path, `/repos/octo/hello/actions/runs?head_sha=${sha}&per_page=50`);
    assert.strictEqual(ci.requests[0].headers.authorization, 'Bearer ghp-test');
    assert.match(text, /\n {2}remote {4}red · CI · failure · https:\/\/github\.com\/o\/r\/actions\/runs\/7\n$/);
  });

  it('a github.com origin while GEARSHIFT_GITHUB_API_URL names another server: no request there, the token stays home, and the hint says why (security34 M2)', async () => {
    const repo = ws.repo(PIPE);
    git(repo, 'remote', 'add', 'origin', 'https://github.com/octocat/Hello-World.git');
    const { json, text } = await status(repo, { GEARSHIFT_GITHUB_TOKEN: 'ghp-for-the-enterprise', GEARSHIFT_GITHUB_API_URL: `${ci.base}/api/v3` });
    assert.strictEqual(json.state, 'off');
    assert.strictEqual(json.hint, 'no token: GEARSHIFT_GITHUB_TOKEN is sent only to the API at GEARSHIFT_GITHUB_API_URL; unset GEARSHIFT_GITHUB_API_URL to see github.com\'s CI');
    assert.match(text, /remote .*GEARSHIFT_GITHUB_TOKEN is sent only to the API at GEARSHIFT_GITHUB_API_URL/);
    assert.strictEqual(ci.requests.length, 0);
  });

  it('no token → {state: "off", hint} in JSON, no request, and the text says nothing about the remote (nobody asked)', async () => {
    const repo = ws.repo(PIPE);
    git(repo, 'remote', 'add', 'origin', `${ci.base}/g/app.git`);
    const { json, text } = await status(repo, { GEARSHIFT_GITLAB_API_URL: ci.base });
    assert.strictEqual(json.state, 'off');
    assert.match(json.hint ?? '', /set GEARSHIFT_GITLAB_TOKEN/);
    assert.doesNotMatch(text, /remote/, text);
    assert.strictEqual(ci.requests.length, 0);
  });

  it('a local origin or another host without a token: no remote line (walkcli32 L5)', async () => {
    const repo = ws.repo(PIPE);
    git(repo, 'remote', 'add', 'origin', '/srv/git/app.git');
    const local = await status(repo);
    assert.strictEqual(local.json.state, 'unsupported');
    assert.doesNotMatch(local.text, /remote|not supported/, local.text);
    git(repo, 'remote', 'set-url', 'origin', 'https://bitbucket.org/t/app.git');
    assert.doesNotMatch((await status(repo)).text, /remote|not supported/);
  });

  it('GitLab + token: the pipeline; a 500 is unknown and status still exits 0', async () => {
    const repo = ws.repo(PIPE);
    git(repo, 'remote', 'add', 'origin', `${ci.base}/g/app.git`);
    const sha = git(repo, 'rev-parse', 'HEAD');
    ci.gitlabPipelines.push(gitlabPipeline(9, sha, 'success'));
    const env = { GEARSHIFT_GITLAB_TOKEN: 'glpat', GEARSHIFT_GITLAB_API_URL: ci.base };
    assert.strictEqual((await status(repo, env)).json.state, 'success');
    ci.script.push({ status: 500 }, { status: 500 });
    const broken = await status(repo, env);
    assert.strictEqual(broken.json.state, 'unknown');
    assert.strictEqual(broken.json.detail, 'HTTP 500');
  });

  it('no origin → unsupported in JSON, no text line; another host → "not supported for this remote"', async () => {
    const repo = ws.repo(PIPE);
    const none = await status(repo, { GEARSHIFT_GITHUB_TOKEN: 't' });
    assert.strictEqual(none.json.state, 'unsupported');
    assert.doesNotMatch(none.text, /remote/);
    git(repo, 'remote', 'add', 'origin', 'https://bitbucket.org/t/app.git');
    const other = await status(repo, { GEARSHIFT_GITHUB_TOKEN: 't' });
    assert.strictEqual(other.json.state, 'unsupported');
    assert.match(other.text, /remote {4}status not supported for this remote · bitbucket\.org is neither GitHub nor GitLab/);
  });

  it('an API URL that is not an http(s) URL: status still exits 0, remote says which URL is wrong, no request', async () => {
    const repo = ws.repo(PIPE);
    git(repo, 'remote', 'add', 'origin', 'https://github.com/octo/hello.git');
    for (const bad of ['notaurl', 'https://[', 'ftp://ci.example/api']) {
      const { json, text } = await status(repo, { GEARSHIFT_GITHUB_TOKEN: 't', GEARSHIFT_GITHUB_API_URL: bad });
      assert.strictEqual(json.state, 'unsupported', bad);
      assert.strictEqual(json.detail, `the GitHub API URL "${bad}" is not an http:// or https:// URL`, bad);
      assert.match(text, /remote {4}.*the GitHub API URL .* is not an http:\/\/ or https:\/\/ URL/, bad);
    }
    assert.strictEqual(ci.requests.length, 0);
  });

  it('hostile names from the server are sanitised in the text line', async () => {
    const repo = ws.repo(PIPE);
    git(repo, 'remote', 'add', 'origin', `${ci.base}/octo/hello.git`);
    const sha = git(repo, 'rev-parse', 'HEAD');
    ci.githubRuns.push(githubRun(7, sha, 'completed', 'success', { name: 'CI\u001b]0;pwned\u0007\u001b[31m' }));
    const { text } = await status(repo, { GEARSHIFT_GITHUB_TOKEN: 't', GEARSHIFT_GITHUB_API_URL: ci.base });
    assert.ok(!text.includes('\u001b'), text);
  });
});
