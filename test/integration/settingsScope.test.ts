import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, waitFor, workspaceFolder } from './helpers';

/**
 * A repository's committed `.vscode/settings.json` is written by whoever can commit: it must not
 * turn off the production question for everyone who opens the folder. VS Code itself enforces a
 * setting's scope; this checks the manifest asks it to, in the real host.
 */
describe('settings a workspace cannot change (real extension host)', () => {
  const folder = (): string => workspaceFolder().uri.fsPath;
  const file = (): string => path.join(folder(), '.vscode', 'settings.json');
  let original: string | undefined;

  before(async () => {
    await api();
    original = fs.existsSync(file()) ? fs.readFileSync(file(), 'utf8') : undefined;
  });

  after(async () => {
    if (original === undefined) { fs.rmSync(file(), { force: true }); } else { fs.writeFileSync(file(), original); }
    await waitFor('the workspace settings restored', () => vscode.workspace.getConfiguration('gearshift', workspaceFolder()).get('reminderMinutes') !== 7);
  });

  it('confirmProductionDeploy: false in the workspace file is ignored; a folder setting beside it applies', async () => {
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    const old = original ? (JSON.parse(original) as Record<string, unknown>) : {};
    fs.writeFileSync(file(), JSON.stringify({ ...old, 'gearshift.reminderMinutes': 7, 'gearshift.confirmProductionDeploy': false }, null, 2));
    const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('gearshift', workspaceFolder());
    await waitFor('the workspace file read', () => settings().get('reminderMinutes') === 7);
    assert.strictEqual(settings().get('confirmProductionDeploy'), true);
  });
});
