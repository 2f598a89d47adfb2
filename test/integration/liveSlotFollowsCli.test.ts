import * as assert from 'assert';
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, deployProductionTwice, historyLines, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';

/** Blue/green whose switch writes the live slot to a file, and holds (bounded) while `hold` exists. */
function blueGreen(dir: string): string {
  const sw = `printf '%s' "$GEARSHIFT_SLOT" > ${dir}/live; i=0; while [ -e ${dir}/hold ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done`;
  return ['version: 1', 'stages:', '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  strategy: blue-green', '  slots: [blue, green]', `  switch: ${JSON.stringify(sw)}`, ''].join('\n');
}

function cliPath(): string {
  return path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
}

const cliEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' });

/** The CLI in the workspace, as from a terminal: its exit code. */
function cli(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath(), ...args], { cwd: workspaceFolder().uri.fsPath, env: cliEnv() },
      (err) => resolve(err ? (typeof err.code === 'number' ? err.code : -1) : 0));
  });
}

/**
 * The tooltip's live slot was read from deploy.json only on this window's own deploy events: a
 * switch made by the CLI, or one it left interrupted, went on showing the old slot.
 */
describe('the live slot shown follows deploy.json changed by the CLI', () => {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-follow-')); });
  after(() => { if (dir) { fs.rmSync(dir, { recursive: true, force: true }); } });

  it('a CLI switch, then a CLI switch killed with SIGKILL mid-script: the tooltip says the new slot, then unknown', async function () {
    this.timeout(120_000);
    const restore = usePipeline(blueGreen(dir));
    const gearshift = await api();
    const shown = (): string => readableTooltip(gearshift.status().tooltip);
    try {
      await gearshift.automation();
      await deployProductionTwice();
      const live = fs.readFileSync(path.join(dir, 'live'), 'utf8');
      const other = live === 'blue' ? 'green' : 'blue';
      await waitFor('the tooltip to name the live slot', () => shown().includes(`Live slot: ${live}`));
      assert.strictEqual(await cli(['switch', '--yes']), 0);
      await waitFor(`the tooltip to follow the CLI's switch to ${other}`, () => shown().includes(`Live slot: ${other}`));

      fs.writeFileSync(path.join(dir, 'hold'), '');
      const killed = spawn(process.execPath, [cliPath(), 'switch', '--yes'], { cwd: workspaceFolder().uri.fsPath, env: cliEnv(), stdio: 'ignore' });
      const exited = new Promise((resolve) => killed.once('exit', resolve));
      await waitFor('the switch script to run', () => fs.readFileSync(path.join(dir, 'live'), 'utf8') === live);
      await waitFor('its process group in history', () => historyLines().some((l) => l.kind === 'stage' && (l as { proc?: { stage: string } }).proc?.stage === 'deploy.switch'));
      killed.kill('SIGKILL');
      await exited;
      assert.strictEqual(await cli(['status']), 0); // cleans up after the killed switch, as any next command does
      await waitFor('the tooltip to say the live slot is unknown', () => shown().includes('Live slot: unknown'));
      fs.rmSync(path.join(dir, 'hold'));
      assert.strictEqual(await cli(['switch', '--to', live, '--yes']), 0); // what a person does next; other suites deploy after this one
      await waitFor('the tooltip to name the slot made live', () => shown().includes(`Live slot: ${live}`));
    } finally {
      fs.rmSync(path.join(dir, 'hold'), { force: true });
      restore();
    }
  });
});
