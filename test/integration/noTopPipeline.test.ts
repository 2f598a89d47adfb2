/**
 * walk30 M5: a monorepo opened at its top with no pipeline there, only in apps/web. The gauge said
 * "No .gearshift.yml in this workspace yet" and offered Run Pipeline, which could only fail, while
 * the status item named apps/web red. Both must say where the pipeline is and offer it instead.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, cliRun, configPath, patchWindow, waitFor, workspaceFolder } from './helpers';

/** Every command that acts on a folder's pipeline: each says where the pipelines are, in the same words. */
const NEED_A_PIPELINE = [
  'gearshift.runPipeline', 'gearshift.runStage', 'gearshift.rerunFromFailed', 'gearshift.showRunLog',
  'gearshift.deployNonProd', 'gearshift.deployProduction', 'gearshift.promote', 'gearshift.switchSlot', 'gearshift.rollback', 'gearshift.monitorProduction',
];

describe('no pipeline at the top of the folder, one in apps/web: the gauge and Run Pipeline say where it is', function () {
  this.timeout(120_000);
  let top = '';
  let saved: string | undefined;

  before(function () {
    // The multi-root window (monorepo.test.ts) has pipelines at its folders' tops.
    if (vscode.workspace.workspaceFile !== undefined) { this.skip(); }
    top = workspaceFolder().uri.fsPath;
  });

  after(async () => {
    if (top === '') { return; }
    if (saved !== undefined) { fs.writeFileSync(configPath(), saved); }
    fs.rmSync(path.join(top, 'apps', 'web'), { recursive: true, force: true });
    fs.rmSync(path.join(top, '.git', 'gearshift', 'pipelines', 'apps%2Fweb'), { recursive: true, force: true });
    // The top's automation (following CLI runs, alerts, commit tracking) stopped with its file: it must be back for the suites
    // after this one. A create the watcher lost once left it stopped for 5 minutes, and they failed one by one (flaky36).
    const automation = await (await api()).automation();
    await waitFor('the top folder\'s automation back with its .gearshift.yml', () => automation.forFolder(workspaceFolder()));
  });

  it('the gauge names apps/web and its state and offers it, not Run Pipeline; Run Pipeline and every command needing a pipeline say the same with Show Subfolder Pipeline…', async () => {
    const gearshift = await api();
    const web = path.join(top, 'apps', 'web');
    fs.mkdirSync(web, { recursive: true });
    fs.writeFileSync(path.join(web, '.gearshift.yml'), 'version: 1\nstages:\n  - name: Web Tests\n    run: echo web-fails; exit 1\n');
    assert.strictEqual(await cliRun({}, web), 1, 'apps/web fails, run from a terminal there');
    saved = fs.readFileSync(configPath(), 'utf8');
    fs.rmSync(configPath());
    await waitFor('the item to lead with apps/web with no top pipeline', () => /Gearshift: apps\/web red/.test(gearshift.status().text) && gearshift.status().status.kind === 'noPipeline', 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${gearshift.status().text}`));
    assert.strictEqual(gearshift.status().shown, true, 'a pipeline below the open folder: the item is in the status bar');

    const gauge = await gearshift.gaugeState();
    assert.ok(gauge.type === 'state' && gauge.view === null, JSON.stringify(gauge));
    assert.strictEqual(gauge.note, `No pipeline at the top of ${workspaceFolder().name}; 1 below it: apps/web (red).`);
    assert.strictEqual(gauge.below, true, 'the page shows Show Subfolder Pipeline… in place of Run Pipeline');

    const said: { message: string; items: unknown[] }[] = [];
    const restore = patchWindow({ showInformationMessage: async (message: string, ...items: unknown[]) => { said.push({ message, items }); return undefined; } });
    try {
      for (const command of NEED_A_PIPELINE) { await vscode.commands.executeCommand(command); }
    } finally {
      restore();
    }
    // monotop: all but Run Pipeline said "Gearshift: no .gearshift.yml in this workspace." with Create Pipeline Config only, or nothing.
    const same = { message: `Gearshift: No pipeline at the top of ${workspaceFolder().name}; 1 below it: apps/web (red).`, items: ['Show Subfolder Pipeline…', 'Create Pipeline Config'] };
    assert.deepStrictEqual(said, NEED_A_PIPELINE.map(() => same));
  });

  // review37a F4: every window, even one unrelated to Gearshift, had "Gearshift: no pipeline" in its status bar.
  it('with no pipeline at the top or below, the status item is not shown; it comes back with a .gearshift.yml', async () => {
    const gearshift = await api();
    if (fs.existsSync(configPath())) { saved ??= fs.readFileSync(configPath(), 'utf8'); fs.rmSync(configPath()); }
    fs.rmSync(path.join(top, 'apps', 'web'), { recursive: true, force: true });
    await waitFor('the item hidden with no pipeline anywhere', () => !gearshift.status().shown && gearshift.status().status.kind === 'noPipeline', 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${gearshift.status().text}`));
    fs.writeFileSync(configPath(), saved ?? assert.fail('the top .gearshift.yml was read'));
    await waitFor('the item shown again with the top .gearshift.yml', () => gearshift.status().shown && gearshift.status().status.kind !== 'noPipeline', 30_000)
      .catch((e: Error) => assert.fail(`${e.message}: ${gearshift.status().text}`));
  });
});
