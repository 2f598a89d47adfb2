/**
 * A monorepo in one window (review20 M1): `a/.gearshift.yml` and `b/.gearshift.yml` of one
 * repository, opened as a two-folder workspace (test/support/monorepoFixture.ts; the harness
 * opens it in a window of its own, elsewhere this suite is skipped). Each folder shows its own
 * runs (each pipeline file has its own history), a green run of b leaves a red, and the one
 * status item names the folder it describes.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { MONOREPO_WORKSPACE_FILE } from '../support/monorepoFixture';
import { api, cliRun, readableTooltip, waitFor } from './helpers';

describe('monorepo: two pipeline folders of one repository, each its own status', function () {
  this.timeout(120_000);

  before(function () {
    if (!vscode.workspace.workspaceFile?.path.endsWith(`/${MONOREPO_WORKSPACE_FILE}`)) { this.skip(); }
  });

  const folder = (name: string): vscode.WorkspaceFolder => vscode.workspace.workspaceFolders?.find((f) => f.name === name) ?? assert.fail(`no folder ${name}`);

  it('a red in a/ and a green in b/: a stays red, b shows its own run, and the status item says whose red it is', async () => {
    const gearshift = await api();
    const line = (name: string): string => readableTooltip(gearshift.status().tooltip).split('\n').find((l) => l.startsWith(`- **${name}**: `)) ?? '';
    // Until each history is read the item says "loading…" (walk30 L13), then "not run yet".
    await waitFor('both pipelines found and read, neither run yet', () => { const s = gearshift.status().status; return s.kind === 'notRun' && !s.loading; });
    assert.match(gearshift.status().text, /^\$\(gear\) Gearshift \((a|b)\): not run yet$/);

    assert.strictEqual(await cliRun({}, folder('a').uri.fsPath), 1, 'a\'s stage fails');
    await waitFor('a red (A Tests) and b not run yet, each from its own history', () => /^- \*\*a\*\*: red for \S+ \(A Tests\)/.test(line('a')) && /^- \*\*b\*\*: notRun/.test(line('b')), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}:\n${gearshift.status().tooltip}`));
    assert.strictEqual(gearshift.lastRun(folder('b')), undefined, 'a\'s run is not b\'s');
    assert.match(gearshift.status().text, /^\$\(error\) Gearshift \(a\): red for \S+ · A Tests$/, 'the one item names the red folder and its stage');

    assert.strictEqual(await cliRun({}, folder('b').uri.fsPath), 0, 'b\'s stage passes');
    await waitFor('b green from its own run', () => /^- \*\*b\*\*: green/.test(line('b')), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}:\n${gearshift.status().tooltip}`));
    assert.deepStrictEqual(gearshift.lastRun(folder('b'))?.stages.map((s) => s.name), ['B Tests']);
    assert.match(line('a'), /^- \*\*a\*\*: red for \S+ \(A Tests\)/, `b's green run must not end a's red period:\n${gearshift.status().tooltip}`);
    assert.deepStrictEqual(gearshift.lastRun(folder('a'))?.stages.map((s) => s.name), ['A Tests']);
    const shown = gearshift.status();
    assert.match(shown.text, /^\$\(error\) Gearshift \(a\): red for \S+ · A Tests$/);
    assert.match(readableTooltip(shown.tooltip), /^\*\*Gearshift\*\* — a: \$\(error\) pipeline \*\*RED\*\*/);
    assert.strictEqual(path.basename(path.dirname(folder('a').uri.fsPath)), 'mono');
  });
});
