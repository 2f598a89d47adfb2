import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, configPath, flagsCommandsRegistered, historyLines, patchWindow, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';

interface SnapshotRow { label: string; description: string; environments: { label: string; description: string }[] }

const FLAGS = `{
  "flags": {
    "new-checkout": {
      "state": "ENABLED",
      "variants": { "on": true, "off": false },
      "defaultVariant": "off"
    }
  }
}
`;

async function snapshot(): Promise<SnapshotRow[]> {
  return await vscode.commands.executeCommand<SnapshotRow[]>('gearshift.flagsSnapshot') ?? [];
}

async function hoverAt(doc: vscode.TextDocument, needle: string): Promise<string> {
  const pos = doc.positionAt(doc.getText().indexOf(needle) + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos) ?? [];
  return readableTooltip(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n'));
}

/** The view's flag labels as they are now (no fresh read), once `done` holds them; bounded, and says what it saw. */
async function waitForRows(done: (labels: string[]) => boolean, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await vscode.commands.executeCommand<SnapshotRow[]>('gearshift.flagsSnapshot', { reread: false }) ?? [];
    const labels = rows.map((r) => r.label);
    if (done(labels)) { return labels; }
    if (Date.now() > deadline) { throw new Error(`timed out after ${timeoutMs} ms; the view lists ${JSON.stringify(labels)}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `probe` until it returns a value (bounded); says what it waited for. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) { return v; }
    if (Date.now() > deadline) { throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function saves(): Promise<{ seen: number; skipped: number }> {
  return await vscode.commands.executeCommand<{ seen: number; skipped: number }>('gearshift.flagsSnapshot', { saves: true });
}

async function appendAndSave(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(doc.getText().length), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applied');
  assert.ok(await doc.save(), 'the document saved');
}

describe('feature toggles in the real extension host', function () {
  this.timeout(60_000);
  const root = (): string => workspaceFolder().uri.fsPath;
  let flagsFile = '';

  before(async () => {
    await api();
    flagsFile = path.join(root(), 'flags.json');
    fs.writeFileSync(flagsFile, FLAGS);
    fs.writeFileSync(path.join(root(), 'checkout.js'), 'if (client.getBooleanValue("new-checkout", false)) { render(); }\n');
    await flagsCommandsRegistered();
  });

  after(() => {
    for (const f of ['flags.json', 'checkout.js']) { fs.rmSync(path.join(root(), f), { force: true }); }
  });

  it('toggling through the command changes the file, the view and the hover; history has it; undo restores', async () => {
    const before = await snapshot();
    const row = before.find((r) => r.label === 'new-checkout');
    assert.ok(row, JSON.stringify(before));
    assert.match(row.description, /^false · 1 ref · /);
    const doc = await vscode.workspace.openTextDocument(path.join(root(), 'checkout.js'));
    assert.match(await hoverAt(doc, 'new-checkout'), /default: off → false[\s\S]*\[Toggle\]\(command:gearshift\.toggleFeature\?/);

    // confirmed: the one flags file serves production too, and a modal cannot be answered from here (e2e clicks it).
    await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'new-checkout', environment: 'default', confirmed: true });
    assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), FLAGS.replace('"defaultVariant": "off"', '"defaultVariant": "on"'));
    const after = (await snapshot()).find((r) => r.label === 'new-checkout');
    assert.match(after?.description ?? '', /^true · 1 ref · /);
    assert.match(await hoverAt(doc, 'new-checkout'), /default: on → true/);
    const flagLines = historyLines().filter((l) => l.kind === 'flag') as unknown as { flag: { key: string; from: string; to: string; who: string } }[];
    assert.deepStrictEqual(flagLines.map((l) => [l.flag.key, l.flag.from, l.flag.to]), [['new-checkout', 'off', 'on']]);
    assert.ok(flagLines[0].flag.who.length > 0);

    await vscode.commands.executeCommand('gearshift.undoToggle');
    assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), FLAGS);
    assert.match((await snapshot()).find((r) => r.label === 'new-checkout')?.description ?? '', /^false/);
  });

  it('Toggle and Undo that serve "on" in production ask first, in the CLI\'s words (a refused dialog leaves the file off)', async () => {
    const on = FLAGS.replace('"defaultVariant": "off"', '"defaultVariant": "on"');
    const asked: { message: string; detail: unknown }[] = [];
    const unpatch = patchWindow({ showWarningMessage: (message: string, options?: { modal?: boolean; detail?: string }) => {
      if (options?.modal === true) { asked.push({ message, detail: options.detail }); }
      return Promise.resolve(undefined); // refused
    } });
    try {
      await snapshot();
      await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'new-checkout', environment: 'default' });
      assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), FLAGS, 'nothing served before the answer');
      await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'new-checkout', environment: 'default', confirmed: true });
      assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), on);
      await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'new-checkout', environment: 'default' }); // off: never asked
      assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), FLAGS);
      await vscode.commands.executeCommand('gearshift.undoToggle');
      assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), FLAGS, 'nothing served before the answer');
    } finally { unpatch(); }
    const detail = 'Production reads flags.json (every environment does) and serves the change once it is committed and deployed. Turning it off again is never asked.';
    assert.deepStrictEqual(asked, [
      { message: 'Serve new-checkout as "on" in production (writes flags.json)?', detail },
      { message: 'Undo: serve new-checkout as "on" in production again (writes flags.json)?', detail },
    ]);
    await vscode.commands.executeCommand('gearshift.undoToggle', { confirmed: true });
    assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), on);
    await vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'new-checkout', environment: 'default' });
    assert.strictEqual(fs.readFileSync(flagsFile, 'utf8'), FLAGS);
  });

  it('a saved file that names no flag and held no reference starts no search (auto save saves every second); one that names a flag does', async () => {
    await snapshot();
    const plain = path.join(root(), 'plain.js');
    fs.writeFileSync(plain, 'export const x = 1;\n');
    try {
      const doc = await vscode.workspace.openTextDocument(plain);
      const before = await saves();
      await appendAndSave(doc, '// nothing to do with toggles\n');
      const after = await until('the model to see the save', async () => { const s = await saves(); return s.seen > before.seen ? s : undefined; });
      assert.deepStrictEqual(after, { seen: before.seen + 1, skipped: before.skipped + 1 });
      await appendAndSave(doc, 'if (client.getBooleanValue("new-checkout", false)) { log(); }\n');
      const row = await until('the new reference in the view', async () => {
        const r = (await vscode.commands.executeCommand<SnapshotRow[]>('gearshift.flagsSnapshot', { reread: false }) ?? []).find((x) => x.label === 'new-checkout');
        return r && /· 2 refs ·/.test(r.description) ? r : undefined;
      });
      assert.match(row.description, /^false · 2 refs · /);
      assert.strictEqual((await saves()).skipped, before.skipped + 1, 'the save naming a flag was not skipped');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(plain, { force: true });
      await snapshot();
    }
  });

  it('a broken flags file shows in Problems at its line and is not written', async () => {
    fs.writeFileSync(flagsFile, FLAGS.replace('"defaultVariant": "off"', '"defaultVariant": "maybe"'));
    await snapshot();
    const diags = await waitFor('a flags diagnostic', () => { const d = vscode.languages.getDiagnostics(vscode.Uri.file(flagsFile)); return d.length > 0 ? d : undefined; });
    assert.match(diags[0].message, /`defaultVariant` "maybe" is not among its variants/);
    assert.strictEqual(diags[0].range.start.line, 5);
    fs.writeFileSync(flagsFile, FLAGS);
  });

  // flags.json a link to a file whose name no watcher matches: a write to the target is reported
  // for the target's path only, so nothing but showing the view makes it read the file again.
  it('the view reads the flags files again when it is shown: a change no watcher reported shows then', async () => {
    const target = path.join(root(), 'store', 'toggles-store.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, FLAGS.replace('new-checkout', 'linked-checkout'));
    fs.rmSync(flagsFile);
    fs.symlinkSync(path.join('store', 'toggles-store.json'), flagsFile);
    try {
      // The link replacing flags.json is an event: once the view lists the flag behind it, that event was handled.
      await waitForRows((labels) => labels.includes('linked-checkout'));
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      fs.writeFileSync(target, FLAGS.replace('new-checkout', 'newer-checkout'));
      await vscode.commands.executeCommand('gearshift.flags.focus');
      const rows = await waitForRows((labels) => labels.includes('newer-checkout'));
      assert.deepStrictEqual(rows, ['newer-checkout']);
    } finally {
      fs.rmSync(flagsFile, { force: true });
      fs.rmSync(path.dirname(target), { recursive: true, force: true });
      fs.writeFileSync(flagsFile, FLAGS);
      await snapshot();
    }
  });

  it('a linked flags file: a change to its target shows while the view is open, with no save and no new look', async () => {
    const target = path.join(root(), 'linked', 'toggles-target.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, FLAGS.replace('new-checkout', 'target-a'));
    fs.rmSync(flagsFile);
    fs.symlinkSync(path.join('linked', 'toggles-target.json'), flagsFile);
    try {
      await waitForRows((labels) => labels.includes('target-a'));
      // The target's watcher is set up after that read and VS Code starts it asynchronously: each write
      // is a new change, so one made before the watcher ran is followed by one it sees (bounded).
      const deadline = Date.now() + 20_000;
      for (let i = 0; ; i++) {
        fs.writeFileSync(target, FLAGS.replace('new-checkout', `target-b${i}`));
        const seen = await waitForRows((labels) => labels.some((l) => l.startsWith('target-b')), 2_000).catch(() => undefined);
        if (seen) { assert.strictEqual(seen.length, 1); break; }
        if (Date.now() > deadline) { throw new Error(`no change of the link's target showed within 20 s; ${JSON.stringify(await waitForRows(() => true))}`); }
      }
    } finally {
      fs.rmSync(flagsFile, { force: true });
      fs.rmSync(path.dirname(target), { recursive: true, force: true });
      fs.writeFileSync(flagsFile, FLAGS);
      await snapshot();
    }
  });

  it('a flags file named in .gearshift.yml is watched too: a change from outside the editor shows without a save', async () => {
    const custom = path.join(root(), 'config', 'toggles.json');
    fs.mkdirSync(path.dirname(custom), { recursive: true });
    fs.writeFileSync(custom, FLAGS);
    const restore = usePipeline(`${fs.readFileSync(configPath(), 'utf8')}flags:\n  file: config/toggles.json\n`);
    try {
      assert.ok((await snapshot()).some((r) => r.label === 'new-checkout'), 'the flag from config/toggles.json is listed');
      const problems = (): readonly vscode.Diagnostic[] => vscode.languages.getDiagnostics(vscode.Uri.file(custom));
      fs.writeFileSync(custom, FLAGS.replace('"defaultVariant": "off"', '"defaultVariant": "maybe"'));
      await waitFor('a diagnostic on config/toggles.json', () => problems().length > 0);
      // Fixed and broken again from outside: only a watcher on that file sees these (no save, no config change).
      fs.writeFileSync(custom, FLAGS);
      await waitFor('the diagnostic gone', () => problems().length === 0);
      fs.writeFileSync(custom, FLAGS.replace('"state": "ENABLED"', '"state": "ON"'));
      await waitFor('a diagnostic on config/toggles.json again', () => problems().length > 0);
    } finally {
      restore();
      fs.rmSync(path.dirname(custom), { recursive: true, force: true });
    }
  });
});
