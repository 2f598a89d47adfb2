import * as assert from 'node:assert';
import { remoteLabel, resolveRemote, type ResolveOptions } from '../../../src/core/remote';
import { cleanupTempDirs, git, initRepo, tempDir } from '../../support/git';

const asked: string[] = [];
const opts = (token?: string): ResolveOptions => ({
  token: (t) => { asked.push(t.provider); return Promise.resolve(token); },
  tokenHint: (t) => `set GEARSHIFT_${t.provider.toUpperCase()}_TOKEN`,
  endpoints: { githubApiUrl: 'http://127.0.0.1:1' },
});

describe('resolveRemote: from a real repository to a client or a reason', () => {
  afterEach(() => { asked.length = 0; cleanupTempDirs(); });

  it('no remote named origin → unsupported, and no token is asked for', async () => {
    const r = await resolveRemote(initRepo(), opts('t'));
    assert.ok(r.kind === 'status');
    assert.strictEqual(r.status.state, 'unsupported');
    assert.match(r.status.detail ?? '', /no remote named origin/);
    assert.deepStrictEqual(asked, []);
  });

  it('not a repository at all → unsupported', async () => {
    const r = await resolveRemote(tempDir(), opts('t'));
    assert.ok(r.kind === 'status' && r.status.state === 'unsupported');
  });

  it('a remote on another host → "not supported for this remote"', async () => {
    const repo = initRepo();
    git(repo, 'remote', 'add', 'origin', 'git@bitbucket.org:team/app.git');
    const r = await resolveRemote(repo, opts('t'));
    assert.ok(r.kind === 'status');
    assert.strictEqual(r.status.state, 'unsupported');
    assert.match(remoteLabel(r.status), /not supported for this remote/);
    assert.match(r.status.detail ?? '', /bitbucket\.org is neither GitHub nor GitLab/);
  });

  it('no token → off with the hint, for the provider of the remote', async () => {
    const repo = initRepo();
    git(repo, 'remote', 'add', 'origin', 'https://gitlab.com/g/app.git');
    const r = await resolveRemote(repo, opts(undefined));
    assert.ok(r.kind === 'status');
    assert.deepStrictEqual(r.status, { state: 'off', provider: 'gitlab', hint: 'no token: set GEARSHIFT_GITLAB_TOKEN', jobs: [] });
    assert.deepStrictEqual(asked, ['gitlab']);
  });

  it('a GitHub origin and a token → a client aimed at the configured API', async () => {
    const repo = initRepo();
    git(repo, 'remote', 'add', 'origin', 'git@127.0.0.1:octo/hello.git');
    const r = await resolveRemote(repo, opts('t'));
    assert.ok(r.kind === 'client');
    assert.deepStrictEqual(r.client.target, { provider: 'github', host: '127.0.0.1', project: 'octo/hello', apiBase: 'http://127.0.0.1:1', endpoint: 'configured' });
  });
});
