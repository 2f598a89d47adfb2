/**
 * A monorepo in one window (review20 M1): `a/.gearshift.yml` and `b/.gearshift.yml` of one
 * repository added as two workspace folders. Each folder shows its own runs (each pipeline file
 * has its own history), a green run of b leaves a red, and the one status item names the folder
 * it describes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { commit, git, initRepo, tempDir } from '../support/git';
import { api, cliRun, readableTooltip, waitFor } from './helpers';

const pipelineText = (stage: string, run: string): string => `version: 1\nstages:\n  - name: ${stage}\n    run: ${run}\n`;

describe('monorepo: two pipeline folders of one repository, each its own status', function () {
  this.timeout(120_000);
  let repo = '';
  let first = 0;

  before(() => {
    repo = initRepo(path.join(fs.realpathSync(tempDir('gearshift-mono-')), 'mono'));
    for (const [dir, stage, run] of [['a', 'A Tests', 'echo a-fails; exit 1'], ['b', 'B Tests', 'echo b-ok']]) {
      fs.mkdirSync(path.join(repo, dir));
      fs.writeFileSync(path.join(repo, dir, '.gearshift.yml'), pipelineText(stage, run));
    }
    git(repo, 'add', '-A');
    commit(repo, 'two pipelines');
  });

  after(async () => {
    const added = (vscode.workspace.workspaceFolders ?? []).length - first;
    if (added > 0) {
      const removed = new Promise((resolve) => { const d = vscode.workspace.onDidChangeWorkspaceFolders(() => { d.dispose(); resolve(undefined); }); });
      vscode.workspace.updateWorkspaceFolders(first, added);
      await removed;
    }
    fs.rmSync(path.dirname(repo), { recursive: true, force: true });
  });

  it('a red in a/ and a green in b/: a stays red, b shows its own run, and the status item says whose red it is', async () => {
    const gearshift = await api();
    assert.strictEqual(await cliRun({}, path.join(repo, 'a')), 1, 'a\'s stage fails');
    first = (vscode.workspace.workspaceFolders ?? []).length;
    const added = new Promise((resolve) => { const d = vscode.workspace.onDidChangeWorkspaceFolders(() => { d.dispose(); resolve(undefined); }); });
    assert.ok(vscode.workspace.updateWorkspaceFolders(first, 0, { uri: vscode.Uri.file(path.join(repo, 'a')) }, { uri: vscode.Uri.file(path.join(repo, 'b')) }));
    await added;
    const folder = (name: string): vscode.WorkspaceFolder => vscode.workspace.workspaceFolders?.find((f) => f.uri.fsPath === path.join(repo, name)) ?? assert.fail(`no folder ${name}`);
    const line = (name: string): string => readableTooltip(gearshift.status().tooltip).split('\n').find((l) => l.startsWith(`- **${name}**: `)) ?? '';

    await waitFor('a red (A Tests) and b not run yet, each from its own history', () => /^- \*\*a\*\*: red for \S+ \(A Tests\)/.test(line('a')) && /^- \*\*b\*\*: notRun/.test(line('b')));
    assert.strictEqual(gearshift.lastRun(folder('b')), undefined, 'a\'s run is not b\'s');

    assert.strictEqual(await cliRun({}, path.join(repo, 'b')), 0, 'b\'s stage passes');
    await waitFor('b green from its own run', () => /^- \*\*b\*\*: green/.test(line('b')), 30_000);
    assert.deepStrictEqual(gearshift.lastRun(folder('b'))?.stages.map((s) => s.name), ['B Tests']);
    assert.match(line('a'), /^- \*\*a\*\*: red for \S+ \(A Tests\)/, `b's green run must not end a's red period:\n${gearshift.status().tooltip}`);
    assert.deepStrictEqual(gearshift.lastRun(folder('a'))?.stages.map((s) => s.name), ['A Tests']);

    // One item for the window: the folder red the longest, named, with its own stage.
    const shown = gearshift.status();
    const named = /^\$\(error\) Gearshift \((.+)\): red for \S+ · (.+)$/.exec(shown.text) ?? assert.fail(`the red item names its folder: ${shown.text}`);
    assert.match(line(named[1]), /: red for /, `the item describes a red folder: ${shown.text}`);
    if (named[1] === 'a') { assert.strictEqual(named[2], 'A Tests'); }
    assert.match(readableTooltip(shown.tooltip), new RegExp(`^\\*\\*Gearshift\\*\\* — ${named[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });
});
