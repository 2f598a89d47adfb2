import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { startFakeCi, type FakeCi } from '../support/fakeCi';
import { api, readableTooltip, waitFor, workspaceFolder } from './helpers';

const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspaceFolder().uri.fsPath, encoding: 'utf8' }).trim();

/**
 * review34 F8 in the real extension host: the GitHub Enterprise sign-in is made for the server
 * `github-enterprise.uri` names; with gearshift.remoteStatus.githubApiUrl on another host no session
 * is asked for, remote status is off naming both hosts, and the server is never asked.
 */
describe('remote status: the GitHub Enterprise sign-in only for its own server (review34 F8)', () => {
  let ci: FakeCi;
  const gearshift = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('gearshift', workspaceFolder());
  const enterprise = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('github-enterprise');

  before(async () => {
    ci = await startFakeCi();
    await api();
    git('remote', 'add', 'origin', `${ci.base}/team/app.git`);
    await gearshift().update('remoteStatus.githubApiUrl', ci.base, vscode.ConfigurationTarget.Global);
    await enterprise().update('uri', 'https://ghe-a.example', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await gearshift().update('remoteStatus.enabled', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await gearshift().update('remoteStatus.githubApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await enterprise().update('uri', undefined, vscode.ConfigurationTarget.Global);
    git('remote', 'remove', 'origin');
    await ci.close();
  });

  it('github-enterprise.uri on another host: remote status off naming both hosts, no request', async () => {
    await gearshift().update('remoteStatus.enabled', true, vscode.ConfigurationTarget.WorkspaceFolder);
    const host = new URL(ci.base).hostname;
    const extension = await api();
    const tip = await waitFor('the tooltip to say remote status off', () => {
      const t = readableTooltip(extension.status().tooltip);
      return t.includes('remote status off') ? t : undefined;
    });
    assert.ok(tip.includes(`sign-in is for ghe-a.example (github-enterprise.uri), not ${host}`), tip);
    assert.deepStrictEqual(ci.requests, [], 'the API on the other host was never asked');
  });
});
