import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, configPath, historyLines, usePipeline, waitFor, workspaceFolder } from './helpers';

const FAILING = `version: 1
stages:
  - name: Unit Tests
    run: echo "checking" && exit 3
  - name: Deploy Non-Prod
    run: echo "should never run" > never.txt
    environment: non-prod
`;

const SLOW = `version: 1
stages:
  - name: Long Stage
    run: echo "long stage pid $$" && sleep 30
`;

const SLOW_TO_PRODUCTION = `version: 1
stages:
  - name: Long Stage
    run: echo "long stage pid $$" && sleep 30
  - name: Ship
    run: echo shipped
    environment: production
`;

describe('pipeline in the real extension host', () => {
  it('Run Pipeline runs the fixture green, renders it in the terminal and writes history', async () => {
    const gearshift = await api();
    const before = historyLines().length;
    const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
    assert.ok(run, 'the command returned no run');
    assert.strictEqual(run.state, 'green', JSON.stringify(run.stages));
    assert.deepStrictEqual(run.stages.map((s) => s.state), ['passed', 'passed', 'passed']);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'Gearshift Pipeline'), 'no Gearshift Pipeline terminal');
    const text = gearshift.terminalText(workspaceFolder());
    assert.match(text, /\[1\/3\] Unit Tests/);
    assert.match(text, /all checks passed/);
    assert.match(text, /Pipeline GREEN/);
    const lines = historyLines().slice(before);
    // One start line, a `stage` line per stage as it starts (its process group, for cleanup after a crash) and a
    // `stageEnd` line as it ends (so a run killed later keeps it), one end line.
    const perStage = ['stage:running', 'stageEnd:running'];
    assert.deepStrictEqual(lines.map((l) => `${l.kind}:${l.run?.state}`), ['start:running', ...perStage, ...perStage, ...perStage, 'end:green']);
    assert.strictEqual(lines[1].run?.id, run.id);
    await waitFor('the status bar to turn green', () => /green/.test(gearshift.status().text));
    assert.strictEqual(gearshift.status().background, undefined);
  });

  it('a failing stage ends red, skips its dependents and turns the status bar red', async () => {
    const restore = usePipeline(FAILING);
    try {
      const gearshift = await api();
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(run?.state, 'red');
      assert.strictEqual(run.stages[0].exitCode, 3);
      assert.strictEqual(run.stages[1].state, 'skipped');
      assert.ok(!fs.existsSync(path.join(workspaceFolder().uri.fsPath, 'never.txt')), 'a dependent of the failed stage ran');
      await waitFor('the status bar to turn red', () => gearshift.status().status.kind === 'red');
      const s = gearshift.status();
      assert.match(s.text, /\$\(error\).*red.*Unit Tests/);
      assert.strictEqual(s.background, 'statusBarItem.errorBackground');
      assert.match(gearshift.terminalText(workspaceFolder()), /Unit Tests failed \(exit 3\)/);
    } finally {
      restore();
    }
  });

  it('checkout: clean turned on only in the working copy: the terminal\'s banner says this run uses the working tree until it is committed', async () => {
    const gearshift = await api();
    const restore = usePipeline(fs.readFileSync(configPath(), 'utf8').replace('version: 1\n', 'version: 1\ncheckout: clean\n'));
    try {
      if (gearshift.terminalText(workspaceFolder()).length === 0) { await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'); }
      const mark = gearshift.terminalText(workspaceFolder()).length;
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(run?.state, 'green', JSON.stringify(run?.stages));
      assert.deepStrictEqual([run.configNote, run.checkout], ['clean-not-committed', undefined]);
      const text = gearshift.terminalText(workspaceFolder()).slice(mark);
      assert.ok(mark > 0 && text.startsWith('\r\n'), `a blank line after the last run's summary: ${JSON.stringify(text.slice(0, 40))}`);
      const note = text.indexOf("! checkout: clean is not in the commit's .gearshift.yml yet: this run uses the working tree as it is (commit it to run clean).");
      assert.ok(note > text.indexOf('━━ Gearshift pipeline') && note < text.indexOf('[1/3]'), text);
    } finally {
      restore();
    }
  });

  it('a failed stage\'s name is shown in the status bar as text: no icon from `$(…)`, no bidi override or C1 control', async () => {
    // A YAML double-quoted name may hold any of them; the status bar renders `$(name)` as an icon.
    const gearshift = await api();
    // Green first: while red, the status bar names the stage that turned it red (an earlier test's).
    assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
    // A C1 control (CSI) in the name: bidi overrides are refused by validation itself now (hiddenText.ts), so only what passes it is shown.
    const restore = usePipeline(FAILING.replace('- name: Unit Tests', '- name: "Unit $(pass-filled) Tests\\u009b31m"'));
    try {
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(run?.state, 'red');
      await waitFor('the status bar to name this run\'s stage', () => gearshift.status().status.kind === 'red' && gearshift.status().text.includes('pass-filled'));
      const { text } = gearshift.status();
      assert.match(text, /^\$\(error\) Gearshift: .*red.* · Unit \\\$\(pass-filled\) Tests/, text);
      // eslint-disable-next-line no-control-regex -- control characters are what is checked
      assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(text));
    } finally {
      restore();
    }
  });

  it('Stop Pipeline cancels a running stage and kills its process', async () => {
    const restore = usePipeline(SLOW);
    try {
      const gearshift = await api();
      const folder = workspaceFolder();
      const mark = gearshift.terminalText(folder).length;
      const done = vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      const match = await waitFor('the stage to print its pid', () => /long stage pid (\d+)/.exec(gearshift.terminalText(folder).slice(mark)) ?? undefined);
      const pid = Number(match[1]);
      // The first stage starts inside the run's start: the status bar must show it (it kept the last run's state).
      await waitFor('the status bar to show the first stage running', () => gearshift.status().status.kind === 'running' && /Long Stage \(1\/1\)/.test(gearshift.status().text), 10_000);
      assert.ok(await vscode.commands.executeCommand<boolean>('gearshift.stopPipeline'));
      const run = await done;
      assert.strictEqual(run?.state, 'cancelled');
      assert.strictEqual(run.stages[0].state, 'cancelled');
      assert.throws(() => process.kill(pid, 0), 'the stage process survived Stop');
    } finally {
      restore();
    }
  });

  it('with whenRunning "ignore", Run Pipeline during a run asks nothing (no production question) and starts nothing', async () => {
    const restore = usePipeline(SLOW_TO_PRODUCTION);
    const settings = vscode.workspace.getConfiguration('gearshift', workspaceFolder());
    await settings.update('whenRunning', 'ignore', vscode.ConfigurationTarget.Workspace);
    try {
      const gearshift = await api();
      const folder = workspaceFolder();
      const mark = gearshift.terminalText(folder).length;
      const first = vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
      await waitFor('the stage to print its pid', () => /long stage pid \d+/.test(gearshift.terminalText(folder).slice(mark)));
      const before = historyLines().length;
      // A modal cannot be answered here: had it asked the production question first, this would never resolve.
      const second = await vscode.commands.executeCommand<RunRecord | undefined>('gearshift.runPipeline');
      assert.strictEqual(second, undefined);
      assert.strictEqual(historyLines().length, before, 'a second run started');
      assert.ok(await vscode.commands.executeCommand<boolean>('gearshift.stopPipeline'));
      assert.strictEqual((await first)?.state, 'cancelled');
    } finally {
      await settings.update('whenRunning', undefined, vscode.ConfigurationTarget.Workspace);
      restore();
    }
  });

  it('Re-run From Failed Stage starts at the failed stage', async () => {
    const restore = usePipeline(FAILING);
    try {
      await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      const rerun = await vscode.commands.executeCommand<RunRecord>('gearshift.rerunFromFailed');
      assert.strictEqual(rerun?.trigger, 'rerun');
      assert.strictEqual(rerun.stages[0].state, 'failed', 'the failed stage itself re-runs');
    } finally {
      restore();
    }
  });

  it('config errors reach the Problems panel when the file is saved, with line and column', async () => {
    const restore = usePipeline('version: 1\nstages:\n  - name: A\n    runn: echo hi\n');
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceFolder().uri.fsPath, '.gearshift.yml')));
      await vscode.window.showTextDocument(doc);
      const diags = await waitFor('diagnostics for .gearshift.yml', () => {
        const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'gearshift');
        return d.length ? d : undefined;
      });
      const unknown = diags.find((d) => /runn/.test(d.message));
      assert.ok(unknown, JSON.stringify(diags.map((d) => d.message)));
      assert.strictEqual(unknown.range.start.line, 3);
      assert.strictEqual(unknown.range.start.character, 4);
      assert.match(unknown.message, /did you mean/i);
      const errorCount = await vscode.commands.executeCommand<number>('gearshift.validateConfig');
      assert.ok((errorCount ?? 0) >= 1);
      const before = historyLines().length;
      const run = await vscode.commands.executeCommand<RunRecord | undefined>('gearshift.runPipeline');
      assert.strictEqual(run, undefined, 'an invalid config must run nothing');
      assert.strictEqual(historyLines().length, before, 'an invalid config must write no history');
    } finally {
      restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('offers every stage as a task of type gearshift that exits with the stage result', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'gearshift' });
    assert.deepStrictEqual(tasks.map((t) => t.name).sort(), ['Build Artifacts', 'Deploy Non-Prod', 'Unit Tests']);
    const task = tasks.find((t) => t.name === 'Build Artifacts')!;
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name === task.name) { sub.dispose(); resolve(e.exitCode); }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.strictEqual(await ended, 0);
  });

  it('Terminate Task cancels the task\'s run and kills its stage', async () => {
    const restore = usePipeline(SLOW);
    try {
      const gearshift = await api();
      const folder = workspaceFolder();
      const mark = gearshift.terminalText(folder).length;
      const task = (await vscode.tasks.fetchTasks({ type: 'gearshift' })).find((t) => t.name === 'Long Stage');
      assert.ok(task, 'no Long Stage task');
      const ended = new Promise<void>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => { if (e.execution.task.name === task.name) { sub.dispose(); resolve(); } });
      });
      const execution = await vscode.tasks.executeTask(task);
      const match = await waitFor('the stage to print its pid', () => /long stage pid (\d+)/.exec(gearshift.terminalText(folder).slice(mark)) ?? undefined);
      const runId = gearshift.lastRun(folder)?.id;
      execution.terminate();
      // No exit code to check: the workbench disposes a terminated task's terminal and reports
      // `undefined` at once (TerminalExitStatus: "the user forcibly closed the terminal").
      await ended;
      const run = await waitFor('the task\'s run to end', () => { const r = gearshift.lastRun(folder); return r && r.id === runId && r.state !== 'running' ? r : undefined; }, 15_000);
      assert.deepStrictEqual([run.trigger, run.state, run.stages[0].state, run.stages[0].reason], ['task', 'cancelled', 'cancelled', 'the task was terminated']);
      assert.throws(() => process.kill(Number(match[1]), 0), 'the stage process survived Terminate Task');
    } finally {
      restore();
    }
  });
});
