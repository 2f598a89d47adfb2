import * as assert from 'node:assert';
import { RemoteClient, type RemoteTarget } from '../../../src/core/remote';
import { githubJob, githubRun, gitlabJob, gitlabPipeline, startFakeCi, type FakeCi } from '../../support/fakeCi';

const SHA = 'a'.repeat(40);
const github = (base: string): RemoteTarget => ({ provider: 'github', host: 'github.com', project: 'octo/hello', apiBase: base, endpoint: 'configured' });
const gitlab = (base: string): RemoteTarget => ({ provider: 'gitlab', host: 'gitlab.com', project: 'group/sub/app', apiBase: base, endpoint: 'configured' });

describe('RemoteClient against a local CI server', () => {
  let ci: FakeCi;
  let now = Date.parse('2026-12-02T10:00:00Z');
  beforeEach(async () => { ci = await startFakeCi(); now = Date.parse('2026-12-02T10:00:00Z'); });
  afterEach(() => ci.close());

  it('GitHub: the red run and its jobs, with the token and API headers', async () => {
    ci.githubRuns.push(githubRun(11, SHA, 'completed', 'failure'), githubRun(12, 'b'.repeat(40), 'completed', 'success'));
    ci.githubJobs['11'] = [githubJob(1, 11, 'Unit Tests', 'completed', 'success'), githubJob(2, 11, 'Deploy', 'completed', 'failure')];
    const r = await new RemoteClient(github(ci.base), { token: 'tok-1' }).check(SHA);
    assert.strictEqual(r.status.state, 'failure');
    assert.strictEqual(r.status.runId, '11.1');
    assert.deepStrictEqual(r.status.jobs, [{ name: 'Unit Tests', state: 'success' }, { name: 'Deploy', state: 'failure' }]);
    assert.strictEqual(ci.requests[0].path, `/repos/octo/hello/actions/runs?head_sha=${SHA}&per_page=50`);
    assert.strictEqual(ci.requests[0].headers.authorization, 'Bearer tok-1');
    assert.strictEqual(ci.requests[0].headers['x-github-api-version'], '2022-11-28');
  });

  it('GitHub: several workflows — the latest run of each, the worst decides', async () => {
    ci.githubRuns.push(githubRun(20, SHA, 'completed', 'failure', { workflow_id: 1 }), githubRun(21, SHA, 'completed', 'success', { workflow_id: 1 }),
      githubRun(22, SHA, 'in_progress', null, { workflow_id: 2, name: 'Lint' }));
    const r = await new RemoteClient(github(ci.base), { token: 't', jobs: false }).check(SHA);
    assert.strictEqual(r.status.state, 'in-progress'); // the re-run (21) fixed workflow 1
    assert.strictEqual(r.status.name, 'Lint (2 workflows)');
    assert.strictEqual(ci.requests.length, 1, 'jobs: false asks once');
  });

  it('no run for the sha → none', async () => {
    const r = await new RemoteClient(github(ci.base), { token: 't' }).check(SHA);
    assert.strictEqual(r.status.state, 'none');
  });

  it('GitLab: the newest pipeline for the sha and its jobs in pipeline order, PRIVATE-TOKEN, encoded project path', async () => {
    ci.gitlabPipelines.push(gitlabPipeline(40, SHA, 'failed'), gitlabPipeline(41, SHA, 'running'));
    ci.gitlabJobs['41'] = [gitlabJob(3, 'deploy', 'deploy', 'created'), gitlabJob(2, 'test', 'test', 'running'), gitlabJob(1, 'build', 'build', 'success')];
    const r = await new RemoteClient(gitlab(ci.base), { token: 'glpat-x' }).check(SHA);
    assert.strictEqual(r.status.state, 'in-progress');
    assert.strictEqual(r.status.name, 'pipeline #41');
    assert.deepStrictEqual(r.status.jobs.map((j) => `${j.name}:${j.state}`), ['build:success', 'test:in-progress', 'deploy:in-progress']);
    assert.strictEqual(ci.requests[0].path, `/projects/group%2Fsub%2Fapp/pipelines?sha=${SHA}&per_page=20`);
    assert.strictEqual(ci.requests[0].headers['private-token'], 'glpat-x');
  });

  it('ETag: the second check sends If-None-Match, gets 304 and reuses the kept answer', async () => {
    ci.githubRuns.push(githubRun(11, SHA, 'in_progress', null));
    ci.githubJobs['11'] = [githubJob(1, 11, 'Build', 'in_progress', null)];
    const client = new RemoteClient(github(ci.base), { token: 't' });
    const first = await client.check(SHA);
    const second = await client.check(SHA);
    assert.deepStrictEqual(second, first);
    assert.deepStrictEqual(ci.requests.map((r) => r.status), [200, 200, 304, 304]);
    assert.ok(typeof ci.requests[2].headers['if-none-match'] === 'string');
    ci.githubRuns[0] = githubRun(11, SHA, 'completed', 'success'); // changed: a fresh 200
    assert.strictEqual((await client.check(SHA)).status.state, 'success');
    assert.strictEqual(ci.requests[4].status, 200);
  });

  it('403 with x-ratelimit-remaining 0: unknown, retryAt = reset, and no request until then', async () => {
    const reset = Math.floor(now / 1000) + 600;
    ci.script.push({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: '{"message":"API rate limit exceeded"}' });
    ci.githubRuns.push(githubRun(11, SHA, 'completed', 'success'));
    const client = new RemoteClient(github(ci.base), { token: 't', now: () => now, jobs: false });
    const limited = await client.check(SHA);
    assert.strictEqual(limited.status.state, 'unknown');
    assert.strictEqual(limited.retryAt, reset * 1000);
    now += 599_000;
    assert.strictEqual((await client.check(SHA)).status.state, 'unknown');
    assert.strictEqual(ci.requests.length, 1, 'nothing goes out before the reset');
    now += 1_000;
    assert.strictEqual((await client.check(SHA)).status.state, 'success');
    assert.strictEqual(ci.requests.length, 2);
  });

  it('429 retry-after (GitLab): waits that many seconds', async () => {
    ci.script.push({ status: 429, headers: { 'retry-after': '42' }, body: 'Retry later' });
    const r = await new RemoteClient(gitlab(ci.base), { token: 't', now: () => now }).check(SHA);
    assert.strictEqual(r.status.state, 'unknown');
    assert.strictEqual(r.retryAt, now + 42_000);
  });

  it('500, garbage, a wrong shape or no answer → unknown with a reason, never a throw', async () => {
    ci.script.push({ status: 500, body: 'oops' }, { status: 200, body: '<html>not json' }, { status: 200, body: '{"workflow_runs": "nope"}' }, { status: 200, body: '[1, null, "x", {"id": "str"}]' });
    const client = new RemoteClient(github(ci.base), { token: 't' });
    const details: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.check(SHA);
      assert.strictEqual(r.status.state, 'unknown');
      details.push(r.status.detail ?? '');
    }
    assert.deepStrictEqual(details, ['HTTP 500', 'the answer is not JSON', 'the answer has no workflow_runs list']);
    const lab = await new RemoteClient(gitlab(ci.base), { token: 't' }).check(SHA);
    assert.strictEqual(lab.status.state, 'none', 'entries of the wrong shape are skipped');
    await ci.close();
    const down = await new RemoteClient(github(ci.base), { token: 't', timeoutMs: 2000 }).check(SHA);
    assert.strictEqual(down.status.state, 'unknown');
    assert.match(down.status.detail ?? '', /ECONNREFUSED/);
  });

  it('a server that never answers is abandoned at the timeout', async () => {
    const hang = await import('node:http').then((http) => http.createServer(() => undefined));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const port = (hang.address() as import('node:net').AddressInfo).port;
    try {
      const r = await new RemoteClient(github(`http://127.0.0.1:${port}`), { token: 't', timeoutMs: 300 }).check(SHA);
      assert.strictEqual(r.status.state, 'unknown');
      assert.match(r.status.detail ?? '', /timed out after 300 ms/);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });

  it('a token without scope (403, no rate-limit headers), a refused one (401), a hidden repo (404) → off with a hint', async () => {
    ci.script.push(
      { status: 403, headers: { 'x-ratelimit-remaining': '4999' }, body: '{"message":"Resource not accessible by personal access token"}' },
      { status: 401, body: '{"message":"Bad credentials"}' },
      { status: 404, body: '{"message":"Not Found"}' },
      { status: 403, body: '{"message":"403 Forbidden - insufficient_scope"}' },
    );
    const client = new RemoteClient(github(ci.base), { token: 't' });
    const scope = await client.check(SHA);
    assert.strictEqual(scope.status.state, 'off');
    assert.match(scope.status.hint ?? '', /lacks the scope.*repo scope/);
    assert.strictEqual(scope.status.detail, 'Resource not accessible by personal access token');
    assert.match((await client.check(SHA)).status.hint ?? '', /refused \(expired or revoked\)/);
    assert.match((await client.check(SHA)).status.hint ?? '', /not found, or the token cannot see it/);
    const lab = await new RemoteClient(gitlab(ci.base), { token: 't' }).check(SHA);
    assert.match(lab.status.hint ?? '', /read_api/);
  });
});
