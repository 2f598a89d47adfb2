/**
 * review28 M3: in the monorepo window (folders a/ and b/ of one repository, test/support/
 * monorepoFixture.ts) each folder holds a pipeline at the same relative path, `e2e`: a's green,
 * b's red. The tooltip must name each with its folder and link to each apart, and b's link must
 * offer b's failed log (it opened a's, which has none). Runs only in that window (index.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { MONOREPO_WORKSPACE_FILE } from '../support/monorepoFixture';
import { api, cliRun, patchWindow, readableTooltip, waitFor } from './helpers';

const COMMAND = 'gearshift.openSubfolderPipeline';
const pipeline = (name: string, exit: number): string => `version: 1\nstages:\n  - name: ${name}\n    run: echo ${name.replace(/ /g, '-')}-${exit}; exit ${exit}\n`;

/** Each `openSubfolderPipeline` link's arguments in the tooltip's Markdown, in order. */
function linkArgs(markdown: string): unknown[][] {
  return [...markdown.matchAll(new RegExp(`command:${COMMAND.replace('.', '\\.')}\\?([^)\\s]+)\\)`, 'g'))].map((m) => JSON.parse(decodeURIComponent(m[1])) as unknown[]);
}

describe('monorepo: a pipeline at the same path below two folders (e2e in a/ and in b/) is told apart', function () {
  this.timeout(120_000);
  const made: string[] = [];

  before(function () {
    if (!vscode.workspace.workspaceFile?.path.endsWith(`/${MONOREPO_WORKSPACE_FILE}`)) { this.skip(); }
  });

  after(() => { for (const dir of made) { fs.rmSync(dir, { recursive: true, force: true }); } });

  const folder = (name: string): vscode.WorkspaceFolder => vscode.workspace.workspaceFolders?.find((f) => f.name === name) ?? assert.fail(`no folder ${name}`);

  function e2e(name: 'a' | 'b', exit: number): string {
    const dir = path.join(folder(name).uri.fsPath, 'e2e');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.gearshift.yml'), pipeline(`${name.toUpperCase()} E2E`, exit));
    made.push(dir);
    return dir;
  }

  it('each row names its folder, the two links differ, and b\'s link offers b\'s failed log', async () => {
    const gearshift = await api();
    assert.strictEqual(await cliRun({}, e2e('a', 0)), 0, 'a/e2e passes');
    assert.strictEqual(await cliRun({}, e2e('b', 1)), 1, 'b/e2e fails');
    const tip = (): string => readableTooltip(gearshift.status().tooltip);
    await waitFor('both e2e pipelines read', () => /e2e\*\*: green/.test(tip()) && /e2e\*\*: red for/.test(tip()), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}:\n${tip()}`));
    // The red row's link first: it opened a's pipeline (green, no failed log) before (review28 M3).
    const redRow = gearshift.status().tooltip.split('\n').find((l) => l.startsWith('- $(error)')) ?? assert.fail(gearshift.status().tooltip);
    const bArgs = linkArgs(redRow)[0] ?? assert.fail(`no link on the red row: ${redRow}`);
    let offered: string[] = [];
    const restore = patchWindow({
      showQuickPick: async (items: readonly vscode.QuickPickItem[]) => {
        offered = (await items).map((i) => i.label);
        return (await items).find((i) => /Show Failed Stage Log/.test(i.label));
      },
    });
    try {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(COMMAND, ...bArgs);
      assert.match(doc?.getText() ?? '', /B-E2E-1/, `b's link shows b/e2e's saved output (offered: ${offered.join(', ')})`);
    } finally {
      restore();
    }
    assert.deepStrictEqual(bArgs, [folder('b').uri.toString(), 'e2e']);
    const links = linkArgs(gearshift.status().tooltip);
    assert.strictEqual(links.length, 2, gearshift.status().tooltip);
    assert.notDeepStrictEqual(links[0], links[1], 'two pipelines, two links');
    assert.match(tip(), /- \$\(pass-filled\) \*\*a: e2e\*\*: green/, 'a\'s row names a');
    assert.match(tip(), /- \$\(error\) \*\*b: e2e\*\*: red for \S+ \(B E2E\)/, 'b\'s row names b');
    assert.match(gearshift.status().text, /· b: e2e red$/, 'the item names whose e2e is red');
  });

  it('arguments from a link are data: a folder not open here, or a path with `..`, is refused with a short message', async () => {
    await api();
    const said: string[] = [];
    let picked = false;
    const restore = patchWindow({
      showWarningMessage: async (message: string) => { said.push(message); return undefined; },
      showQuickPick: async () => { picked = true; return undefined; },
    });
    try {
      await vscode.commands.executeCommand(COMMAND, vscode.Uri.file('/etc').toString(), 'e2e');
      await vscode.commands.executeCommand(COMMAND, folder('b').uri.toString(), '../a/e2e');
      await vscode.commands.executeCommand(COMMAND, '../a/e2e');
      await vscode.commands.executeCommand(COMMAND, '/etc');
      await vscode.commands.executeCommand(COMMAND, 'nowhere');
    } finally {
      restore();
    }
    assert.strictEqual(picked, false, 'nothing is offered');
    assert.deepStrictEqual(said, [
      'Gearshift: not a folder open in this window.',
      'Gearshift: not a subfolder pipeline path: ../a/e2e',
      'Gearshift: not a subfolder pipeline path: ../a/e2e',
      'Gearshift: not a subfolder pipeline path: /etc',
      'Gearshift: no subfolder pipeline nowhere in this window.',
    ]);
  });

  it('a keybinding\'s single path (review29 L2): below both folders, the user picks the folder by name, and b\'s log opens', async () => {
    await api();
    const picks: string[][] = [];
    const restore = patchWindow({
      showQuickPick: async (items: readonly vscode.QuickPickItem[]) => {
        const listed = await items;
        picks.push(listed.map((i) => i.label));
        return listed.find((i) => i.label === 'b') ?? listed.find((i) => /Show Failed Stage Log/.test(i.label));
      },
    });
    try {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(COMMAND, 'e2e');
      assert.match(doc?.getText() ?? '', /B-E2E-1/, `the path alone, b picked, shows b/e2e's saved output (picks: ${JSON.stringify(picks)})`);
    } finally {
      restore();
    }
    assert.deepStrictEqual(picks[0], ['a', 'b'], 'first the folder, by name');
  });
});
