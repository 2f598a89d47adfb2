/**
 * rereview36 R7: the folders look (every 2 s, besides the watcher) asks for a sync only when the
 * folders with a pipeline differ from those the last sync acted on. Each sync tells the look what it
 * acted on; without that, every look would differ and the window would resync all its folders'
 * automation every 2 s for ever. Nothing else would fail: the unit tests tell the look themselves.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { api, configPath, waitFor, workspaceFolder } from './helpers';

describe('the folders look: an unchanged set of pipeline folders costs no sync', function () {
  this.timeout(60_000);

  it('looks at unchanged folders start no sync', async () => {
    const automation = await (await api()).automation();
    await automation.ready();
    const before = automation.syncCount;
    assert.ok(before > 0, 'the activation\'s sync has run');
    for (let i = 0; i < 3; i++) {
      await automation.lookAtFolders();
      await automation.ready();
    }
    assert.strictEqual(automation.syncCount, before, 'a look at unchanged folders started a sync');
  });
});

const UNKNOWN_KEY = 'version: 1\nstages:\n  - name: A\n    runn: echo hi\n';
const FOUND = 'version: 1\nstages:\n  - name: Found One\n    run: echo one\n  - name: Found Two\n    run: echo two\n';

/**
 * rereview37b F4: a `.gearshift.yml` the look finds (the watcher's create or delete lost under load) started only the
 * automation; the Pipeline view, Problems and the subfolder discovery follow the watcher's events, which the look never
 * told. Now it tells what it finds through those events. The loss itself is made on demand: the watcher's events are
 * dropped in ConfigFileWatcher (an overflowing inotify queue cannot be made to happen here).
 */
describe('the folders look: a pipeline file found with the watcher\'s events lost reaches the Pipeline view and Problems', function () {
  this.timeout(120_000);
  let original: string | undefined;
  let lost: vscode.Disposable | undefined;

  before(function () {
    // The multi-root window (monorepo.test.ts) has its own folders.
    if (vscode.workspace.workspaceFile !== undefined) { this.skip(); }
  });

  after(async () => {
    lost?.dispose();
    if (original === undefined) { return; }
    fs.writeFileSync(configPath(), original);
    const automation = await (await api()).automation();
    await waitFor('the folder\'s automation back with its .gearshift.yml', () => automation.forFolder(workspaceFolder()), 30_000);
  });

  const problems = (): string[] => vscode.languages.getDiagnostics(vscode.Uri.file(configPath())).filter((d) => d.source === 'gearshift').map((d) => d.message);

  it('a delete, a bad file and a good file, each unreported: the view redraws with the file\'s stages and the bad file gets its problem', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const view = gearshift.pipelineView();
    let redraws = 0;
    const counting = view.onDidChange(() => { redraws++; });
    try {
      original = fs.readFileSync(configPath(), 'utf8');
      lost = gearshift.loseConfigFileEvents();
      /** Changes the file with no watcher event, looks now (the 2 s look would too), and waits for the view to be told. */
      const unreported = async (what: string, change: () => void): Promise<void> => {
        const before = redraws;
        change();
        await automation.lookAtFolders();
        await waitFor(`the Pipeline view told to redraw: ${what}`, () => redraws > before, 20_000);
      };
      await unreported('.gearshift.yml deleted', () => fs.rmSync(configPath()));
      assert.deepStrictEqual(await view.rows(), [], 'no pipeline: no stage rows');
      await unreported('a bad .gearshift.yml written', () => fs.writeFileSync(configPath(), UNKNOWN_KEY));
      await waitFor(`the bad file's problem (Problems now: ${JSON.stringify(problems())})`, () => problems().some((m) => /runn/.test(m)), 20_000);
      await unreported('the bad file deleted', () => fs.rmSync(configPath()));
      await waitFor('the deleted file\'s problems gone', () => problems().length === 0, 20_000);
      await unreported('a good .gearshift.yml written', () => fs.writeFileSync(configPath(), FOUND));
      assert.deepStrictEqual(await view.rows(), ['Found One not run', 'Found Two not run']);
      await waitFor('the found folder\'s automation started', () => automation.forFolder(workspaceFolder()), 30_000);
    } finally {
      counting.dispose();
    }
  });
});
