/**
 * review36 F0: in the monorepo window (folders a/ and b/ of one repository), one flag key in both
 * folders. The view's click, its Show References, the hover and its Toggle link act on b's flag
 * when they are about b's; a key alone (a link made before folders were named) asks which folder.
 * Runs only in the monorepo window (its workspace file is the fixture's).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { MONOREPO_WORKSPACE_FILE } from '../support/monorepoFixture';
import { api, commandLinkArgs, flagsCommandsRegistered, patchWindow, readableTooltip } from './helpers';

const flags = (variant: 'on' | 'off'): string => `${JSON.stringify({ flags: { beta: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: variant } } }, null, 2)}\n`;
interface Click { command: string; arguments: unknown[] }
interface SnapshotRow { label: string; click?: Click; environments: { label: string; click?: Click }[] }

describe('monorepo: one flag key in two folders', function () {
  this.timeout(120_000);
  const made: string[] = [];
  const folder = (name: string): vscode.WorkspaceFolder => vscode.workspace.workspaceFolders?.find((f) => f.name === name) ?? assert.fail(`no folder ${name}`);
  const file = (name: string, base: string): string => path.join(folder(name).uri.fsPath, base);
  const served = (name: string): string => (JSON.parse(fs.readFileSync(file(name, 'flags.json'), 'utf8')) as { flags: { beta: { defaultVariant: string } } }).flags.beta.defaultVariant;

  before(async function () {
    if (!vscode.workspace.workspaceFile?.path.endsWith(`/${MONOREPO_WORKSPACE_FILE}`)) { this.skip(); }
    await api();
    await flagsCommandsRegistered();
  });
  beforeEach(() => {
    const write = (f: string, text: string): void => { fs.writeFileSync(f, text); made.push(f); };
    write(file('a', 'flags.json'), flags('on'));
    write(file('b', 'flags.json'), flags('off'));
    write(file('a', 'use-a.ts'), 'if (client.getBooleanValue("beta", false)) { startA(); }\n');
    write(file('b', 'use.ts'), 'if (client.getBooleanValue("beta", false)) { start(); }\n');
  });
  after(async () => {
    for (const f of made) { fs.rmSync(f, { force: true }); }
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
  });

  /** The view's row for `beta` of folder `name` after a fresh read: the rows come folder by folder, a's then b's. */
  async function rowOf(name: 'a' | 'b'): Promise<SnapshotRow> {
    const rows = (await vscode.commands.executeCommand<SnapshotRow[]>('gearshift.flagsSnapshot') ?? []).filter((r) => r.label === 'beta');
    assert.strictEqual(rows.length, 2, `one beta row per folder: ${JSON.stringify(rows)}`);
    return rows[name === 'a' ? 0 : 1];
  }

  it('a click on b\'s row in the Feature Toggles view opens b\'s file; its Toggle button toggles b\'s flag, not a\'s', async () => {
    const env = (await rowOf('b')).environments[0]?.click ?? assert.fail('b\'s environment row has no click');
    assert.strictEqual(env.command, 'vscode.open'); // review37a F3: a click looks, never flips
    assert.strictEqual(vscode.Uri.from(env.arguments[0] as vscode.Uri).fsPath, file('b', 'flags.json'));
    // The inline button passes the row's node; its target (flagTarget.ts targetOf) is b's flag.
    await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'beta', environment: 'default', folder: folder('b').uri.toString(), confirmed: true });
    assert.deepStrictEqual({ a: served('a'), b: served('b') }, { a: 'on', b: 'on' });
  });

  it('the hover in b/use.ts shows b\'s flag, and its Toggle link toggles b\'s', async () => {
    await vscode.commands.executeCommand('gearshift.flagsSnapshot'); // the model has read both files
    const doc = await vscode.workspace.openTextDocument(file('b', 'use.ts'));
    const pos = doc.positionAt(doc.getText().indexOf('"beta"') + 2);
    let text = '';
    const deadline = Date.now() + 20_000;
    while (!text.includes('Feature toggle') && Date.now() < deadline) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos) ?? [];
      text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      if (!text.includes('Feature toggle')) { await new Promise((r) => setTimeout(r, 200)); }
    }
    assert.match(readableTooltip(text), /default: off → false/, `the hover shows b's flag (off): ${text}`);
    const [args] = commandLinkArgs(text, 'gearshift.toggleFeature') as [{ folder?: string }];
    assert.strictEqual(args.folder, folder('b').uri.toString());
    await vscode.commands.executeCommand('gearshift.toggleFeature', { ...args, confirmed: true });
    assert.deepStrictEqual({ a: served('a'), b: served('b') }, { a: 'on', b: 'on' });
  });

  it('Show References on b\'s row lists b\'s references only', async () => {
    const click = (await rowOf('b')).click ?? assert.fail('b\'s row has no click');
    assert.strictEqual(click.command, 'gearshift.showFlagReferences');
    const unpatch = patchWindow({ showQuickPick: async () => undefined });
    try {
      const refs = await vscode.commands.executeCommand<{ file: string }[]>(click.command, ...click.arguments) ?? [];
      assert.deepStrictEqual(refs.map((r) => r.file), ['use.ts']);
    } finally { unpatch(); }
  });

  it('a key without a folder (an older link) asks which folder, naming each, and acts on the one picked', async () => {
    const asked: { label: string; description?: string }[][] = [];
    const unpatch = patchWindow({
      showQuickPick: async (items: readonly { label: string; description?: string }[]) => { asked.push([...items]); return items.find((i) => i.description?.startsWith('b ·')); },
    });
    try {
      await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'beta', environment: 'default', confirmed: true });
    } finally { unpatch(); }
    assert.deepStrictEqual(asked.map((items) => items.map((i) => `${i.label} ${i.description?.split(' · ')[0] ?? ''}`)), [['beta a', 'beta b']]);
    assert.deepStrictEqual({ a: served('a'), b: served('b') }, { a: 'on', b: 'on' });
  });

  it('Undo Last Toggle Change from the palette undoes the most recent change, here b\'s, not the first folder\'s (closing-36)', async () => {
    const toggle = (name: 'a' | 'b'): Thenable<unknown> => vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'beta', environment: 'default', folder: folder(name).uri.toString(), confirmed: true });
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
    await toggle('a'); // a: on → off
    await toggle('b'); // b: off → on, the most recent
    assert.deepStrictEqual({ a: served('a'), b: served('b') }, { a: 'off', b: 'on' });
    const asked: string[] = [];
    // Undoing a's change would serve "on" in production and ask first: refused here, so a wrong undo shows as a question and b still on.
    const unpatch = patchWindow({ showWarningMessage: async (m: string) => { asked.push(m); return undefined; } });
    try {
      await vscode.commands.executeCommand('gearshift.undoToggle');
    } finally { unpatch(); }
    assert.deepStrictEqual({ a: served('a'), b: served('b'), asked }, { a: 'off', b: 'off', asked: [] });
  });

  it('Show References with a folder that no longer holds the key says so, naming the folder (rereview36 R8)', async () => {
    const said: string[] = [];
    const unpatch = patchWindow({
      showWarningMessage: async (m: string) => { said.push(m); return undefined; },
      showInformationMessage: async (m: string) => { said.push(m); return undefined; },
    });
    try {
      const refs = await vscode.commands.executeCommand('gearshift.showFlagReferences', { key: 'gone', folder: folder('b').uri.toString() });
      assert.strictEqual(refs, undefined);
    } finally { unpatch(); }
    assert.deepStrictEqual(said, ['Gearshift: no feature toggle "gone" in the flags files of folder b.']);
  });

  it('the hover in b (which has flags of its own) on a key only a holds shows nothing; a\'s Toggle is not offered (rereview36 R3)', async () => {
    fs.writeFileSync(file('a', 'flags.json'), `${JSON.stringify({ flags: { beta: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' }, alpha: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' } } }, null, 2)}\n`);
    fs.writeFileSync(file('b', 'use-alpha.ts'), 'if (client.getBooleanValue("alpha", false)) { start(); }\n');
    made.push(file('b', 'use-alpha.ts'));
    const rows = await vscode.commands.executeCommand<SnapshotRow[]>('gearshift.flagsSnapshot') ?? [];
    assert.strictEqual(rows.filter((r) => r.label === 'alpha').length, 1, 'the model has read a\'s alpha');
    const doc = await vscode.workspace.openTextDocument(file('b', 'use-alpha.ts'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf('"alpha"') + 2)) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(!text.includes('Feature toggle'), `b's file shows a's flag: ${text}`);
  });
});
