import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, patchWindow, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';

const pipeline = (lint: string, build: string): string => `version: 1
stages:
  - name: Lint
    run: ${lint}
  - name: Build
    run: ${build}
`;
const PASS = 'echo ok';
const FAIL = 'echo "compile error in src/app.ts:3" && exit 2';

/** A gate that waits: a non-prod deploy first (so *Deploy to Non-Prod* has a stage), then a manual gate (no production stage: Run Pipeline asks nothing first). */
const GATED = `version: 1
stages:
  - name: Unit Tests
    run: echo tested
  - name: Deploy Staging
    run: echo staged
    environment: non-prod
  - name: Release Gate
    run: echo released
    approval: manual
`;

/** Every notification the window shows while a test runs: kind, text, buttons; none is answered. */
function recordNotifications(): { said: Array<{ kind: string; message: string; items: string[] }>; unpatch: () => void } {
  const said: Array<{ kind: string; message: string; items: string[] }> = [];
  const record = (kind: string) => (message: string, ...items: unknown[]) => {
    said.push({ kind, message, items: items.filter((i): i is string => typeof i === 'string') });
    return Promise.resolve(undefined);
  };
  const unpatch = patchWindow({ showErrorMessage: record('error'), showWarningMessage: record('warning'), showInformationMessage: record('info') });
  return { said, unpatch };
}

