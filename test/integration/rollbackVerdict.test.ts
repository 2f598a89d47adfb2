import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { blueGreenPipeline } from '../support/blueGreenPipeline';
import { api, patchWindow, readableTooltip, usePipeline, waitFor } from './helpers';

/** Blue/green, "live" a file the switch writes; with `alert`, a command probe that always fails and no auto-rollback. */
function blueGreen(liveFile: string, alert: boolean): string {
  return blueGreenPipeline({ liveFile, ...(alert ? { monitor: { autoRollback: false, probe: { command: 'exit 1' } } } : {}) });
}

interface Outcome { result: string; message: string; record?: RunRecord }

describe('a rollback by hand that ends a red period in the real extension host (walk30 H1)', () => {
  let dir = '';
  let unpatch = (): void => undefined;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-rollback-verdict-'));
    // The alert's notification and the rollback's toasts: answered by nobody here.
    const none = (): Promise<undefined> => Promise.resolve(undefined);
    unpatch = patchWindow({ showErrorMessage: none, showWarningMessage: none, showInformationMessage: none });
  });
  after(async () => {
    unpatch();
    const restore = usePipeline(blueGreen(path.join(dir, 'live'), false));
    try { await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true }); } finally { restore(); }
    if (dir) { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('the status item turns green at once, as `gearshift status` says', async () => {
    const gearshift = await api();
    await gearshift.automation();
    const liveFile = path.join(dir, 'live');
    let restore = usePipeline(blueGreen(liveFile, false));
    try {
      const good = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
      assert.strictEqual(good?.result, 'ok', good?.message);
      restore();
      restore = usePipeline(blueGreen(liveFile, true));
      const bad = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(bad?.result, 'alert', bad?.message);
      await waitFor('the status item to say red', () => gearshift.status().status.kind === 'red');
      const back = await vscode.commands.executeCommand<Outcome>('gearshift.rollback', { confirmed: true });
      assert.strictEqual(back?.result, 'ok', back?.message);
      // Before the fix it stayed "Gearshift: red" (red background, "Re-run from failed stage") until a reload.
      const s = await waitFor('the status item to say green after the rollback', () => { const x = gearshift.status(); return x.status.kind === 'green' ? x : undefined; });
      assert.strictEqual(s.text, '$(pass-filled) Gearshift: green');
      assert.strictEqual(s.background, undefined);
      assert.doesNotMatch(readableTooltip(s.tooltip), /Re-run from failed stage|pipeline RED/);
      // review32 L6: the story `gearshift status` tells: what made it green, then the red release's run as the last run.
      assert.match(readableTooltip(s.tooltip), /After rollback at [^\n]*: it ended the red\.[\s\S]*Last run \(red\): /);
      assert.doesNotMatch(readableTooltip(s.tooltip), /Triggered by rollback/);
    } finally {
      restore();
    }
  });
});
