import * as assert from 'assert';
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GearshiftApi } from '../../src/extension';
import { EXTENSION_ID, api, patchWindow, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';

/** No blue/green: the production stage fails while `fail` exists, and holds (bounded) while `hold` exists. */
function slotless(dir: string): string {
  const run = `if [ -e ${dir}/fail ]; then exit 1; fi; if [ -e ${dir}/hold ]; then : > ${dir}/started; i=0; while [ -e ${dir}/hold ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; fi; echo deployed`;
  return ['version: 1', 'stages:', '  - name: Deploy Prod', `    run: ${JSON.stringify(run)}`, '    environment: production', ''].join('\n');
}

const cliPath = (): string => path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
const cliEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' });

/** The CLI in the workspace, as from a terminal: its exit code and stdout. */
function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath(), ...args], { cwd: workspaceFolder().uri.fsPath, env: cliEnv() },
      (err, stdout) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout }));
  });
}

/** `gearshift status --json`'s productionUnknown message: what the CLI says. */
async function cliUnknown(): Promise<string | undefined> {
  const { stdout } = await cli(['status', '--json']);
  return (JSON.parse(stdout) as { productionUnknown: { message: string } | null }).productionUnknown?.message;
}

/** Resolves once the gauge's production line is `text` (undefined: none); the gauge reads deploy.json on each refresh. */
async function gaugeSays(gearshift: GearshiftApi, text: string | undefined): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await gearshift.gaugeState();
    const unknown = state.type === 'state' ? state.view?.productionUnknown : undefined;
    if ((unknown ?? undefined) === text) { return; }
    if (Date.now() > deadline) { throw new Error(`the gauge's production line is ${JSON.stringify(unknown)}, not ${JSON.stringify(text)}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Outcome { result: string; message: string }
const deploy = (): Thenable<Outcome | undefined> => vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });

/**
 * deployrec41 left the editor out: without blue/green, after a production deploy stopped in its
 * production stages, `gearshift status` said production is unknown while the tooltip, the gauge
 * and the deploy confirmation went on naming the release recorded before it as live.
 */
describe('production unknown after a deploy stopped part-way (no blue/green), in the real extension host', () => {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-unknown-')); });
  after(() => { if (dir) { fs.rmSync(dir, { recursive: true, force: true }); } });

  /** The slotless pipeline in place, the extension's automation loaded: its API, the tooltip as read, and what puts the pipeline back. */
  async function slotlessWindow(): Promise<{ gearshift: GearshiftApi; shown: () => string; restore: () => void }> {
    const restore = usePipeline(slotless(dir));
    try {
      const gearshift = await api();
      await gearshift.automation();
      return { gearshift, shown: () => readableTooltip(gearshift.status().tooltip), restore };
    } catch (e) {
      restore();
      throw e;
    }
  }

  it('a failed production stage: the tooltip, the gauge and the deploy confirmation say what `gearshift status` says; the next good deploy settles it', async function () {
    this.timeout(120_000);
    const { gearshift, shown, restore } = await slotlessWindow();
    try {
      assert.strictEqual((await deploy())?.result, 'ok');
      fs.writeFileSync(path.join(dir, 'fail'), '');
      assert.strictEqual((await deploy())?.result, 'failed');
      const said = await cliUnknown();
      assert.match(said ?? '', /^the production deploy of [0-9a-f]{8} failed in its production stages: production may hold part of /);
      await waitFor('the tooltip to say production is unknown, as the CLI does', () => shown().includes(`Production unknown: ${said}`));
      await gaugeSays(gearshift, said!);

      const asked: string[] = [];
      const unpatch = patchWindow({ showWarningMessage: (message: string, options?: { detail?: string }) => { asked.push(`${message}\n${options?.detail ?? ''}`); return Promise.resolve(undefined); } });
      try {
        await vscode.commands.executeCommand('gearshift.deployProduction', { overrideRed: true }); // the confirmation, answered no
      } finally { unpatch(); }
      assert.strictEqual(asked.length, 1, JSON.stringify(asked));
      assert.ok(asked[0].includes(`What production runs is unknown: ${said}.`), asked[0]);

      fs.rmSync(path.join(dir, 'fail'));
      assert.strictEqual((await deploy())?.result, 'ok');
      assert.strictEqual(await cliUnknown(), undefined);
      await waitFor('the tooltip to stop saying production is unknown', () => !shown().includes('Production unknown'));
      await gaugeSays(gearshift, undefined);
    } finally {
      fs.rmSync(path.join(dir, 'fail'), { force: true });
      restore();
    }
  });

  it('a CLI deploy killed with SIGKILL in its production stage: once a command cleans up, the tooltip says production is unknown', async function () {
    this.timeout(120_000);
    const { gearshift, shown, restore } = await slotlessWindow();
    try {
      fs.writeFileSync(path.join(dir, 'hold'), '');
      const killed = spawn(process.execPath, [cliPath(), 'deploy', 'production', '--yes', '--override-red'], { cwd: workspaceFolder().uri.fsPath, env: cliEnv(), stdio: 'ignore' });
      const exited = new Promise((resolve) => killed.once('exit', resolve));
      await waitFor('the production stage to run', () => fs.existsSync(path.join(dir, 'started')), 60_000);
      killed.kill('SIGKILL');
      await exited;
      const said = await cliUnknown(); // cleans up after the killed deploy, as any next command does
      assert.match(said ?? '', /^the production deploy of [0-9a-f]{8} was interrupted in its production stages \(its process was killed\)/);
      await waitFor('the tooltip to say production is unknown, as the CLI does', () => shown().includes(`Production unknown: ${said}`));
      await gaugeSays(gearshift, said!);
    } finally {
      fs.rmSync(path.join(dir, 'hold'), { force: true });
      fs.rmSync(path.join(dir, 'started'), { force: true });
      // Settled, as a person would: the suites after this one deploy and read the tooltip.
      assert.strictEqual((await deploy())?.result, 'ok');
      restore();
    }
  });
});
