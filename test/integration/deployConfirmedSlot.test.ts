import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, patchWindow, usePipeline, workspaceFolder } from './helpers';

/** Blue/green where "live" is a file outside the repo the switch command writes. */
function blueGreen(liveFile: string): string {
  return ['version: 1', 'stages:', '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  strategy: blue-green', '  slots: [blue, green]', `  switch: ${JSON.stringify(`printf '%s' "$GEARSHIFT_SLOT" > "${liveFile}"`)}`, ''].join('\n');
}

/** `gearshift deploy production --yes` from a shell in the workspace: its exit code and output. */
function cliDeploy(): Promise<{ code: number; output: string }> {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'deploy', 'production', '--yes'], { cwd: workspaceFolder().uri.fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, output: `${stdout}${stderr}` }));
  });
}

/**
 * race33: the question names a slot ("to green while blue stays live"). A deploy from the CLI
 * while it was open made green live; the editor's "Deploy" then went into blue, overwriting the
 * release the question said would stay live. The slot is part of what was confirmed.
 */
describe('Deploy to Production deploys into the slot it asked about, or not at all', () => {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-slot-')); });
  after(() => { if (dir) { fs.rmSync(dir, { recursive: true, force: true }); } });

  it('a CLI deploy while the question is open: Deploy is refused, and the slot the CLI made live stays live', async function () {
    this.timeout(120_000);
    const liveFile = path.join(dir, 'live');
    const restore = usePipeline(blueGreen(liveFile));
    let cli: { code: number; output: string } | undefined;
    const asked: string[] = [];
    const unpatch = patchWindow({
      showWarningMessage: async (message: string) => {
        asked.push(message);
        if (/ to production \(slot \w+\)\?$/.test(message)) { cli = await cliDeploy(); } // meanwhile, from a shell
        return 'Deploy';
      },
    });
    try {
      const first = await vscode.commands.executeCommand<{ result: string; message: string }>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(first?.result, 'ok', first?.message);
      const liveBefore = fs.readFileSync(liveFile, 'utf8');
      const outcome = await vscode.commands.executeCommand<{ result: string; message: string }>('gearshift.deployProduction');
      const idle = liveBefore === 'blue' ? 'green' : 'blue';
      assert.ok(asked.some((m) => m.endsWith(`to production (slot ${idle})?`)), asked.join('\n'));
      assert.strictEqual(cli?.code, 0, cli?.output);
      assert.strictEqual(fs.readFileSync(liveFile, 'utf8'), idle, 'the CLI deploy did not make the idle slot live');
      assert.strictEqual(outcome?.result, 'refused', outcome?.message);
      assert.match(outcome.message, new RegExp(`production changed since the deploy was confirmed \\(to ${idle} while ${liveBefore} stays live\\): ${idle} is live now, so it would go to ${liveBefore}; ask again`));
      assert.strictEqual(fs.readFileSync(liveFile, 'utf8'), idle, 'the refused deploy switched traffic');
    } finally {
      unpatch();
      restore();
    }
  });
});
