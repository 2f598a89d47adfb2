import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, patchWindow, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';

const QUICK = `version: 1
stages:
  - name: Unit Tests
    run: echo "all tests pass"
`;

const SLOW = `version: 1
stages:
  - name: Long Stage
    run: echo "verdict long stage" && sleep 30
`;

const FAILING = `version: 1
stages:
  - name: Unit Tests
    run: echo "1 test failed" && exit 1
`;

const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspaceFolder().uri.fsPath, encoding: 'utf8' }).trim();
const head = (): string => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspaceFolder().uri.fsPath, encoding: 'utf8' }).trim();

describe('verdicts and the revert offer in the real extension host', () => {
  it('a cancelled run leaves a green pipeline green; the tooltip names the cancelled run', async () => {
    const gearshift = await api();
    const folder = workspaceFolder();
    const quick = usePipeline(QUICK);
    try {
      const green = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(green?.state, 'green');
    } finally { quick(); }
    const slow = usePipeline(SLOW);
    try {
      const mark = gearshift.terminalText(folder).length;
      const done = vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      await waitFor('the slow stage to start', () => gearshift.terminalText(folder).slice(mark).includes('verdict long stage'));
      assert.ok(await vscode.commands.executeCommand<boolean>('gearshift.stopPipeline'));
      assert.strictEqual((await done)?.state, 'cancelled');
      const s = await waitFor('the status after the cancelled run', () => { const x = gearshift.status(); return x.text.includes('sync~spin') ? undefined : x; });
      assert.strictEqual(s.text, '$(pass-filled) Gearshift: green');
      assert.strictEqual(s.background, undefined);
      assert.match(readableTooltip(s.tooltip), /Last run \w{8} cancelled \(Long Stage\); it gave no verdict, so the pipeline stays green\./);
    } finally { slow(); }
  });

  it('Revert Last Commit… with a tracked file edited refuses at once, before any question, and changes nothing', async () => {
    await api();
    const readme = path.join(workspaceFolder().uri.fsPath, 'README.md');
    const original = fs.readFileSync(readme, 'utf8');
    const before = head();
    fs.writeFileSync(readme, `${original}my edit\n`);
    try {
      // A modal would leave this pending (nothing answers it here): resolving at all proves none was shown.
      const result = await vscode.commands.executeCommand<string | undefined>('gearshift.revertLastCommit', workspaceFolder());
      assert.strictEqual(result, undefined);
      assert.strictEqual(head(), before);
      assert.strictEqual(fs.readFileSync(readme, 'utf8'), `${original}my edit\n`);
    } finally {
      fs.writeFileSync(readme, original);
    }
  });

  it('Revert Last Commit… after a harmless commit on a red pipeline offers the commit that turned it red, not HEAD', async () => {
    await api();
    const root = workspaceFolder().uri.fsPath;
    const start = head();
    const original = fs.readFileSync(path.join(root, '.gearshift.yml'), 'utf8');
    try {
      fs.writeFileSync(path.join(root, '.gearshift.yml'), FAILING);
      git('-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-am', 'break: tests');
      const culprit = head();
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      fs.appendFileSync(path.join(root, 'README.md'), 'typo fixed\n');
      git('-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-am', 'docs: unrelated typo fix');
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      // The test host refuses every dialog and says what it would have shown: that is the question asked.
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('gearshift.revertLastCommit', workspaceFolder())),
        new RegExp(`Revert ${culprit.slice(0, 8)} "break: tests"\\?`));
    } finally {
      git('reset', '-q', '--hard', start);
      fs.writeFileSync(path.join(root, '.gearshift.yml'), original);
      await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'); // green again for the suites after
    }
  });

  it('after Revert Last Commit…: no "is it the fix?" about the revert; a second Revert names it instead of failing; the reminder offers Run Pipeline (walk30 M2, L2)', async function () {
    this.timeout(180_000); // the reminder comes a minute after the red, the shortest reminderMinutes
    const automation = await (await api()).automation();
    const root = workspaceFolder().uri.fsPath;
    const start = head();
    const original = fs.readFileSync(path.join(root, '.gearshift.yml'), 'utf8');
    const said: string[] = [];
    const buttons = new Map<string, unknown[]>();
    const record = (answer?: string) => (message: string, ...rest: unknown[]): Promise<string | undefined> => {
      const modal = (rest[0] as { modal?: boolean } | undefined)?.modal === true;
      if (!modal) { said.push(message); buttons.set(message, rest); }
      return Promise.resolve(modal ? answer : undefined);
    };
    // "Is commit X the fix?" under trigger: manual is a progress notification (firsthour34 F4): its title is what it says.
    const asked = (opts: vscode.ProgressOptions): Promise<void> => { said.push(opts.title ?? ''); return Promise.resolve(); };
    const unpatch = patchWindow({ showWarningMessage: record('Revert'), showInformationMessage: record(), showErrorMessage: record(), withProgress: asked });
    let moves = 0;
    const moved = automation.onDidMoveHead(() => { moves++; });
    /** Commits, and waits for the commit tracker to have seen it (its commitSeen reaches the alerts first). */
    const commit = async (file: string, text: string, message: string): Promise<string> => {
      const before = moves;
      fs.writeFileSync(path.join(root, file), text);
      git('-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-am', message);
      await waitFor(`the commit tracker to see "${message}"`, () => moves > before);
      return head();
    };
    try {
      const culprit = await commit('.gearshift.yml', FAILING, 'refactor add');
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      const reverted = await vscode.commands.executeCommand<string>('gearshift.revertLastCommit', workspaceFolder());
      assert.ok(reverted && reverted !== culprit, `no revert made: ${said.join(' | ')}`);
      assert.strictEqual(await vscode.commands.executeCommand('gearshift.revertLastCommit', workspaceFolder()), undefined);
      const alreadyReverted = `${culprit.slice(0, 8)} is already reverted by ${reverted.slice(0, 8)}: run the pipeline on ${reverted.slice(0, 8)} to end the red.`;
      assert.ok(said.includes(`Gearshift: ${alreadyReverted}`), said.join('\n'));
      // The next reminder (1 minute, the shortest) says so too and offers Run Pipeline, not Revert Last Commit… again (verdictfix's note).
      await vscode.workspace.getConfiguration('gearshift').update('reminderMinutes', 1, vscode.ConfigurationTarget.Workspace);
      const reminder = await waitFor('the next reminder', () => said.find((m) => /still red|has been red/.test(m)), 100_000);
      assert.ok(reminder.endsWith(alreadyReverted), reminder);
      assert.deepStrictEqual(buttons.get(reminder), ['Run Pipeline', 'Show Log']);
      // Asked once per red period: the user's next commit is asked about only if the revert was not (the tracker tells commits in order).
      const mine = await commit('README.md', 'a try\n', 'docs: a try');
      await waitFor('the question about the user\'s commit', () => said.some((m) => m.includes(`is commit ${mine.slice(0, 8)} the fix?`)));
      assert.ok(!said.some((m) => m.includes(`is commit ${reverted.slice(0, 8)} the fix?`)), said.join('\n'));
    } finally {
      moved.dispose();
      unpatch();
      await vscode.workspace.getConfiguration('gearshift').update('reminderMinutes', undefined, vscode.ConfigurationTarget.Workspace);
      git('reset', '-q', '--hard', start);
      fs.writeFileSync(path.join(root, '.gearshift.yml'), original);
      await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'); // green again for the suites after
    }
  });
});
