import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { listFlags } from '../../src/core/flags';
import { git as gitIn } from '../support/git';
import { api, flagsCommandsRegistered, patchWindow, waitFor, workspaceFolder } from './helpers';

/** Targeting picks "on" for every request without an internal email: `defaultVariant: off` alone would change nothing served. */
const FLAGS = '{\n  "flags": {\n    "kt-checkout": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "on",\n      "targeting": { "if": [ { "ends_with": [ { "var": "email" }, "@internal.example" ] }, "off", "on" ] } }\n  }\n}\n';

/** Dogfooding: on for internal users only; off for a request with no context once `defaultVariant` is off. */
const DOGFOOD = '{\n  "flags": {\n    "kt-dogfood": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "on",\n      "targeting": { "if": [ { "ends_with": [ { "var": "email" }, "@internal.example" ] }, "on", null ] } }\n  }\n}\n';

/** Not boolean (Toggle asks which variant), already off for a request with no context, on for internal users. */
const ALREADY_OFF = '{\n  "flags": {\n    "kt-colour": { "state": "ENABLED", "variants": { "on": "blue", "off": "plain" }, "defaultVariant": "off",\n      "targeting": { "if": [ { "ends_with": [ { "var": "email" }, "@internal.example" ] }, "on", null ] } }\n  }\n}\n';

/** "Internal users only": targeting picks off for everyone but dev@, so the default variant is never served (walkedit33 H2). */
const DEV_ONLY = '{\n  "flags": {\n    "kt-beta": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "off",\n      "targeting": { "if": [ { "in": [ { "var": "email" }, [ "dev@example.com" ] ] }, "on", "off" ] } }\n  }\n}\n';

interface KillSwitchResult { changes: { key: string; field: string; from: unknown; to: unknown }[] }

