import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { GearshiftApi } from '../../src/extension';

const EXTENSION_ID = 'gearshift.gearshift';

describe('activation in a real extension host', () => {
  it('activates on a workspace with .gearshift.yml and registers its commands', async () => {
    const ext = vscode.extensions.getExtension<GearshiftApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this host`);
    const api = await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.ok(api.activationMs > 0 && api.activationMs < 10_000, `activationMs ${api.activationMs}`);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('gearshift.showGauge'), 'gearshift.showGauge is not registered');
    if (process.env.GEARSHIFT_BENCH_FILE) {
      fs.writeFileSync(process.env.GEARSHIFT_BENCH_FILE, JSON.stringify({ activationMs: api.activationMs, activateCalledMs: api.activateCalledMs, moduleEvaluatedMs: api.moduleEvaluatedMs, vscode: vscode.version }));
    }
  });

  it('runs a palette command that opens the Gearshift view without error', async () => {
    await vscode.commands.executeCommand('gearshift.showGauge');
  });
});
