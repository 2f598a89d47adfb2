import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { gitlabJob, gitlabPipeline, startFakeCi, type FakeCi } from '../support/fakeCi';
import { api, patchWindow, readableTooltip, waitFor, workspaceFolder } from './helpers';

const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspaceFolder().uri.fsPath, encoding: 'utf8' }).trim();

/**
 * Remote status in the real extension host, against a local HTTP server answering like GitLab:
 * the origin is on the server's host, the machine-scoped API URL setting points at the server, the token
 * goes through the real SecretStorage (the command's argument skips the prompt).
 */
describe('remote status in the real extension host', () => {
  let ci: FakeCi;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('gearshift', workspaceFolder());

  before(async () => {
    ci = await startFakeCi();
    await api();
    git('remote', 'add', 'origin', `${ci.base}/team/app.git`); // the configured API answers for its own host only (security34 M2)
    await settings().update('remoteStatus.gitlabApiUrl', ci.base, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await settings().update('remoteStatus.enabled', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await settings().update('remoteStatus.gitlabApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gearshift.setGitLabToken', '');
    git('remote', 'remove', 'origin');
    await ci.close();
  });

  it('a red remote pipeline turns the status bar red with "remote" in the text; the tooltip names it', async () => {
    assert.ok(vscode.window.state.focused, 'the browser window running the host has focus (the poller asks only then)');
    const sha = git('rev-parse', 'HEAD');
    ci.gitlabPipelines.push(gitlabPipeline(77, sha, 'failed'));
    ci.gitlabJobs['77'] = [gitlabJob(2, 'deploy', 'deploy', 'failed'), gitlabJob(1, 'test', 'test', 'success')];
    await vscode.commands.executeCommand('gearshift.setGitLabToken', 'glpat-integration');
    await settings().update('remoteStatus.enabled', true, vscode.ConfigurationTarget.WorkspaceFolder);
    const gearshift = await api();
    const s = await waitFor('the status bar to show the red remote run', () => {
      const now = gearshift.status();
      return now.text.includes('remote red') ? now : undefined;
    });
    assert.strictEqual(s.background, 'statusBarItem.errorBackground');
    assert.match(readableTooltip(s.tooltip), /remote red — pipeline #77/);
    assert.strictEqual(ci.requests[0].path, `/projects/team%2Fapp/pipelines?sha=${sha}&per_page=20`);
    assert.strictEqual(ci.requests[0].headers['private-token'], 'glpat-integration');
    assert.ok(ci.requests.some((r) => r.path.startsWith('/projects/team%2Fapp/pipelines/77/jobs')), 'the jobs for the tree node');
  });

  it('a push (origin\'s ref moves, HEAD does not) asks again at once: a re-run gone green clears "remote red"', async () => {
    const gearshift = await api();
    const sha = git('rev-parse', 'HEAD');
    const before = ci.requests.length;
    ci.gitlabPipelines.unshift(gitlabPipeline(78, sha, 'success'));
    ci.gitlabJobs['78'] = [gitlabJob(3, 'deploy', 'deploy', 'success'), gitlabJob(4, 'test', 'test', 'success')];
    git('update-ref', 'refs/remotes/origin/main', sha);
    await waitFor('the status bar to drop "remote red" after the push', () => !gearshift.status().text.includes('remote red'));
    assert.ok(ci.requests.length > before, 'no request after the push');
    assert.match(readableTooltip(gearshift.status().tooltip), /pipeline #78/);
  });

  it('Set GitLab Token…: Enter on the empty box asks before removing the stored token, and each answer says what happened (review37a F17)', async () => {
    const sha = git('rev-parse', 'HEAD');
    ci.gitlabPipelines.unshift(gitlabPipeline(79, sha, 'success'));
    ci.gitlabJobs['79'] = [gitlabJob(5, 'test', 'test', 'success')];
    await vscode.commands.executeCommand('gearshift.setGitLabToken', 'glpat-integration');
    await settings().update('remoteStatus.enabled', true, vscode.ConfigurationTarget.WorkspaceFolder);
    const gearshift = await api();
    await waitFor('remote status to read the CI', () => readableTooltip(gearshift.status().tooltip).includes('pipeline #79'));
    const asked: string[] = [];
    const said: string[] = [];
    let removeIt: string | undefined;
    const unpatch = patchWindow({
      showInputBox: () => Promise.resolve(''),
      showWarningMessage: (m: string) => { asked.push(m); return Promise.resolve(removeIt); },
      showInformationMessage: (m: string) => { said.push(m); return Promise.resolve(undefined); },
    });
    try {
      await vscode.commands.executeCommand('gearshift.setGitLabToken');
      assert.deepStrictEqual(asked, ['Gearshift: remove the stored GitLab token?']);
      assert.deepStrictEqual(said, ['Gearshift: the GitLab token is kept.']);
      await vscode.commands.executeCommand('gearshift.refreshRemoteStatus');
      await waitFor('remote status to still read the CI (the token kept)', () => readableTooltip(gearshift.status().tooltip).includes('pipeline #79'));
      removeIt = 'Remove Token';
      await vscode.commands.executeCommand('gearshift.setGitLabToken');
      assert.deepStrictEqual(said.slice(1), ['Gearshift: GitLab token removed.']);
      await waitFor('remote status off once the token is removed', () => readableTooltip(gearshift.status().tooltip).includes('remote status off'));
    } finally {
      unpatch();
    }
  });

  it('no token → "remote status off" with a hint, and no request at all', async () => {
    await vscode.commands.executeCommand('gearshift.setGitLabToken', '');
    const gearshift = await api();
    const tip = await waitFor('the tooltip to say remote status off', () => {
      const t = readableTooltip(gearshift.status().tooltip);
      return t.includes('remote status off') ? t : undefined;
    });
    assert.match(tip, /Set GitLab Token/);
    assert.doesNotMatch(gearshift.status().text, /remote red/, 'off is not red');
    const before = ci.requests.length;
    await vscode.commands.executeCommand('gearshift.refreshRemoteStatus');
    await waitFor('the refreshed state', () => readableTooltip(gearshift.status().tooltip).includes('remote status off'));
    assert.strictEqual(ci.requests.length, before, 'off asks nothing, whatever the refreshes');
  });
});
