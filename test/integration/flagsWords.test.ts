/**
 * walk30 L5/L6: Add Feature Toggle showed one notification per flags file, each with the new
 * definition as JSON; Kill Switch on a flag already off said "Nothing to change: the flag already
 * is that way." with no prefix and no name. Both must say what happened in words.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, flagsCommandsRegistered, patchWindow, workspaceFolder } from './helpers';

const OFF = '{\n  "flags": {\n    "old-search": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "off" }\n  }\n}\n';
const FILES = ['flags.json', 'flags.production.json'];

describe('feature toggle notifications in words (Add Feature Toggle, Kill Switch on a flag already off)', function () {
  this.timeout(60_000);
  const root = (): string => workspaceFolder().uri.fsPath;

  before(async () => {
    await api();
    for (const f of FILES) { fs.writeFileSync(path.join(root(), f), OFF); }
    await flagsCommandsRegistered();
  });

  after(() => { for (const f of FILES) { fs.rmSync(path.join(root(), f), { force: true }); } });

  /** What the command said through showInformationMessage. */
  async function said(command: string, ...args: unknown[]): Promise<string[]> {
    const messages: string[] = [];
    const restore = patchWindow({ showInformationMessage: async (m: string) => { messages.push(m); return undefined; } });
    try {
      await vscode.commands.executeCommand(command, ...args);
    } finally {
      restore();
    }
    return messages;
  }

  it('Add Feature Toggle: one notification naming the toggle, what it serves and every file', async () => {
    assert.deepStrictEqual(await said('gearshift.addFeatureToggle', 'beta-search'), ['Gearshift: added beta-search (off) to flags.json and flags.production.json']);
    for (const f of FILES) { assert.match(fs.readFileSync(path.join(root(), f), 'utf8'), /"beta-search"/, f); }
  });

  it('Kill Switch on a flag already off: the prefix, the flag and where', async () => {
    assert.deepStrictEqual(await said('gearshift.killSwitch', { key: 'old-search', environment: 'production' }), ['Gearshift: old-search is already off in production']);
  });
});
