import * as assert from 'node:assert';
import { enterpriseSessionRefusal, oneTokenReaches, remoteTarget, splitRemoteUrl, type RemoteTarget } from '../../../src/core/remote';

describe('remote URL → CI target', () => {
  it('reads every form git accepts for GitHub', () => {
    for (const url of ['https://github.com/octo/hello.git', 'https://user:pw@github.com/octo/hello', 'git@github.com:octo/hello.git',
      'ssh://git@github.com/octo/hello.git', 'ssh://git@github.com:22/octo/hello', 'git://github.com/octo/hello.git', 'https://GitHub.com/octo/hello/']) {
      const r = remoteTarget(url);
      assert.ok(r.ok, url);
      assert.deepStrictEqual(r.target, { provider: 'github', host: 'github.com', project: 'octo/hello', apiBase: 'https://api.github.com', endpoint: 'public' }, url);
    }
  });

  it('keeps GitLab subgroups and ports', () => {
    const r = remoteTarget('ssh://git@gitlab.com:2222/group/sub/project.git');
    assert.ok(r.ok);
    assert.deepStrictEqual(r.target, { provider: 'gitlab', host: 'gitlab.com', project: 'group/sub/project', apiBase: 'https://gitlab.com/api/v4', endpoint: 'public' });
  });

  it('maps GitHub Enterprise and self-hosted GitLab through their configured API URLs', () => {
    const ghe = remoteTarget('git@ghe.example.com:team/app.git', { githubApiUrl: 'https://ghe.example.com/api/v3/' });
    assert.ok(ghe.ok);
    assert.strictEqual(ghe.target.provider, 'github');
    assert.strictEqual(ghe.target.apiBase, 'https://ghe.example.com/api/v3');
    const gl = remoteTarget('https://git.corp.example/a/b.git', { gitlabApiUrl: 'https://git.corp.example/api/v4' });
    assert.ok(gl.ok);
    assert.strictEqual(gl.target.provider, 'gitlab');
    // A test server answers for remotes on its own host.
    const test = remoteTarget('http://127.0.0.1:9999/o/r.git', { githubApiUrl: 'http://127.0.0.1:9999' });
    assert.ok(test.ok);
    assert.deepStrictEqual([test.target.apiBase, test.target.endpoint], ['http://127.0.0.1:9999', 'configured']);
  });

  it('asks github.com and gitlab.com at their own APIs while an Enterprise / self-hosted URL is set, and sends each token only to its host (security34 M2)', () => {
    const endpoints = { githubApiUrl: 'https://ghe.example.com/api/v3', gitlabApiUrl: 'https://gitlab.corp.example/api/v4' };
    const dotCom = remoteTarget('https://github.com/octocat/Hello-World.git', endpoints);
    assert.ok(dotCom.ok);
    assert.deepStrictEqual([dotCom.target.apiBase, dotCom.target.endpoint], ['https://api.github.com', 'public']);
    const ghe = remoteTarget('git@ghe.example.com:team/app.git', endpoints);
    assert.ok(ghe.ok);
    assert.deepStrictEqual([ghe.target.apiBase, ghe.target.endpoint], ['https://ghe.example.com/api/v3', 'configured']);
    const gitlabCom = remoteTarget('https://gitlab.com/g/p.git', endpoints);
    assert.ok(gitlabCom.ok);
    assert.strictEqual(gitlabCom.target.apiBase, 'https://gitlab.com/api/v4');
    // One token per provider (GEARSHIFT_GITHUB_TOKEN, the stored GitLab token): the configured host's while a URL is set.
    assert.deepStrictEqual([oneTokenReaches(dotCom.target, endpoints), oneTokenReaches(ghe.target, endpoints)], [false, true]);
    assert.deepStrictEqual([oneTokenReaches(dotCom.target, {}), oneTokenReaches(gitlabCom.target, { githubApiUrl: endpoints.githubApiUrl })], [true, true]);
    // A URL naming the public API is no Enterprise: the token goes there as without it.
    assert.ok(oneTokenReaches(dotCom.target, { githubApiUrl: 'https://api.github.com/' }));
  });

  it('the GitHub Enterprise sign-in goes only to a configured API on github-enterprise.uri\'s server (review34 F8)', () => {
    const target = (remote: string, githubApiUrl: string): RemoteTarget => {
      const r = remoteTarget(remote, { githubApiUrl });
      assert.ok(r.ok, remote);
      return r.target;
    };
    const gheB = target('git@ghe-b.corp:o/r.git', 'https://ghe-b.corp/api/v3');
    const apiStyle = target('https://ghe-b.corp/o/r', 'https://api.ghe-b.corp');
    for (const uri of ['https://ghe-b.corp', 'https://GHE-B.corp/', ' https://ghe-b.corp:8443 ']) {
      assert.strictEqual(enterpriseSessionRefusal(gheB, uri), undefined, uri);
      assert.strictEqual(enterpriseSessionRefusal(apiStyle, uri), undefined, `${uri}: the API's host less its api. prefix`);
    }
    assert.strictEqual(enterpriseSessionRefusal(gheB, 'https://ghe-a.corp'),
      'VS Code\'s GitHub Enterprise sign-in is for ghe-a.corp (github-enterprise.uri), not ghe-b.corp (gearshift.remoteStatus.githubApiUrl): its token is not sent there; make both settings name the same server');
    assert.match(enterpriseSessionRefusal(apiStyle, 'https://ghe-a.corp') ?? '', /is for ghe-a\.corp .*not api\.ghe-b\.corp/);
    assert.match(enterpriseSessionRefusal(gheB, 'https://ghe-b.corp.evil.example') ?? '', /is for ghe-b\.corp\.evil\.example/, 'a longer host is another host');
    for (const unset of [undefined, '', '  ']) {
      assert.strictEqual(enterpriseSessionRefusal(gheB, unset), 'set github-enterprise.uri to https://ghe-b.corp (VS Code\'s GitHub Enterprise sign-in), then sign in from the Accounts menu (scope: repo)');
    }
    assert.match(enterpriseSessionRefusal(gheB, 'ghe-b.corp') ?? '', /^github-enterprise\.uri "ghe-b\.corp" is not a URL; set it to https:\/\/ghe-b\.corp/);
    // review35 F6: never in clear text across a network; a test server on this machine may be http.
    assert.strictEqual(enterpriseSessionRefusal(target('git@ghe-b.corp:o/r.git', 'http://ghe-b.corp:8080/api/v3'), 'https://ghe-b.corp'),
      'gearshift.remoteStatus.githubApiUrl is http://ghe-b.corp: VS Code\'s GitHub Enterprise sign-in is sent only over https; use https://ghe-b.corp');
    assert.strictEqual(enterpriseSessionRefusal(target('http://127.0.0.1:9999/o/r', 'http://127.0.0.1:9999/api/v3'), 'http://127.0.0.1:9999'), undefined);
    // github.com's own sign-in and GitLab's token have rules of their own (oneTokenReaches).
    assert.strictEqual(enterpriseSessionRefusal(target('https://github.com/o/r', 'https://ghe-b.corp/api/v3'), 'https://ghe-a.corp'), undefined);
    const gitlab = remoteTarget('https://gl.corp/g/p', { gitlabApiUrl: 'https://gl.corp/api/v4' });
    assert.ok(gitlab.ok);
    assert.strictEqual(enterpriseSessionRefusal(gitlab.target, undefined), undefined);
  });

  it('refuses a configured API URL that is not http(s) for the provider that would use it, and ignores it for the other', () => {
    for (const bad of ['notaurl', 'https://[', 'https://:80', 'file:///etc', 'ftp://x/api']) {
      const gh = remoteTarget('https://github.com/o/r', { githubApiUrl: bad });
      assert.deepStrictEqual(gh, { ok: false, reason: `the GitHub API URL "${bad}" is not an http:// or https:// URL` }, bad);
      const gl = remoteTarget('https://gitlab.com/g/p', { gitlabApiUrl: bad });
      assert.deepStrictEqual(gl, { ok: false, reason: `the GitLab API URL "${bad}" is not an http:// or https:// URL` }, bad);
      assert.ok(remoteTarget('https://gitlab.com/g/p', { githubApiUrl: bad }).ok, bad);
    }
  });

  it('says "not supported for this remote" for another host, and why for no remote or junk', () => {
    const other = remoteTarget('https://bitbucket.org/o/r.git');
    assert.ok(!other.ok);
    assert.match(other.reason, /^bitbucket\.org is neither GitHub nor GitLab/);
    const none = remoteTarget(undefined);
    assert.ok(!none.ok);
    assert.match(none.reason, /no remote named origin/);
    for (const junk of ['', 'not a url', '/srv/git/repo.git', 'https://github.com/only-owner', 'https://github.com/o/../r', 'git@github.com:a/b/c']) {
      assert.strictEqual(remoteTarget(junk).ok, false, junk);
    }
    assert.strictEqual(splitRemoteUrl('file:///srv/git/repo.git'), undefined);
  });
});