/** review39 M4/M1 and L9/L7, in the real extension host. */
describe('what the editor says while red or at a gate (review39)', () => {
  it('red → red for another stage: the item, its click and a new red toast name what fails now; back to green names it (M4)', async () => {
    const gearshift = await api();
    await gearshift.automation();
    const { said, unpatch } = recordNotifications();
    let restore = usePipeline(pipeline(PASS, PASS));
    try {
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
      restore();
      restore = usePipeline(pipeline(FAIL, PASS));
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      await waitFor('the red toast for Lint', () => said.some((s) => s.kind === 'error' && /The pipeline is red: Lint failed/.test(s.message)));
      restore();
      restore = usePipeline(pipeline(PASS, FAIL));
      const second = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(second?.state, 'red');
      const s = await waitFor('the item to name Build', () => { const x = gearshift.status(); return / · Build$/.test(x.text) ? x : undefined; });
      assert.match(s.text, /^\$\(error\) Gearshift: red for \d+s · Build$/);
      assert.deepStrictEqual(s.command, { id: 'gearshift.showFailedStageLog', args: [second.id, 'Build'] });
      assert.match(readableTooltip(s.tooltip), /Failed stage: \*\*Build\*\*/);
      assert.match(readableTooltip(s.tooltip), /Red since Lint failed at \w{8}/);
      const toast = await waitFor('a red toast for the new cause', () => said.find((x) => x.kind === 'error' && /still red, for a new reason: Build failed/.test(x.message)));
      assert.match(toast.message, /red since Lint failed at \w{8}\. Fix it or revert before anything else\./);
      restore();
      restore = usePipeline(pipeline(PASS, PASS));
      // Only what this green run says: the first run above may have ended a red period an earlier suite left (another stage).
      const told = said.length;
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
      const back = await waitFor('back to green', () => said.slice(told).find((x) => x.kind === 'info' && /Back to green after/.test(x.message)));
      assert.match(back.message, /Back to green after \d+s: Build passes again/);
    } finally {
      unpatch();
      restore();
    }
  });

  // rereview39b F4: what a window start reads back from history (a reload does the same; here the folder's automation restarts).
  it('after the folder\'s alerts restart mid-red, a stage that failed before in the period is no "new reason"; a new one is', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const folder = workspaceFolder();
    const { said, unpatch } = recordNotifications();
    const three = (lint: string, build: string, unit: string): string => `${pipeline(lint, build)}  - name: Unit\n    run: ${unit}\n`;
    const settings = vscode.workspace.getConfiguration('gearshift', folder);
    const restart = async (value: boolean | undefined): Promise<void> => {
      const before = automation.forFolder(folder);
      await settings.update('trackCommits', value, vscode.ConfigurationTarget.Global); // user settings: no file in the repository
      await waitFor('the folder\'s automation to restart', () => automation.forFolder(folder) !== before);
      await automation.ready();
    };
    let restore = usePipeline(three(FAIL, PASS, PASS));
    try {
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      restore();
      restore = usePipeline(three(PASS, FAIL, PASS));
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      await waitFor('Build said', () => said.some((x) => x.kind === 'error' && /Build failed/.test(x.message)));
      await restart(false);
      assert.ok(automation.forFolder(folder)?.alerts.redPeriod, 'the red period read back');
      const told = said.length;
      restore();
      restore = usePipeline(three(FAIL, PASS, PASS));
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      restore();
      restore = usePipeline(three(PASS, PASS, FAIL));
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      await waitFor('a new reason: Unit', () => said.slice(told).some((x) => x.kind === 'error' && /for a new reason: Unit failed/.test(x.message)));
      assert.deepStrictEqual(said.slice(told).filter((x) => /new reason: Lint failed/.test(x.message)).map((x) => x.message), [], 'Lint was told before the restart');
      restore();
      restore = usePipeline(three(PASS, PASS, PASS));
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
    } finally {
      unpatch();
      restore();
      await restart(undefined);
    }
  });

  it('the same stage red again but no longer the starter\'s TODO: a new red toast with the real cause and its buttons (M1)', async () => {
    const gearshift = await api();
    await gearshift.automation();
    const { said, unpatch } = recordNotifications();
    const one = (run: string): string => `version: 1\nstages:\n  - name: Unit Tests\n    run: ${run}\n`;
    // Its output stays in the window's terminal: other suites assert that a CLI run's "expected 2" is not there.
    let restore = usePipeline(one(PASS));
    try {
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
      restore();
      restore = usePipeline(one(`'echo "TODO: put your unit tests here" && exit 1'`));
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red');
      await waitFor('the TODO toast', () => said.some((x) => x.kind === 'error' && /still runs the starter's TODO command/.test(x.message)));
      restore();
      restore = usePipeline(one(`'echo "3 tests, 1 failed: got 3" && exit 1'`));
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'red', JSON.stringify(said));
      const real = await waitFor('a toast for the real failure', () => said.find((x) => x.kind === 'error' && /still red, for a new reason: Unit Tests failed/.test(x.message)));
      assert.ok(real.items.includes('Show Log') && !real.items.includes('Open .gearshift.yml'), `a real failure's buttons: ${real.items.join(', ')}`);
    } finally {
      unpatch();
      restore();
    }
  });

  it('a gate waiting: the item warns, its tooltip offers Answer approval…; a deploy refused for it says so with Answer / Stop (L9, L7)', async () => {
    const gearshift = await api();
    const { said, unpatch } = recordNotifications();
    const restore = usePipeline(GATED);
    try {
      const run = vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      const s = await waitFor('the gate to wait', () => { const x = gearshift.status(); return /Release Gate waits for approval/.test(x.text) ? x : undefined; });
      assert.strictEqual(s.background, 'statusBarItem.warningBackground');
      assert.strictEqual(s.command?.id, 'gearshift.answerApproval');
      assert.match(s.tooltip, /\[\$\(question\) Answer approval…\]\(command:gearshift\.answerApproval\) · \[\$\(output\) Open log\]/);
      await vscode.commands.executeCommand('gearshift.deployNonProd');
      const refused = await waitFor('the refusal', () => said.find((x) => /deploy to non-prod:/.test(x.message)));
      assert.strictEqual(refused.message, 'Gearshift: deploy to non-prod: a pipeline run is in progress: it waits for your approval of "Release Gate". Answer it, or stop the run, then deploy.');
      assert.deepStrictEqual(refused.items, ['Answer Approval…', 'Stop Pipeline']);
      await vscode.commands.executeCommand('gearshift.stopPipeline');
      assert.strictEqual((await run)?.state, 'cancelled');
    } finally {
      unpatch();
      restore();
    }
  });
});
