import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { blueGreenPipeline } from '../support/blueGreenPipeline';
import { api, deployProductionTwice, patchWindow, usePipeline, workspaceFolder } from './helpers';

/**
 * faults41 M2 in the editor: with history.jsonl unwritable, Switch, Roll Back, Deploy to Production and
 * Run Pipeline refuse before they start anything, in the core's words (the CLI's): a switch script or
 * stage nobody can record would run on unwatched after the extension host is killed.
 */
describe('history.jsonl that cannot be written, in the real extension host (faults41 M2)', () => {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-history-unwritable-')); });
  after(() => { if (dir) { fs.rmSync(dir, { recursive: true, force: true }); } });

  it('Switch, Roll Back, Deploy to Production and Run Pipeline refuse naming the file; no switch script or stage runs', async () => {
    await (await api()).automation();
    const liveFile = path.join(dir, 'live');
    const stageRan = path.join(dir, 'stage-ran');
    const restore = usePipeline(blueGreenPipeline({ liveFile, deploy: `echo "release $GEARSHIFT_SHA"; touch '${stageRan}'` }));
    const stateDir = path.join(workspaceFolder().uri.fsPath, '.git', 'gearshift');
    const history = path.join(stateDir, 'history.jsonl');
    const kept = path.join(dir, 'history.jsonl');
    const told: string[] = [];
    const record = (m: string): Promise<undefined> => { told.push(m); return Promise.resolve(undefined); };
    let unpatch = (): void => undefined;
    try {
      await deployProductionTwice();
      const live = fs.readFileSync(liveFile, 'utf8');
      const deployJson = fs.readFileSync(path.join(stateDir, 'deploy.json'), 'utf8');
      fs.rmSync(stageRan);
      fs.renameSync(history, kept);
      fs.mkdirSync(history); // a folder in its place: no append goes in, for root too
      unpatch = patchWindow({ showInformationMessage: record, showWarningMessage: record, showErrorMessage: record });
      const named = `could not write history: ${history} is a folder, not a file`;
      await vscode.commands.executeCommand('gearshift.switchSlot', { confirmed: true });
      await vscode.commands.executeCommand('gearshift.rollback', { confirmed: true });
      await vscode.commands.executeCommand('gearshift.deployProduction', { confirmed: true });
      await vscode.commands.executeCommand('gearshift.runPipeline', undefined, { confirmed: true });
      assert.deepStrictEqual(told, [
        `Gearshift: switch: not switching: ${named}; nothing was switched`,
        `Gearshift: roll back: not rolling back: ${named}; nothing changed`,
        `Gearshift: deploy to production: ${named}`,
        `Gearshift: cannot start a run: ${named}.`,
      ]);
      assert.strictEqual(fs.readFileSync(liveFile, 'utf8'), live, 'no switch script ran');
      assert.strictEqual(fs.existsSync(stageRan), false, 'no stage ran');
      assert.strictEqual(fs.readFileSync(path.join(stateDir, 'deploy.json'), 'utf8'), deployJson, 'no switch intent, no record');
    } finally {
      unpatch();
      if (fs.existsSync(kept)) { fs.rmSync(history, { recursive: true, force: true }); fs.renameSync(kept, history); }
      restore();
    }
  });
});
