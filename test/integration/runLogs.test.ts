import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline';
import { api, cliRun, historyLines, patchWindow, usePipeline, waitFor, workspaceFolder } from './helpers';


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

  it('a log opened while another process ran its stage shows the saved output once opened again, not the copy VS Code kept', async () => {
    // The stage waits for this file: the log is opened while it runs, in a known state.
    const go = path.join(os.tmpdir(), `gearshift-go-${process.pid}-${Date.now()}`);
    const restore = usePipeline(`version: 1
stages:
  - name: Waits
    run: printf 'waiting\\n'; while [ ! -e "$GO_FILE" ]; do sleep 0.05; done; printf 'went\\n'; exit 1
    env: { GO_FILE: ${JSON.stringify(go)} }
`);
    try {
      const started = historyLines().length;
      const done = cliRun();
      const runId = await waitFor('the CLI run to start', () => historyLines().slice(started).find((l) => l.kind === 'start')?.run?.id);
      const opened = await vscode.commands.executeCommand<vscode.TextDocument>('gearshift.showRunLog', workspaceFolder(), runId, 'Waits');
      // The run's history record says it is running (core/runlog missingStageText), so that is all the document says.
      assert.match(opened?.getText() ?? '', /^"Waits" has no saved output yet: run [0-9a-f]{8} is still running \(a stage's output is saved when it ends\)\.\n$/);
      fs.writeFileSync(go, '');
      assert.strictEqual(await done, 1);
      const saved = 'waiting\nwent\n[gearshift: failed: exited with code 1]\n';
      // Opened again (the Pipeline row, the red status item, Show Run Log…): the document is the saved log now.
      const again = await vscode.commands.executeCommand<vscode.TextDocument>('gearshift.showRunLog', workspaceFolder(), runId, 'Waits');
      assert.strictEqual(again?.getText(), saved);
      assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), saved);
    } finally {
      restore();
      fs.rmSync(go, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('a log opened while this window runs its stage ends up showing the saved file (head, tail and the reason line), not the memory copy', async () => {
    const go = path.join(os.tmpdir(), `gearshift-go-${process.pid}-${Date.now()}`);
    const restore = usePipeline(`version: 1
stages:
  - name: Waits Here
    run: printf 'waiting\\n'; while [ ! -e "$GO_FILE" ]; do sleep 0.05; done; printf 'went\\n'; exit 3
    env: { GO_FILE: ${JSON.stringify(go)} }
`);
    try {
      const gearshift = await api();
      const mark = gearshift.terminalText(workspaceFolder()).length;
      const done = vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      await waitFor('the stage to start', () => gearshift.terminalText(workspaceFolder()).slice(mark).includes('waiting'));
      const runId = gearshift.lastRun(workspaceFolder())?.id ?? assert.fail('no run');
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>('gearshift.showRunLog', workspaceFolder(), runId, 'Waits Here');
      assert.strictEqual(doc?.getText(), 'waiting\n', 'the running stage: the window\'s memory');
      fs.writeFileSync(go, '');
      assert.strictEqual((await done)?.state, 'red');
      // Only the saved file has the result line's reason: the memory copy read at `stageEnded` would stay without it.
      await waitFor('the open log to show the saved file', () => doc.getText() === 'waiting\nwent\n[gearshift: failed: exited with code 3]\n' || undefined, 10_000)
        .catch((e: Error) => assert.fail(`${e.message}; it shows ${JSON.stringify(doc.getText())}`));
    } finally {
      restore();
      fs.rmSync(go, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('Show Run Log lists a run that saved no output (a gate nobody answered), as logs --list does; picking it says why instead of opening a log', async () => {
    const restore = usePipeline('version: 1\nstages:\n  - name: Gate\n    run: echo gated\n    approval: manual\n');
    let items: Array<{ label: string; description?: string }> = [];
    const said: string[] = [];
    let unpatch = (): void => undefined;
    try {
      await api();
      assert.strictEqual(await cliRun(), 130, 'CI=true: nobody can answer the gate');
      const end = [...historyLines()].reverse().find((l) => l.kind === 'end') ?? assert.fail('no end line');
      const runId = end.run?.id ?? assert.fail('no run id');
      unpatch = patchWindow({
        showQuickPick: (list: Array<{ label: string; description?: string }>) => { items = list; return Promise.resolve(list.find((i) => i.label.endsWith(`run ${runId.slice(0, 8)}`))); },
        showInformationMessage: (m: string) => { said.push(m); return Promise.resolve(undefined); },
      });
      assert.strictEqual(await vscode.commands.executeCommand('gearshift.showRunLog', workspaceFolder()), undefined);
      const item = items.find((i) => i.label.endsWith(`run ${runId.slice(0, 8)}`));
      assert.ok(item, JSON.stringify(items));
      assert.match(item.label, /cancelled · run /);
      assert.match(item.description ?? '', / · no output$/);
      assert.match(said.join('\n'), new RegExp(`Run ${runId.slice(0, 8)} saved no stage output \\(cancelled; no stage had ended\\): "Gate" cancelled \\(not approved: nobody could be asked`));
      assert.notStrictEqual(vscode.window.activeTextEditor?.document.uri.scheme, 'gearshift-log', 'no empty log opened');
    } finally {
      unpatch();
      restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
