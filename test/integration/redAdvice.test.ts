import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, historyLines, usePipeline, waitFor, workspaceFolder } from './helpers';

const CLI_ENV = { ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' };

/** `gearshift run` in the workspace, as a terminal would: resolves with its exit code. */
function cliRun(): Promise<number> {
  const cliJs = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cliJs, 'run', '--no-alerts'], { cwd: workspaceFolder().uri.fsPath, env: CLI_ENV, maxBuffer: 1 << 24 },
      (err) => resolve(err ? (typeof err.code === 'number' ? err.code : -1) : 0));
  });
}

function lastEndId(): string {
  const end = [...historyLines()].reverse().find((l) => l.kind === 'end') ?? assert.fail('no end line');
  return end.run?.id ?? assert.fail('no run id');
}

/** The window's red notifications (text and buttons) while `body` runs; `choice` is clicked on the first, if given. */
async function redNotices(pipeline: string, body: (said: Array<{ message: string; items: string[] }>) => Promise<void>, choice?: string): Promise<void> {
  const gearshift = await api();
  const said: Array<{ message: string; items: string[] }> = [];
  const win = vscode.window as unknown as Record<string, unknown>;
  const saved = win.showErrorMessage;
  win.showErrorMessage = (message: string, ...items: string[]) => { said.push({ message, items }); return Promise.resolve(said.length === 1 ? choice : undefined); };
  let restore = usePipeline('version: 1\nstages:\n  - name: Compile\n    run: echo compiled\n');
  try {
    // Green first: the red run below then goes red, and the window notifies.
    assert.strictEqual(await cliRun(), 0);
    await waitFor('the window to see the green run', () => gearshift.status().text.includes('green'));
    restore();
    restore = usePipeline(pipeline);
    assert.strictEqual(await cliRun(), 1);
    await waitFor('the red notification', () => said.length > 0);
    await body(said);
  } finally {
    win.showErrorMessage = saved;
    restore();
  }
}

/** review26 F3 and F8, in the real extension host. The workspace's .gearshift.yml is changed here, so each run is of uncommitted changes. */
describe('red advice and the failed stage\'s log', () => {
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('a starter TODO stage\'s red says to replace the TODO command, with no Revert (review26 F3); Open .gearshift.yml selects that command (firsthour34 F1)', async () => {
    const header = Array.from({ length: 30 }, (_, i) => `# the starter's comment line ${i + 1}`).join('\n');
    const command = (what: string) => `'echo "TODO: put ${what} here" && exit 1'`;
    const todo = command('provisioning');
    const stages = `  - name: Unit Tests\n    run: echo tested\n  - name: Provision Non-Prod\n    run: ${todo}\n  - name: Deploy Prod\n    run: ${command('deploy')}\n`;
    await redNotices(`${header}\nversion: 1\nstages:\n${stages}`, async (said) => {
      assert.match(said[0].message, /Provision Non-Prod still runs the starter's TODO command.*Replace the TODO command in \.gearshift\.yml/);
      // firsthour34 F11: with no environment yet, the way to green is taking the TODO stages out, and the toast names them.
      assert.match(said[0].message, /Delete or comment out the TODO stages \(Provision Non-Prod, Deploy Prod\), and add them back when you have somewhere to run them\.$/);
      assert.deepStrictEqual(said[0].items, ['Open .gearshift.yml', 'Show Log']);
      const editor = await waitFor('.gearshift.yml open at the TODO', () => {
        const e = vscode.window.activeTextEditor;
        return e && path.basename(e.document.uri.fsPath) === '.gearshift.yml' && !e.selection.isEmpty ? e : undefined;
      });
      assert.strictEqual(editor.document.getText(editor.selection), todo);
      assert.strictEqual(editor.selection.start.line, 35);
    }, 'Open .gearshift.yml');
  });

  it('a red run of uncommitted changes says so (dirty counts any untracked file, so the advice stays fix or revert); its failed log opens at the error at its end (review26 F8)', async () => {
    const LONG = 'version: 1\nstages:\n  - name: Copy\n    run: |\n      i=0; while [ $i -lt 3000 ]; do echo "copying file $i"; i=$((i+1)); done; echo "ERROR: disk full" >&2; exit 1\n';
    await redNotices(LONG, async (said) => {
      assert.match(said[0].message, /Copy failed on .* with uncommitted changes, run \w{8}\. Fix it or revert before anything else\./);
      assert.ok(said[0].items.includes('Revert Last Commit…'), said[0].items.join(', '));
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>('gearshift.showFailedStageLog', lastEndId(), 'Copy');
      const editor = await waitFor('the log\'s editor', () => vscode.window.activeTextEditor?.document === doc ? vscode.window.activeTextEditor : undefined);
      const error = doc.getText().split('\n').findIndex((l) => l.includes('ERROR: disk full'));
      assert.ok(error >= 3000, String(error));
      assert.ok(editor.selection.active.line >= error, `cursor at line ${editor.selection.active.line}, error at ${error}`);
      await waitFor('the end to be in view', () => editor.visibleRanges.some((r) => r.contains(new vscode.Position(error, 0))));
    });
  });
});
