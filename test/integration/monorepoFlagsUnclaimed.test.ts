/**
 * review37a F2: a folder without `.gearshift.yml` whose `flags.json` is another tool's (not flagd's
 * format) got Gearshift errors in Problems. Now a folder without a pipeline has flags files only
 * where they declare flagd's `$schema`. Runs in the monorepo window: a multi-root workspace takes a
 * third folder without reloading (core/flags/declared.ts; flagsModel.ts `onlyDeclared`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { MONOREPO_WORKSPACE_FILE } from '../support/monorepoFixture';
import { api, flagsCommandsRegistered } from './helpers';

const HOME_GROWN = `${JSON.stringify({ flags: { newUI: true, betaSearch: false } }, null, 2)}\n`;
const DECLARED = `${JSON.stringify({ $schema: 'https://flagd.dev/schema/v0/flags.json', flags: { newUI: true, betaSearch: false } }, null, 2)}\n`;

/** Adds (or removes) a folder and waits for the window to say so (bounded). */
async function changeFolders(change: () => boolean, what: string): Promise<void> {
  const changed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`${what}: no workspace folders event within 20 s`)); }, 20_000);
    const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => { clearTimeout(timer); sub.dispose(); resolve(); });
  });
  assert.ok(change(), `${what}: refused by the window`);
  await changed;
}

describe('monorepo window: another tool\'s flags.json in a folder without .gearshift.yml (review37a F2)', function () {
  this.timeout(120_000);
  let dir = '';
  const flagsFile = (): string => path.join(dir, 'flags.json');
  const ours = (): string[] => vscode.languages.getDiagnostics(vscode.Uri.file(flagsFile())).filter((d) => d.source === 'gearshift flags').map((d) => d.message);
  const labels = async (): Promise<string[]> => (await vscode.commands.executeCommand<{ label: string }[]>('gearshift.flagsSnapshot') ?? []).map((r) => r.label);

  before(async function () {
    if (!vscode.workspace.workspaceFile?.path.endsWith(`/${MONOREPO_WORKSPACE_FILE}`)) { this.skip(); }
    await api();
    await flagsCommandsRegistered();
    const a = vscode.workspace.workspaceFolders?.find((f) => f.name === 'a') ?? assert.fail('no folder a');
    dir = path.join(path.dirname(path.dirname(a.uri.fsPath)), 'other-tool');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(flagsFile(), HOME_GROWN);
    const at = vscode.workspace.workspaceFolders?.length ?? 0;
    await changeFolders(() => vscode.workspace.updateWorkspaceFolders(at, 0, { uri: vscode.Uri.file(dir), name: 'other-tool' }), 'adding other-tool');
  });

  after(async () => {
    const index = vscode.workspace.workspaceFolders?.findIndex((f) => f.name === 'other-tool') ?? -1;
    if (index >= 0) { await changeFolders(() => vscode.workspace.updateWorkspaceFolders(index, 1), 'removing other-tool'); }
    if (dir !== '') { fs.rmSync(dir, { recursive: true, force: true }); }
    await vscode.commands.executeCommand('gearshift.flagsSnapshot');
  });

  it('gets no Gearshift problems and no rows; declaring flagd\'s $schema makes it a flags file', async () => {
    const before = await labels(); // a fresh read of every folder, other-tool's included
    assert.deepStrictEqual(ours(), [], 'a flags.json that is not flagd\'s, where no pipeline names it, is not Gearshift\'s to check');
    assert.ok(!before.includes('newUI'), `no row for another tool's key: ${JSON.stringify(before)}`);
    fs.writeFileSync(flagsFile(), DECLARED);
    await labels();
    const said = ours();
    assert.strictEqual(said.length, 2, `the declared file is checked: ${JSON.stringify(said)}`);
    assert.match(said[0], /^flag "newUI" must be an object with `state`, `variants` and `defaultVariant`$/);
  });
});
