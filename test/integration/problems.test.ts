import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, configPath, patchWindow, waitFor } from './helpers';

const UNKNOWN_KEY = 'version: 1\nstages:\n  - name: A\n    runn: echo hi\n';
const BAD_NEEDS = 'version: 1\nstages:\n  - name: A\n    run: echo hi\n    needs: [Nope]\n';

function problems(): string[] {
  return vscode.languages.getDiagnostics(vscode.Uri.file(configPath())).filter((d) => d.source === 'gearshift').map((d) => d.message);
}

function waitForProblems(what: string, match: (messages: string[]) => boolean): Promise<string[]> {
  return waitFor(`${what} (Problems now: ${JSON.stringify(problems())})`, () => { const p = problems(); return match(p) ? p : undefined; }, 15_000);
}

const QUEUE_ALL = 'version: 1\ntrigger: commit\nqueue: all\nstages:\n  - name: A\n    run: echo hi\n';

/** Finding 3 of notes/edjourney.md: Problems follows .gearshift.yml on disk, not only open/save. */
describe('config problems follow .gearshift.yml on disk', () => {
  let original = '';
  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    original = fs.readFileSync(configPath(), 'utf8');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(configPath(), original);
    await waitForProblems('the restored file to have no problems', (p) => p.length === 0);
  });

  it('a broken file written outside the editor shows its problems, and fixing it on disk clears them', async () => {
    fs.writeFileSync(configPath(), UNKNOWN_KEY);
    await waitForProblems('the unknown key to show', (p) => p.some((m) => /runn/.test(m)));
    fs.writeFileSync(configPath(), original);
    await waitForProblems('the fixed file to have no problems', (p) => p.length === 0);
  });

  it('a run refused for an invalid config has filled Problems when the command returns (before Show Problems is offered)', async () => {
    fs.writeFileSync(configPath(), UNKNOWN_KEY);
    await waitForProblems('the first broken file to show', (p) => p.some((m) => /runn/.test(m)));
    fs.writeFileSync(configPath(), BAD_NEEDS);
    const run = await vscode.commands.executeCommand<RunRecord | undefined>('gearshift.runPipeline');
    assert.strictEqual(run, undefined, 'an invalid config must run nothing');
    const now = problems();
    assert.ok(now.some((m) => /Nope/.test(m)) && !now.some((m) => /runn/.test(m)), JSON.stringify(now));
  });

  it('unsaved changes in an editor stay authoritative over the file on disk until reverted', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(configPath()));
    await vscode.window.showTextDocument(doc);
    // The previous test's clean-up rewrote the file: a model VS Code still holds may reload it after this, and an edit racing that reload is refused.
    await waitFor('the editor to hold the file as it is on disk', () => !doc.isDirty && doc.getText() === fs.readFileSync(configPath(), 'utf8'), 15_000);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), UNKNOWN_KEY);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForProblems('the buffer\'s unknown key to show as it is typed', (p) => p.some((m) => /runn/.test(m)));
    fs.writeFileSync(configPath(), BAD_NEEDS);
    assert.strictEqual(await vscode.commands.executeCommand<RunRecord | undefined>('gearshift.runPipeline'), undefined);
    assert.ok((await vscode.commands.executeCommand<number>('gearshift.validateConfig') ?? 0) >= 1);
    assert.deepStrictEqual(problems().filter((m) => /Nope/.test(m)), [], 'the file on disk replaced the dirty buffer\'s problems');
    assert.ok(problems().some((m) => /runn/.test(m)), JSON.stringify(problems()));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForProblems('the reverted buffer (now the file on disk) to show its problems', (p) => p.some((m) => /Nope/.test(m)) && !p.some((m) => /runn/.test(m)));
  });

  it('queue: all under checkout: workspace is a warning on the queue: line, as gearshift validate says; checkout: clean clears it', async () => {
    fs.writeFileSync(configPath(), QUEUE_ALL);
    await vscode.workspace.openTextDocument(vscode.Uri.file(configPath()));
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(vscode.Uri.file(configPath())).filter((d) => d.source === 'gearshift');
    const [warning] = await waitFor(`the queue: all warning (Problems now: ${JSON.stringify(problems())})`, () => { const d = ours(); return d.length > 0 ? d : undefined; }, 15_000);
    assert.strictEqual(ours().length, 1, JSON.stringify(problems()));
    assert.match(warning.message, /^queue: all runs each commit only with checkout: clean/);
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual([warning.range.start.line, warning.range.start.character, warning.range.end.line], [2, 0, 2]);
    fs.writeFileSync(configPath(), QUEUE_ALL.replace('queue: all\n', 'queue: all\ncheckout: clean\n'));
    await waitForProblems('checkout: clean to clear the warning', (p) => p.length === 0);
  });

  // review40 M1: valid (absent = every branch), but a feature branch's first commit deploys to production.
  it('trigger: commit with no branches: and a production stage is one warning on the trigger: line; branches: clears it', async () => {
    const everyBranch = 'version: 1\ntrigger: commit\nstages:\n  - name: A\n    run: echo hi\n  - name: Ship\n    run: echo ship\n    environment: production\n';
    fs.writeFileSync(configPath(), everyBranch);
    await vscode.workspace.openTextDocument(vscode.Uri.file(configPath()));
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(vscode.Uri.file(configPath())).filter((d) => d.source === 'gearshift');
    const [warning] = await waitFor(`the every-branch warning (Problems now: ${JSON.stringify(problems())})`, () => { const d = ours(); return d.length > 0 ? d : undefined; }, 15_000);
    assert.strictEqual(ours().length, 1, JSON.stringify(problems()));
    assert.match(warning.message, /^trigger: commit with no branches: every branch's commits .* deploy to production; add `branches: \[main\]`/);
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual([warning.range.start.line, warning.range.start.character, warning.range.end.line, warning.range.end.character], [1, 0, 1, 15]);
    fs.writeFileSync(configPath(), everyBranch.replace('trigger: commit\n', 'trigger: commit\nbranches: [main]\n'));
    await waitForProblems('branches: to clear the warning', (p) => p.length === 0);
  });

  it('Validate Config on a valid file with a warning says "valid, 1 warning" with it, as gearshift validate prints it, and offers Problems', async () => {
    fs.writeFileSync(configPath(), QUEUE_ALL);
    await waitForProblems('the queue: all warning', (p) => p.some((m) => /^queue: all/.test(m)));
    const said: { message: string; items: string[] }[] = [];
    const tell = (message: string, ...items: string[]): Promise<undefined> => { said.push({ message, items }); return Promise.resolve(undefined); };
    const unpatch = patchWindow({ showInformationMessage: tell, showWarningMessage: tell, showErrorMessage: tell });
    try {
      assert.strictEqual(await vscode.commands.executeCommand<number>('gearshift.validateConfig'), 0);
    } finally { unpatch(); }
    assert.strictEqual(said.length, 1, JSON.stringify(said));
    assert.match(said[0].message, /^Gearshift: \.gearshift\.yml is valid, 1 warning: queue: all runs each commit only with checkout: clean/);
    assert.deepStrictEqual(said[0].items, ['Show Problems']);
  });
});
