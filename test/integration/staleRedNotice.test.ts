import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { git as gitIn } from '../support/git';
import { api, patchWindow, usePipeline, waitFor, workspaceFolder } from './helpers';

/** Red while `broken.txt` is committed; run by hand. */
const PIPELINE = `version: 1
stages:
  - name: Unit Tests
    run: test ! -e broken.txt
`;

const git = (...args: string[]): string => gitIn(workspaceFolder().uri.fsPath, ...args);

/** review40 H3: a red toast stays on screen after the red ends (an extension cannot close it); its buttons act on that red only. */
describe('a red notice still on screen after the pipeline is green again (review40 H3)', () => {
  it('its Revert Last Commit… reverts nothing (not the fix) and says the pipeline is green again; Re-run likewise', async function () {
    this.timeout(120_000);
    const root = workspaceFolder().uri.fsPath;
    const start = git('rev-parse', 'HEAD');
    const restore = usePipeline(PIPELINE);
    const said: { kind: string; message: string }[] = [];
    const modals: string[] = [];
    let click: ((choice: string) => void) | undefined;
    const record = (kind: string) => (message: string, ...items: unknown[]): Promise<string | undefined> => {
      if ((items[0] as { modal?: boolean } | undefined)?.modal === true) { modals.push(message); return Promise.resolve('Revert'); }
      said.push({ kind, message });
      // The red toast stays open (unanswered) until the test clicks one of its buttons.
      if (kind === 'error' && /The pipeline is red: Unit Tests failed/.test(message) && !click) { return new Promise((resolve) => { click = resolve; }); }
      return Promise.resolve(undefined);
    };
    const unpatch = patchWindow({ showInformationMessage: record('info'), showWarningMessage: record('warning'), showErrorMessage: record('error') });
    try {
      const gearshift = await api();
      await gearshift.automation();
      git('commit', '-q', '-am', 'h3: the pipeline'); // a revert needs a clean tree: without it the revert would be refused anyway
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
      fs.writeFileSync(path.join(root, 'broken.txt'), 'x\n');
      git('add', 'broken.txt');
      git('commit', '-q', '-m', 'h3: break it');
      const red = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(red?.state, 'red');
      await waitFor('the red toast', () => click !== undefined);
      git('rm', '-q', 'broken.txt');
      git('commit', '-q', '-m', 'h3: fix it');
      const fix = git('rev-parse', 'HEAD');
      const green = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(green?.state, 'green');
      const told = said.length;
      click?.('Revert Last Commit…');
      const over = await waitFor('the stale Revert\'s answer', () => said.slice(told).find((s) => /nothing to revert/.test(s.message)));
      assert.strictEqual(over.message, `Gearshift: the pipeline is green again (run ${green.id.slice(0, 8)}): nothing to revert from this notice, which was about the red run ${red.id.slice(0, 8)} started.`);
      assert.deepStrictEqual(modals, [], 'no revert question');
      assert.strictEqual(git('rev-parse', 'HEAD'), fix, 'no revert commit');
      // Re-run From Failed Stage of the same notice: the arguments its button passes.
      const rerun = await vscode.commands.executeCommand('gearshift.rerunFromFailed', { folderUri: workspaceFolder().uri.toString(), redRunId: red.id });
      assert.strictEqual(rerun, undefined);
      await waitFor('the stale Re-run\'s answer', () => said.some((s) => /the pipeline is green again .*nothing to re-run from this notice/.test(s.message)));
      assert.strictEqual(gearshift.lastRun(workspaceFolder())?.id, green.id, 'no run started');
    } finally {
      unpatch();
      restore();
      git('reset', '-q', '--hard', start);
    }
  });
});

/** Red while `broken.txt` is committed; its one stage deploys to non-prod (Deploy to Non-Prod runs it). */
const NON_PROD = `version: 1
stages:
  - name: Deploy Non-Prod
    run: test ! -e broken.txt
    environment: non-prod
`;

/** deployred41: the deploy commands' red notices (deploy/deployCommandSupport.ts report) carry their red too, as the went-red one does. */
describe('a failed Deploy to Non-Prod\'s red notice still on screen after the pipeline is green again (review40 H3, deploys)', () => {
  it('its Revert Last Commit… reverts nothing (not the fix) and says the pipeline is green again', async function () {
    this.timeout(120_000);
    const root = workspaceFolder().uri.fsPath;
    const start = git('rev-parse', 'HEAD');
    const restore = usePipeline(NON_PROD);
    const said: { kind: string; message: string; items: unknown[] }[] = [];
    const modals: string[] = [];
    let click: ((choice: string) => void) | undefined;
    const record = (kind: string) => (message: string, ...items: unknown[]): Promise<string | undefined> => {
      if ((items[0] as { modal?: boolean } | undefined)?.modal === true) { modals.push(message); return Promise.resolve('Revert'); }
      said.push({ kind, message, items });
      // The deploy's red toast stays open (unanswered) until the test clicks one of its buttons.
      if (kind === 'error' && /^Gearshift: deploy to non-prod: .*The pipeline is red/.test(message) && !click) { return new Promise((resolve) => { click = resolve; }); }
      return Promise.resolve(undefined);
    };
    const unpatch = patchWindow({ showInformationMessage: record('info'), showWarningMessage: record('warning'), showErrorMessage: record('error') });
    try {
      const gearshift = await api();
      await gearshift.automation();
      git('commit', '-q', '-am', 'h3 deploy: the pipeline');
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
      fs.writeFileSync(path.join(root, 'broken.txt'), 'x\n');
      git('add', 'broken.txt');
      git('commit', '-q', '-m', 'h3 deploy: break it');
      const failed = await vscode.commands.executeCommand<{ result: string; message: string; record?: RunRecord }>('gearshift.deployNonProd');
      assert.strictEqual(failed?.result, 'failed', failed?.message);
      const red = failed.record ?? assert.fail('no run record');
      await waitFor('the deploy\'s red toast', () => click !== undefined);
      const toast = said.find((s) => /^Gearshift: deploy to non-prod: /.test(s.message)) ?? assert.fail('no deploy toast');
      assert.ok(toast.items.includes('Revert Last Commit…'), `its buttons: ${toast.items.join(', ')}`);
      git('rm', '-q', 'broken.txt');
      git('commit', '-q', '-m', 'h3 deploy: fix it');
      const fix = git('rev-parse', 'HEAD');
      const green = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(green?.state, 'green');
      const told = said.length;
      click?.('Revert Last Commit…');
      // Without the red in its argument the click asked to revert HEAD, the fix (the modal is answered Revert).
      await waitFor('the stale Revert\'s answer or a revert question', () => said.slice(told).some((s) => /nothing to revert/.test(s.message)) || modals.length > 0);
      assert.deepStrictEqual(modals, [], 'no revert question');
      const over = said.slice(told).find((s) => /nothing to revert/.test(s.message)) ?? assert.fail('no answer');
      assert.strictEqual(over.message, `Gearshift: the pipeline is green again (run ${green.id.slice(0, 8)}): nothing to revert from this notice, which was about the red run ${red.id.slice(0, 8)} started.`);
      assert.strictEqual(git('rev-parse', 'HEAD'), fix, 'no revert commit');
    } finally {
      unpatch();
      restore();
      git('reset', '-q', '--hard', start);
    }
  });
});
