import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { git as gitIn } from '../support/git';
import { api, usePipeline, waitFor, workspaceFolder } from './helpers';

/** No blue/green: a rollback redeploys the release before through the production stage. */
const SLOTLESS = `version: 1
trigger: manual
stages:
  - name: Deploy Prod
    run: echo "deploying $GEARSHIFT_SHA"
    environment: production
`;

const git = (...args: string[]): string => gitIn(workspaceFolder().uri.fsPath, ...args);

interface Outcome { result: string; message: string }

/**
 * review41 (left by F1): after a rollback the gauge's "Waiting for production" still said none was
 * waiting (the commit tracker had marked the rolled-back commit deployed) while `gearshift status`
 * said HEAD is not live. It now counts HEAD's commits production does not serve, as Commits To Deploy does.
 */
describe('the gauge\'s Waiting for production after a rollback, in the real extension host', () => {
  it('lists the commit the rollback took out of production; a deploy of HEAD empties it again', async function () {
    this.timeout(120_000);
    // deploy.json as a clone that never used blue/green has it: earlier suites' live slot would stay what production serves.
    const state = path.join(workspaceFolder().uri.fsPath, '.git', 'gearshift', 'deploy.json');
    const saved = `${state}.before-gauge-waiting`;
    if (fs.existsSync(state)) { fs.renameSync(state, saved); }
    const restore = usePipeline(SLOTLESS);
    const gearshift = await api();
    const automation = await gearshift.automation();
    const pending = async () => {
      const state = await gearshift.gaugeState();
      return state.type === 'state' ? state.view?.pending ?? null : null;
    };
    try {
      const trigger = automation.forFolder(workspaceFolder())?.trigger ?? assert.fail('no commit trigger for the folder');
      // Committed: the rollback redeploys the older commit from a clean checkout of it, with that commit's own file.
      git('commit', '-q', '-m', 'waiting: a pipeline without blue/green', '--', '.gearshift.yml');
      const deploy = (): Thenable<Outcome | undefined> => vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
      assert.strictEqual((await deploy())?.result, 'ok');
      git('commit', '-q', '--allow-empty', '-m', 'waiting: taken out by the rollback');
      const sha = git('rev-parse', 'HEAD');
      await waitFor('the commit to be tracked', () => trigger.tracked().some((c) => c.sha === sha));
      assert.strictEqual((await deploy())?.result, 'ok');
      await waitFor('the tracker to count it deployed', () => trigger.undeployed().commits.every((c) => c.sha !== sha));
      assert.strictEqual((await pending())?.count, 0);

      const back = await vscode.commands.executeCommand<Outcome>('gearshift.rollback', { confirmed: true });
      assert.strictEqual(back?.result, 'ok', back?.message);
      const after = await pending();
      assert.strictEqual(after?.count, 1, JSON.stringify(after));
      assert.deepStrictEqual(after.commits.map((c) => c.sha), [sha.slice(0, 8)]);

      assert.strictEqual((await deploy())?.result, 'ok'); // HEAD live again; the suites after this one start from it
      assert.strictEqual((await pending())?.count, 0);
    } finally {
      if (fs.existsSync(saved)) { fs.renameSync(saved, state); }
      restore();
      if (git('status', '--porcelain', '--', '.gearshift.yml') !== '') { git('commit', '-q', '-m', 'waiting: the pipeline as it was', '--', '.gearshift.yml'); }
    }
  });
});
