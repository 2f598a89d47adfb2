import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { git as gitIn } from '../support/git';
import { api, commandLinkArgs, patchWindow, usePipeline, waitFor, workspaceFolder } from './helpers';

/** Red while `broken.txt` is committed. */
const ON_COMMIT = `version: 1
trigger: commit
stages:
  - name: Unit Tests
    run: test ! -e broken.txt
`;

/** The same, run by hand. */
const MANUAL = ON_COMMIT.replace('trigger: commit', 'trigger: manual');

const git = (...args: string[]): string => gitIn(workspaceFolder().uri.fsPath, ...args);

describe('"is commit X the fix?" when the commit runs by itself (walkedit33 L1)', () => {
  it('has no button, so it hides by itself: the commit\'s own run answers it', async function () {
    this.timeout(120_000);
    const root = workspaceFolder().uri.fsPath;
    const start = git('rev-parse', 'HEAD');
    const restore = usePipeline(ON_COMMIT);
    const asked: { message: string; items: unknown[] }[] = [];
    const record = (message: string, ...items: unknown[]): Promise<undefined> => { asked.push({ message, items }); return Promise.resolve(undefined); };
    const unpatch = patchWindow({ showInformationMessage: record, showWarningMessage: record, showErrorMessage: record });
    const gearshift = await api();
    try {
      await gearshift.automation(); // the commit tracker starts with it
      const folder = workspaceFolder();
      fs.writeFileSync(path.join(root, 'broken.txt'), 'x\n');
      git('add', 'broken.txt');
      git('commit', '-q', '-m', 'l1: break it');
      const bad = git('rev-parse', 'HEAD');
      await waitFor('the red run of the breaking commit', () => gearshift.lastRun(folder)?.sha === bad && gearshift.lastRun(folder)?.state === 'red', 60_000);
      git('rm', '-q', 'broken.txt');
      git('commit', '-q', '-m', 'l1: fix it');
      const fix = git('rev-parse', 'HEAD');
      const question = await waitFor('the question about the fix', () => asked.find((a) => a.message.includes(`is commit ${fix.slice(0, 8)} the fix?`)), 60_000);
      assert.match(question.message, /Its run starts by itself \(trigger: commit\)/);
      assert.deepStrictEqual(question.items, [], 'no button: a notification without one hides by itself');
      await waitFor('the fix\'s own green run', () => gearshift.lastRun(folder)?.sha === fix && gearshift.lastRun(folder)?.state === 'green', 60_000);
    } finally {
      unpatch();
      // The fix's own run ends green (the pipeline is left green for the suites after); wait for it even when an assertion failed first.
      await waitFor('no run in progress', () => gearshift.lastRun(workspaceFolder())?.state !== 'running' && gearshift.status().status.kind !== 'running', 60_000).catch(() => undefined);
      restore();
      git('reset', '-q', '--hard', start);
    }
  });

  it('asked while the commit does not run by itself, it closes when the user runs the commit from ▶ (firsthour34 F4)', async function () {
    this.timeout(120_000);
    const root = workspaceFolder().uri.fsPath;
    const start = git('rev-parse', 'HEAD');
    const restore = usePipeline(MANUAL);
    const asked: { title: string; closed: boolean }[] = [];
    const withProgress = (opts: vscode.ProgressOptions, task: (p: vscode.Progress<unknown>, t: vscode.CancellationToken) => Thenable<unknown>): Thenable<unknown> => {
      const q = { title: opts.title ?? '', closed: false };
      asked.push(q);
      const done = task({ report: () => undefined }, new vscode.CancellationTokenSource().token);
      void Promise.resolve(done).then(() => { q.closed = true; });
      return done;
    };
    const said: string[] = [];
    const quiet = (message: string): Promise<undefined> => { said.push(message); return Promise.resolve(undefined); };
    const unpatch = patchWindow({ withProgress, showInformationMessage: quiet, showWarningMessage: quiet, showErrorMessage: quiet });
    const gearshift = await api();
    try {
      await gearshift.automation();
      const folder = workspaceFolder();
      fs.writeFileSync(path.join(root, 'broken.txt'), 'x\n');
      git('add', 'broken.txt');
      git('commit', '-q', '-m', 'f4: break it');
      // Right after the previous test's run: its end's bookkeeping may still hold the engine; Run Pipeline waits for it, asking nothing.
      await vscode.commands.executeCommand('gearshift.runPipeline', folder);
      await waitFor('the red run', () => gearshift.lastRun(folder)?.state === 'red', 60_000)
        .catch((e: Error) => assert.fail(`${e.message}; said: ${JSON.stringify(said)}`));
      git('rm', '-q', 'broken.txt');
      git('commit', '-q', '-m', 'f4: fix it');
      const fix = git('rev-parse', 'HEAD');
      const question = await waitFor('the question about the fix', () => asked.find((a) => a.title.includes(`is commit ${fix.slice(0, 8)} the fix?`)), 60_000);
      // The link names its folder: without it Run Pipeline takes the active editor's folder (review34 F1). Run as a click would.
      const runArgs = commandLinkArgs(question.title, 'gearshift.runPipeline');
      assert.deepStrictEqual(runArgs, [{ folderUri: folder.uri.toString() }]);
      assert.strictEqual(question.closed, false, 'still up before any run');
      await vscode.commands.executeCommand('gearshift.runPipeline', ...runArgs);
      await waitFor('the question to close once the fix runs', () => question.closed, 60_000);
      await waitFor('the fix\'s green run', () => gearshift.lastRun(folder)?.sha === fix && gearshift.lastRun(folder)?.state === 'green', 60_000);
    } finally {
      unpatch();
      await waitFor('no run in progress', () => gearshift.lastRun(workspaceFolder())?.state !== 'running', 60_000).catch(() => undefined);
      restore();
      git('reset', '-q', '--hard', start);
    }
  });

  it('Revert Last Commit… under trigger: commit says the revert\'s run has started, with no Run button (firsthour34 F15)', async function () {
    this.timeout(120_000);
    const root = workspaceFolder().uri.fsPath;
    const start = git('rev-parse', 'HEAD');
    const restore = usePipeline(ON_COMMIT);
    const said: { message: string; items: unknown[] }[] = [];
    const record = (message: string, ...items: unknown[]): Promise<string | undefined> => {
      const modal = (items[0] as { modal?: boolean } | undefined)?.modal === true;
      if (!modal) { said.push({ message, items }); }
      return Promise.resolve(modal ? 'Revert' : undefined);
    };
    const unpatch = patchWindow({ showInformationMessage: record, showWarningMessage: record, showErrorMessage: record });
    const gearshift = await api();
    try {
      await gearshift.automation();
      const folder = workspaceFolder();
      // Revert refuses with a tracked file edited: the config is committed first (its own run is green).
      git('commit', '-q', '-am', 'f15: trigger: commit');
      const config = git('rev-parse', 'HEAD');
      await waitFor('the config commit\'s run', () => gearshift.lastRun(folder)?.sha === config && gearshift.lastRun(folder)?.state === 'green', 60_000);
      fs.writeFileSync(path.join(root, 'broken.txt'), 'x\n');
      git('add', 'broken.txt');
      git('commit', '-q', '-m', 'f15: break it');
      const bad = git('rev-parse', 'HEAD');
      await waitFor('the red run of the breaking commit', () => gearshift.lastRun(folder)?.sha === bad && gearshift.lastRun(folder)?.state === 'red', 60_000);
      const revert = await vscode.commands.executeCommand<string>('gearshift.revertLastCommit', folder);
      assert.ok(revert, said.map((s) => s.message).join(' | '));
      const told = said.find((s) => s.message.includes(`reverted ${bad.slice(0, 8)} as ${revert.slice(0, 8)}`));
      assert.strictEqual(told?.message, `Gearshift: reverted ${bad.slice(0, 8)} as ${revert.slice(0, 8)}; its run has started (trigger: commit).`);
      assert.deepStrictEqual(told.items, []);
      await waitFor('the revert\'s own green run', () => gearshift.lastRun(folder)?.sha === revert && gearshift.lastRun(folder)?.state === 'green', 60_000);
    } finally {
      unpatch();
      await waitFor('no run in progress', () => gearshift.lastRun(workspaceFolder())?.state !== 'running', 60_000).catch(() => undefined);
      restore();
      git('reset', '-q', '--hard', start);
    }
  });
});
