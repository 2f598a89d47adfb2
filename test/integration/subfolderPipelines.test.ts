/**
 * review26 F5: a repository opened at its top (the fixture folder, green) with a pipeline in a
 * subfolder, apps/api, that a terminal's `gearshift run` turns red. The status item must not
 * say green: it turns red and names apps/api, its click offers that pipeline's failed log, and
 * a green run there turns it green again, from that pipeline's own history.
 */
import * as assert from 'assert';
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, cliRun, EXTENSION_ID, patchWindow, readableTooltip, waitFor, workspaceFolder } from './helpers';

const PIPELINE = 'version: 1\nstages:\n  - name: API Tests\n    run: sh ./check.sh\n';

describe('a repository opened at its top with a red pipeline in apps/api', function () {
  this.timeout(120_000);
  let apiDir = '';

  before(function () {
    // The multi-root window (monorepo.test.ts) has no fixture at its top.
    if (vscode.workspace.workspaceFile !== undefined) { this.skip(); }
    apiDir = path.join(workspaceFolder().uri.fsPath, 'apps', 'api');
  });

  after(() => {
    if (apiDir === '') { return; }
    const top = workspaceFolder().uri.fsPath;
    fs.rmSync(path.join(top, 'apps'), { recursive: true, force: true });
    fs.rmSync(path.join(top, '.git', 'gearshift', 'pipelines', 'apps%2Fapi'), { recursive: true, force: true });
  });

  const check = (exit: number): void => fs.writeFileSync(path.join(apiDir, 'check.sh'), `echo api-check-${exit}\nexit ${exit}\n`);

  it('the status item turns red and names apps/api, its click opens apps/api\'s failed log, and a green run there turns it green', async () => {
    const gearshift = await api();
    assert.strictEqual(await cliRun(), 0, 'the top pipeline passes');
    await waitFor('the top pipeline green', () => gearshift.status().text === '$(pass-filled) Gearshift: green', 30_000);

    fs.mkdirSync(apiDir, { recursive: true });
    check(1);
    fs.writeFileSync(path.join(apiDir, '.gearshift.yml'), PIPELINE);
    assert.strictEqual(await cliRun({}, apiDir), 1, 'apps/api fails, run from a terminal there');
    await waitFor('the item naming apps/api red', () => /apps\/api red/.test(gearshift.status().text), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${gearshift.status().text}\n${readableTooltip(gearshift.status().tooltip)}`));
    const red = gearshift.status();
    assert.match(red.text, /^\$\(error\) Gearshift: apps\/api red for \S+ · API Tests$/);
    assert.strictEqual(red.background, 'statusBarItem.errorBackground');
    assert.match(readableTooltip(red.tooltip), /1 more pipeline in this repository:\n\n- \$\(error\) \*\*apps\/api\*\*: red for \S+ \(API Tests\)/);
    assert.deepStrictEqual(red.command, { id: 'gearshift.openSubfolderPipeline', args: [workspaceFolder().uri.toString(), 'apps/api'] });

    const restore = patchWindow({ showQuickPick: async (items: readonly vscode.QuickPickItem[]) => (await items).find((i) => /Show Failed Stage Log/.test(i.label)) });
    try {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(red.command?.id ?? '', ...(red.command?.args ?? []));
      assert.match(doc?.getText() ?? '', /api-check-1/, 'the click shows apps/api\'s saved output of the failed stage');
      // A keybinding's `"args": "apps/api"` (review29 L2): the path alone, in the one folder that has it.
      const bound = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('gearshift.openSubfolderPipeline', 'apps/api');
      assert.match(bound?.getText() ?? '', /api-check-1/, 'a keybinding with the path alone opens apps/api\'s failed log');
    } finally {
      restore();
    }

    check(0);
    assert.strictEqual(await cliRun({}, apiDir), 0, 'apps/api passes');
    await waitFor('the item green again', () => gearshift.status().text === '$(pass-filled) Gearshift: green', 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${gearshift.status().text}`));
    assert.match(readableTooltip(gearshift.status().tooltip), /1 more pipeline in this repository:\n\n- \$\(pass-filled\) \*\*apps\/api\*\*: green/);
  });

  it('a CLI run in a subfolder killed with kill -9 stops showing as running (its history gets no more lines to wake the watch)', async () => {
    const gearshift = await api();
    const hung = path.join(workspaceFolder().uri.fsPath, 'apps', 'hung');
    fs.mkdirSync(hung, { recursive: true });
    fs.writeFileSync(path.join(hung, '.gearshift.yml'), 'version: 1\nstages:\n  - name: Hang\n    run: echo hang-started; sleep 60\n');
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
    const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true' };
    const child = spawn(process.execPath, [cli, 'run', '--no-alerts'], { cwd: hung, env, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => { out += t; });
      await waitFor('the stage to start', () => out.includes('hang-started'), 30_000);
      await waitFor('the tooltip to show apps/hung running', () => /\*\*apps\/hung\*\*: running/.test(readableTooltip(gearshift.status().tooltip)), 30_000);
      child.kill('SIGKILL');
      // review28 L2: it said "running" until something else wrote that history.
      await waitFor('apps/hung no longer running', () => !/\*\*apps\/hung\*\*: running/.test(readableTooltip(gearshift.status().tooltip)), 30_000)
        .catch((e: Error) => assert.fail(`${e.message}: ${readableTooltip(gearshift.status().tooltip)}`));
    } finally {
      child.kill('SIGKILL');
      // The next command stops what the dead run left (its `sleep 60`).
      await new Promise((resolve) => execFile(process.execPath, [cli, 'status'], { cwd: hung, env }, resolve));
      fs.rmSync(hung, { recursive: true, force: true });
    }
  });

  it('a red subfolder pipeline removed with rm -rf (outside the editor) is no longer shown: the item says green again', async () => {
    const gearshift = await api();
    const gone = path.join(workspaceFolder().uri.fsPath, 'apps', 'gone');
    fs.mkdirSync(gone, { recursive: true });
    fs.writeFileSync(path.join(gone, '.gearshift.yml'), 'version: 1\nstages:\n  - name: Gone Tests\n    run: exit 1\n');
    assert.strictEqual(await cliRun({}, gone), 1);
    await waitFor('the item naming apps/gone red', () => /apps\/gone red/.test(gearshift.status().text), 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${gearshift.status().text}`));
    fs.rmSync(gone, { recursive: true, force: true });
    // review28 M1: no deleted .gearshift.yml is reported for a folder deleted whole; it stayed red until a reload.
    await waitFor('the item green again', () => gearshift.status().text === '$(pass-filled) Gearshift: green', 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${gearshift.status().text}`));
    assert.doesNotMatch(readableTooltip(gearshift.status().tooltip), /apps\/gone/);
  });
});
