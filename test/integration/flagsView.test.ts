/**
 * The Feature Toggles view's rows and empty states in the real extension host.
 * review37a F3: a click (or Enter) on an environment's row flipped the flag, and turning production
 * off asks nothing: one click to look killed a production feature. The click now opens the flag in
 * its file; toggling is the row's inline button (and the context menu, the palette).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, flagsCommandsRegistered, waitFor, workspaceFolder } from './helpers';

interface Click { command: string; arguments: unknown[] }
interface SnapshotRow { label: string; environments: { label: string; click?: Click }[] }

const ON = `${JSON.stringify({ flags: { 'row-click': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' } } }, null, 2)}\n`;

describe('Feature Toggles view: an environment row\'s click opens the flag, never flips it (review37a F3)', function () {
  this.timeout(60_000);
  const flagsFile = (): string => path.join(workspaceFolder().uri.fsPath, 'flags.json');

  before(async () => {
    await api();
    await flagsCommandsRegistered();
    fs.writeFileSync(flagsFile(), ON);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(flagsFile(), { force: true });
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
  });

  it('a click on production\'s row (the one flags.json serves it) opens flags.json at the key and leaves it on', async () => {
    const rows = await vscode.commands.executeCommand<SnapshotRow[]>('gearshift.flagsSnapshot') ?? [];
    const env = rows.find((r) => r.label === 'row-click')?.environments[0] ?? assert.fail(`no row-click row: ${JSON.stringify(rows)}`);
    const click = env.click ?? assert.fail('the environment row has no click');
    await vscode.commands.executeCommand(click.command, ...click.arguments);
    assert.strictEqual(fs.readFileSync(flagsFile(), 'utf8'), ON, 'a click does not change the file');
    const editor = await waitFor('flags.json open in an editor', () => {
      const e = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
      return e?.document.uri.fsPath === flagsFile() ? e : undefined;
    });
    assert.strictEqual(editor.selection.active.line, ON.split('\n').findIndex((l) => l.includes('"row-click"')), 'the cursor is on the flag\'s key');
    assert.notStrictEqual(click.command, 'gearshift.toggleFeature');
  });
});

/**
 * review37a F6: with no flags the view was a blank pane, and its toolbar offered Undo Last Toggle
 * Change with nothing to undo. The view's context keys (flagsContextKeys.ts) pick its welcome text
 * (package.json `viewsWelcome`) and show Undo only while there is a change to undo.
 */
describe('Feature Toggles view: welcome text and Undo follow what there is (review37a F6)', function () {
  this.timeout(60_000);
  const flagsFile = (): string => path.join(workspaceFolder().uri.fsPath, 'flags.json');
  const keys = async (): Promise<unknown> => vscode.commands.executeCommand('gearshift.flagsSnapshot', { contextKeys: true });

  before(async () => {
    await api();
    await flagsCommandsRegistered();
  });

  after(async () => {
    fs.rmSync(flagsFile(), { force: true });
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
  });

  it('no flags file, a file without toggles, a broken file, then a toggle changed: each says so, and only the last offers Undo', async () => {
    fs.rmSync(flagsFile(), { force: true });
    assert.deepStrictEqual(await keys(), { viewState: 'noFiles', canUndo: false });
    fs.writeFileSync(flagsFile(), '{ "flags": {} }\n');
    assert.deepStrictEqual((await keys() as { viewState: string }).viewState, 'noFlags');
    fs.writeFileSync(flagsFile(), '{ "flags": { "x": { "state": "ON" } }\n');
    assert.deepStrictEqual((await keys() as { viewState: string }).viewState, 'problems');
    fs.writeFileSync(flagsFile(), ON);
    await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'row-click', environment: 'default', confirmed: true });
    assert.deepStrictEqual(await keys(), { viewState: 'flags', canUndo: true });
  });
});
