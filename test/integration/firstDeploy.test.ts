import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, patchWindow, usePipeline, waitFor, workspaceFolder } from './helpers';

interface Said { level: string; message: string; items: string[] }

/** firsthour34 F6, in the real extension host: a project whose pipeline deploys nothing yet. */
describe('a project with no deploy stage yet', () => {
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('Deploy to Non-Prod / Production say what stage to add, Open .gearshift.yml lands on stages:, and there is no Show Log of another run', async () => {
    await api();
    const said: Said[] = [];
    let answer: string | undefined;
    const record = (level: string) => (message: string, ...items: unknown[]) => {
      said.push({ level, message, items: items.filter((i): i is string => typeof i === 'string') });
      return Promise.resolve(answer);
    };
    const unpatch = patchWindow({ showErrorMessage: record('error'), showWarningMessage: record('warning'), showInformationMessage: record('info') });
    const text = 'version: 1\n# tests only, no environment yet\nstages:\n  - name: Unit Tests\n    run: echo tested\n';
    const restore = usePipeline(text);
    try {
      // An earlier suite's .gearshift.yml may still be the editor's model of the file: wait until it has read this one.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, '.gearshift.yml'));
      await waitFor('the editor to read the new .gearshift.yml', () => doc.getText() === text);
      answer = 'Open .gearshift.yml';
      await vscode.commands.executeCommand('gearshift.deployNonProd');
      await waitFor('the non-prod notification', () => said.length > 0);
      assert.deepStrictEqual(said, [{
        level: 'warning', items: ['Open .gearshift.yml'],
        message: 'Gearshift: deploy to non-prod: the pipeline has no stage with environment: non-prod. '
          + 'Add one to .gearshift.yml: a stage whose run deploys your build to a test environment, with environment: non-prod',
      }]);
      const editor = await waitFor('.gearshift.yml open', () => vscode.window.activeTextEditor?.document.fileName.endsWith('.gearshift.yml') && vscode.window.activeTextEditor);
      assert.strictEqual(editor.selection.active.line, 2, 'the cursor on stages:, where a new stage goes');

      said.length = 0;
      answer = undefined;
      await vscode.commands.executeCommand('gearshift.deployProduction');
      await waitFor('the production notification', () => said.length > 0);
      assert.deepStrictEqual(said.map((s) => [s.level, s.items]), [['warning', ['Open .gearshift.yml']]]);
      assert.match(said[0].message, /^Gearshift: deploy to production: the pipeline has no stage with environment: production, so nothing would deploy\. Add one to \.gearshift\.yml/);
      assert.doesNotMatch(said.map((s) => s.message).join('\n'), /`/, 'a notification shows backticks as they are');
    } finally {
      unpatch();
      restore();
    }
  });
});
