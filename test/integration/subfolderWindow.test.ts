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
    assert.strictEqual(gearshift.status().shown, true, 'the pipeline at the repository\'s top: the item is in the status bar');
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

  // monotop: apps/web with no pipeline of its own said "No .gearshift.yml in this workspace yet" beside a red top; and the
  // top's first run seen from a window opened below it had no test (the top had always run before the window opened).
  it('apps/web with no pipeline of its own: the top\'s first run shows, the gauge and the commands name the top and offer its folder', async () => {
    const gearshift = await api();
    const webConfig = path.join(workspaceFolder().uri.fsPath, '.gearshift.yml');
    const webText = fs.readFileSync(webConfig, 'utf8');
    const topState = path.join(top, '.git', 'gearshift');
    try {
      // The top as if it had never run: no history; apps/web's file going makes the window look again.
      fs.rmSync(path.join(topState, 'history.jsonl'));
      fs.rmSync(path.join(top, 'top-fixed'), { force: true });
      fs.rmSync(webConfig);
      await waitFor('the top to be gone', () => !/\(top\)/.test(readableTooltip(gearshift.status().tooltip)), 30_000)
        .catch((e: Error) => assert.fail(`${e.message}:\n${gearshift.status().text}\n${readableTooltip(gearshift.status().tooltip)}`));
      assert.strictEqual((await gearshift.gaugeState() as { note?: string }).note, 'No .gearshift.yml in this workspace yet.', 'a top that never ran is not known');

      assert.strictEqual(await cliRun({}, top), 1, 'the top\'s first run, from a terminal, fails');
      await waitFor('the top\'s first run to show', () => /\*\*\(top\)\*\*: red/.test(readableTooltip(gearshift.status().tooltip)), 30_000)
        .catch((e: Error) => assert.fail(`${e.message}:\n${gearshift.status().text}\n${readableTooltip(gearshift.status().tooltip)}`));
      assert.strictEqual(gearshift.status().shown, true, 'no pipeline in apps/web, one at the repository\'s top: the item is in the status bar (review37a F4)');
      const gauge = await gearshift.gaugeState();
      assert.ok(gauge.type === 'state' && gauge.view === null, JSON.stringify(gauge));
      assert.strictEqual(gauge.note, 'No pipeline in apps/web; the repository\'s top has one: (top) red · Top Tests. `gearshift run` here runs the top\'s.');
      // The tooltip says the same, not "at the top of this folder" above the top's line (review31 L11).
      assert.match(readableTooltip(gearshift.status().tooltip), /No \.gearshift\.yml in this folder; `gearshift run` here runs the top's\.\s+\d+ more pipelines? in this repository:/);
      assert.strictEqual(gauge.below, undefined, 'not Show Subfolder Pipeline…: nothing is below apps/web');

      const said: { message: string; items: unknown[] }[] = [];
      const restore = patchWindow({ showInformationMessage: async (message: string, ...items: unknown[]) => { said.push({ message, items }); return undefined; } });
      try {
        for (const command of ['gearshift.runPipeline', 'gearshift.showRunLog', 'gearshift.deployProduction']) { await vscode.commands.executeCommand(command); }
      } finally {
        restore();
      }
      assert.strictEqual(said.length, 3, JSON.stringify(said));
      for (const { message, items } of said) {
        assert.match(message, /^Gearshift: No pipeline in apps\/web; the repository's top has one: \(top\) red for \S+ · Top Tests\. `gearshift run` here runs the top's\.$/);
        assert.deepStrictEqual(items, ['Open Folder in New Window', 'Create Pipeline Config']);
      }
    } finally {
      fs.writeFileSync(webConfig, webText);
    }
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
