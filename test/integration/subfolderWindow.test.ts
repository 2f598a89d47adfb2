/**
 * A monorepo opened at a subfolder, apps/web (test/support/subfolderWindowFixture.ts): its own
 * pipeline green, the top's red (both run by the real CLI before the window opened), apps/api's
 * never run. The status item must not say green: it names the top, `(top)`; its click offers the
 * top's failed log; a green run at the top turns it green; a first run of apps/api that fails
 * turns it red again and names apps/api. Runs only in that window (index.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SUBFOLDER_WINDOW_REPO, SUBFOLDER_WINDOW_TITLE } from '../support/subfolderWindowFixture';
import { api, cliRun, patchWindow, readableTooltip, waitFor, workspaceFolder } from './helpers';

const COMMAND = 'gearshift.openSubfolderPipeline';

describe(`a monorepo ${SUBFOLDER_WINDOW_TITLE}: the top's and the siblings' pipelines show`, function () {
  this.timeout(120_000);
  let top = '';

  before(function () {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length !== 1 || !folders[0].uri.path.endsWith(`/${SUBFOLDER_WINDOW_REPO}/apps/web`)) { this.skip(); }
    top = path.resolve(workspaceFolder().uri.fsPath, '..', '..');
  });

  it('the item names the red top, its click opens the top\'s failed log, a green run at the top turns it green, a first red run of apps/api names apps/api', async () => {
    const gearshift = await api();
    const status = (): string => `${gearshift.status().text}\n${readableTooltip(gearshift.status().tooltip)}`;
    await waitFor('the item names the red top', () => /^\$\(error\) Gearshift: \(top\) red for \S+ · Top Tests$/.test(gearshift.status().text), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}:\n${status()}`));
    assert.strictEqual(gearshift.status().background, 'statusBarItem.errorBackground', 'red, though apps/web itself is green');
    assert.match(readableTooltip(gearshift.status().tooltip), /\*\*\(top\)\*\*: red for \S+ \(Top Tests\)/);
    const click = gearshift.status().command ?? assert.fail('the item has a command');
    assert.deepStrictEqual(click, { id: COMMAND, args: [workspaceFolder().uri.toString(), '', 'top'] }, 'addressed from the top, no `..`');

    const restore = patchWindow({ showQuickPick: async (items: readonly vscode.QuickPickItem[]) => (await items).find((i) => /Show Failed Stage Log/.test(i.label)) });
    try {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(COMMAND, ...click.args);
      assert.match(doc?.getText() ?? '', /top-fails/, 'the top\'s saved output');
    } finally {
      restore();
    }

    fs.writeFileSync(path.join(top, 'top-fixed'), '');
    assert.strictEqual(await cliRun({}, top), 0, 'the top passes now');
    await waitFor('green again', () => gearshift.status().text === '$(pass-filled) Gearshift: green', 30_000)
      .catch((e: Error) => assert.fail(`${e.message}:\n${status()}`));
    assert.strictEqual(gearshift.status().background, undefined);

    assert.strictEqual(await cliRun({}, path.join(top, 'apps', 'api')), 1, 'apps/api\'s first run fails');
    await waitFor('the item names apps/api', () => /^\$\(error\) Gearshift: apps\/api red for \S+ · API Tests$/.test(gearshift.status().text), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}:\n${status()}`));
    assert.match(readableTooltip(gearshift.status().tooltip), /\*\*\(top\)\*\*: green/);
  });

  it('arguments are data: a path climbing out with `..`, or a place other than the top, is refused with a short warning', async () => {
    await api();
    const said: string[] = [];
    let picked = false;
    const restore = patchWindow({
      showWarningMessage: async (message: string) => { said.push(message); return undefined; },
      showQuickPick: async () => { picked = true; return undefined; },
    });
    const web = workspaceFolder().uri.toString();
    try {
      await vscode.commands.executeCommand(COMMAND, web, '../..');
      await vscode.commands.executeCommand(COMMAND, web, '../../apps/api', 'top');
      await vscode.commands.executeCommand(COMMAND, web, '', 'elsewhere');
      await vscode.commands.executeCommand(COMMAND, web, '');
    } finally {
      restore();
    }
    assert.strictEqual(picked, false, 'nothing is offered');
    assert.deepStrictEqual(said, [
      'Gearshift: not a subfolder pipeline path: ../..',
      'Gearshift: not a subfolder pipeline path: ../../apps/api',
      'Gearshift: not a place to find a pipeline from: elsewhere',
      'Gearshift: not a subfolder pipeline path: ',
    ]);
  });
});
