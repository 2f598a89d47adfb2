import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { GearshiftApi } from '../../src/extension';
import { activationMarks, vscodeActivationTimes } from './vscodeActivationTimes';

const EXTENSION_ID = 'gearshift.gearshift';
/** bench/baselineExtension: an empty activate the bench starts in the same host (GEARSHIFT_BENCH_BASELINE_EXTENSION). */
const BASELINE_ID = 'gearshift.bench-baseline';

describe('activation in a real extension host', () => {
  it('activates on a workspace with .gearshift.yml and registers its commands', async () => {
    const ext = vscode.extensions.getExtension<GearshiftApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this host`);
    const api = await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.ok(api.activationMs > 0 && api.activationMs < 10_000, `activationMs ${api.activationMs}`);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('gearshift.showGauge'), 'gearshift.showGauge is not registered');
    if (process.env.GEARSHIFT_BENCH_FILE) { await writeBenchFigures(process.env.GEARSHIFT_BENCH_FILE, api); }
  });

  it('VS Code reports its own activation times for Gearshift (Developer: Startup Performance)', async () => {
    const times = (await vscodeActivationTimes([EXTENSION_ID])).get(EXTENSION_ID);
    assert.ok(times, 'no row for Gearshift');
    for (const v of [times.codeLoadingTime, times.activateCallTime, times.activateResolvedTime]) {
      assert.ok(Number.isInteger(v) && v >= 0 && v < 60_000, `activation times ${JSON.stringify(times)}`);
    }
    assert.match(times.event, /workspaceContains|onStartupFinished|onTaskType|api/, `activated by ${times.event}`);
  });

  it('runs a palette command that opens the Gearshift view without error', async () => {
    await vscode.commands.executeCommand('gearshift.showGauge');
  });
});

/** Our own stamps, VS Code's figures for Gearshift (and the baseline extension when the bench started it) and the host's marks. */
async function writeBenchFigures(file: string, api: GearshiftApi): Promise<void> {
  const baseline = vscode.extensions.getExtension(BASELINE_ID);
  await baseline?.activate();
  const ids = baseline ? [EXTENSION_ID, BASELINE_ID] : [EXTENSION_ID];
  const times = await vscodeActivationTimes(ids);
  fs.writeFileSync(file, JSON.stringify({
    activationMs: api.activationMs, activateCalledMs: api.activateCalledMs, moduleEvaluatedMs: api.moduleEvaluatedMs, vscode: vscode.version,
    vscodeTimes: times.get(EXTENSION_ID), marks: activationMarks(EXTENSION_ID),
    ...(baseline ? { baselineTimes: times.get(BASELINE_ID), baselineMarks: activationMarks(BASELINE_ID) } : {}),
  }));
}
