import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, historyLines, usePipeline, waitFor, workspaceFolder } from './helpers';

/** `gearshift run` in the workspace, as a terminal would: resolves with its exit code. */
function cliRun(): Promise<number> {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'run', '--no-alerts'], { cwd: workspaceFolder().uri.fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' } },
      (err) => resolve(err ? (typeof err.code === 'number' ? err.code : -1) : 0));
  });
}

const FAILING = `version: 1
stages:
  - name: Compile
    run: printf 'compiled\\n'
  - name: Unit Tests
    run: printf '\\033]0;owned\\007\\033[31m1 test failed\\033[0m, expected 2\\n'; exit 1
`;

describe('saved run logs in the real extension host', () => {
  it('a CLI run\'s failed stage opens from the red status item, its stage row and Show Run Log, escape sequences removed', async () => {
    const restore = usePipeline(FAILING);
    try {
      const gearshift = await api();
      assert.strictEqual(await cliRun(), 1);
      const end = [...historyLines()].reverse().find((l) => l.kind === 'end') ?? assert.fail('no end line');
      const runId = end.run?.id ?? assert.fail('no run id');
      // The window learns of the CLI's run from history; this window never saw its output.
      const status = await waitFor('the status bar to turn red for the CLI run', () => {
        const s = gearshift.status();
        return s.command?.id === 'gearshift.showFailedStageLog' && s.command.args[0] === runId ? s : undefined;
      });
      assert.deepStrictEqual(status.command?.args, [runId, 'Unit Tests']);
      assert.strictEqual(gearshift.terminalText(workspaceFolder()).includes('expected 2'), false);

      const fromStatus = await vscode.commands.executeCommand<vscode.TextDocument>(status.command!.id, ...status.command!.args);
      assert.strictEqual(fromStatus?.getText(), '1 test failed, expected 2\n[gearshift: failed: exited with code 1]\n');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), fromStatus.uri.toString());

      // The Pipeline view's row passes its node: the folder, the stage and the run it shows.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const node = { kind: 'stage', fp: { folder: workspaceFolder() }, stage: { name: 'Compile', state: 'passed' }, run: { id: runId } };
      await vscode.commands.executeCommand('gearshift.openStageLog', node);
      const row = await waitFor('the stage log to open', () => vscode.window.activeTextEditor?.document);
      assert.strictEqual(row.getText(), 'compiled\n');

      const picked = await vscode.commands.executeCommand<vscode.TextDocument>('gearshift.showRunLog', workspaceFolder(), runId, 'Unit Tests');
      assert.strictEqual(picked?.getText(), '1 test failed, expected 2\n[gearshift: failed: exited with code 1]\n');
    } finally {
      restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