/** review24 F1 in the real extension host: the kill switch turns off a flag whose targeting serves on (it left it serving true). */
describe('kill switch on a flag whose targeting serves on, in the real extension host', function () {
  this.timeout(60_000);
  const root = (): string => workspaceFolder().uri.fsPath;
  const file = (): string => path.join(root(), 'flags.json');

  before(async () => {
    await api();
    await flagsCommandsRegistered();
    fs.writeFileSync(file(), FLAGS);
    gitIn(root(), 'add', '--', 'flags.json');
    gitIn(root(), 'commit', '-q', '-m', 'kt: a flag with targeting', '--', 'flags.json');
  });

  after(() => {
    gitIn(root(), 'rm', '-q', '-f', '--', 'flags.json');
    gitIn(root(), 'commit', '-q', '-m', 'kt: restore', '--', 'flags.json');
  });

  it('disables it: flagd then serves the code default to everyone, and the command says what changed', async () => {
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
    const result = await vscode.commands.executeCommand<KillSwitchResult>('gearshift.killSwitch', { key: 'kt-checkout' });
    assert.deepStrictEqual(result?.changes.map((c) => [c.key, c.field, c.from, c.to]), [['kt-checkout', 'state', 'ENABLED', 'DISABLED']]);
    const listing = await listFlags({ root: root() }, { references: false, gitHistory: false });
    assert.strictEqual(listing.rows.find((r) => r.key === 'kt-checkout')?.value, null, fs.readFileSync(file(), 'utf8'));
  });

  it('Toggle on a disabled flag whose targeting decides asks whom it serves, not "in production" as if to everyone (review33 L6)', async () => {
    const disabled = FLAGS.replace('"state": "ENABLED"', '"state": "DISABLED"');
    fs.writeFileSync(file(), disabled);
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
    // The test host refuses every dialog and says what it would have shown.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('gearshift.toggleFeature', { key: 'kt-checkout' })),
      /Serve kt-checkout as "on" in production \(writes flags\.json\), except where its targeting picks "off"\?/);
    assert.strictEqual(fs.readFileSync(file(), 'utf8'), disabled, 'nothing written before the answer');
  });

  it('Toggle off keeps the dogfooding targeting, as `flags set KEY off` does, and warns who still gets on; its button turns it off for everyone', async () => {
    fs.writeFileSync(file(), DOGFOOD);
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
    const warned: { message: string; items: string[] }[] = [];
    const toldBeforeWarning: string[] = [];
    const unpatch = patchWindow({
      showWarningMessage: (message: string, ...items: string[]) => { if (message.includes('kt-dogfood')) { warned.push({ message, items }); } return Promise.resolve(items.find((i) => i === 'Turn Off for Everyone')); },
      showInformationMessage: (message: string) => { if (message.includes('kt-dogfood') && warned.length === 0) { toldBeforeWarning.push(message); } return Promise.resolve(undefined); },
    });
    try {
      const result = await vscode.commands.executeCommand<KillSwitchResult>('gearshift.toggleFeature', { key: 'kt-dogfood' });
      assert.deepStrictEqual(result?.changes.map((c) => [c.field, c.from, c.to]), [['defaultVariant', 'on', 'off']]);
      // The CLI's `!` line's words (core/flags stillServed.ts), and the way to off for everyone.
      assert.strictEqual(warned.length, 1, JSON.stringify(warned));
      // Named once, by the change; then whom its targeting still serves (walkedit33 L3).
      assert.strictEqual(warned[0].message, 'Gearshift: kt-dogfood (default): defaultVariant "on" → "off". Its targeting can still serve "on" to some requests (@internal.example). "Turn Off for Everyone" disables it: flagd then serves the code default to every request.');
      // One notification for one change: the change's own words are in the warning, with its Undo (no toast before it).
      assert.deepStrictEqual(toldBeforeWarning, []);
      assert.deepStrictEqual(warned[0].items, ['Turn Off for Everyone', 'Undo']);
      await waitFor('the button to disable the flag', () => /"state": "DISABLED"/.test(fs.readFileSync(file(), 'utf8')));
    } finally { unpatch(); }
    const listing = await listFlags({ root: root() }, { references: false, gitHistory: false });
    assert.strictEqual(listing.rows.find((r) => r.key === 'kt-dogfood')?.value, null, fs.readFileSync(file(), 'utf8'));
  });
  it('Toggle to off on a flag already off still says who gets on, in the one notification (as `flags set KEY off` does)', async () => {
    fs.writeFileSync(file(), ALREADY_OFF);
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
    const warned: string[] = [];
    const told: string[] = [];
    const unpatch = patchWindow({
      showQuickPick: (items: { variant?: string }[]) => Promise.resolve(items.find((i) => i.variant === 'off')),
      showWarningMessage: (message: string) => { if (message.includes('kt-colour')) { warned.push(message); } return Promise.resolve(undefined); },
      showInformationMessage: (message: string) => { if (message.includes('kt-colour')) { told.push(message); } return Promise.resolve(undefined); },
    });
    try {
      const result = await vscode.commands.executeCommand<KillSwitchResult & { stillServes?: string }>('gearshift.toggleFeature', { key: 'kt-colour' });
      assert.deepStrictEqual(result?.changes, [], JSON.stringify({ result, warned, told }));
      assert.strictEqual(result?.stillServes, 'on');
      assert.deepStrictEqual(told, []);
      assert.strictEqual(warned.length, 1, JSON.stringify(warned));
      assert.match(warned[0], /^Gearshift: kt-colour is already off\. Its targeting can still serve "on" to some requests \(@internal\.example\)\./);
    } finally { unpatch(); }
  });

  it('Toggle on a flag whose targeting picks off for everyone else refuses without writing, names the targeting and offers Open File', async () => {
    fs.writeFileSync(file(), DEV_ONLY);
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
    const errors: { message: string; items: string[] }[] = [];
    const told: string[] = [];
    const unpatch = patchWindow({
      showErrorMessage: (message: string, ...items: string[]) => { errors.push({ message, items }); return Promise.resolve(undefined); },
      showInformationMessage: (message: string) => { if (message.includes('kt-beta')) { told.push(message); } return Promise.resolve(undefined); },
    });
    try {
      const result = await vscode.commands.executeCommand<KillSwitchResult | undefined>('gearshift.toggleFeature', { key: 'kt-beta', confirmed: true });
      assert.strictEqual(result, undefined);
      assert.strictEqual(fs.readFileSync(file(), 'utf8'), DEV_ONLY, 'nothing written');
      assert.deepStrictEqual(told, []);
      assert.deepStrictEqual(errors, [{ message: 'Gearshift: kt-beta: its targeting picks "off" for everyone but dev@example.com, so the default variant is never served; change the targeting in flags.json to turn it on', items: ['Open File'] }]);
    } finally { unpatch(); }
  });

  it('`offForEveryone: true` as the argument turns it off for everyone without asking (tests, keybindings)', async () => {
    fs.writeFileSync(file(), DOGFOOD);
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
    const warned: string[] = [];
    const unpatch = patchWindow({ showWarningMessage: (message: string) => { warned.push(message); return Promise.resolve(undefined); } });
    try {
      const result = await vscode.commands.executeCommand<KillSwitchResult & { stillServes?: string }>('gearshift.toggleFeature', { key: 'kt-dogfood', offForEveryone: true });
      assert.strictEqual(result?.stillServes, 'on');
      // Done when the command resolves: the button's change was awaited, and nothing asked.
      assert.match(fs.readFileSync(file(), 'utf8'), /"state": "DISABLED"/);
      assert.deepStrictEqual(warned.filter((m) => m.includes('kt-dogfood')), []);
    } finally { unpatch(); }
    // Its undo enables the flag again: off for a request with no context, "on" only through targeting (walkedit33 L3).
    // The test host refuses every dialog and says what it would have shown.
    // Whom: the values its targeting matches, and what everyone else gets (review33 L6).
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('gearshift.undoToggle')), /Undo: serve kt-dogfood as "on" to the requests its targeting picks \(@internal\.example\), "off" to the others, in production again \(writes [^)]+\)\?/);
    assert.match(fs.readFileSync(file(), 'utf8'), /"state": "DISABLED"/, 'nothing undone before the answer');
  });
});
