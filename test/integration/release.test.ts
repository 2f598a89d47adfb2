import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { blueGreenPipeline } from '../support/blueGreenPipeline';
import { api, historyLines, usePipeline, waitFor, workspaceFolder } from './helpers';

/** Blue/green, "live" a file the switch writes; optionally watched by a probe on a port nobody listens on. */
function pipeline(liveFile: string, deadPort?: number): string {
  return blueGreenPipeline({
    liveFile,
    deploy: 'echo "release into $GEARSHIFT_SLOT"',
    ...(deadPort === undefined ? {} : { monitor: { window: '2s', probe: { http: `http://127.0.0.1:${deadPort}/health`, timeout: '400ms' } } }),
  });
}

/** A port bound once and closed: connection refused, a probe error (not a failure). */
function deadPort(): Promise<number> {
  const server = http.createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(port));
  }));
}

interface Outcome { result: string; message: string }

describe('an inconclusive release in the real extension host', () => {
  // Made in a hook, not when the file loads: a run whose grep leaves these tests out runs no `after` either.
  let dir = '';
  let liveFile = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-decide-')); liveFile = path.join(dir, 'live'); });
  after(() => { if (dir) { fs.rmSync(dir, { recursive: true, force: true }); } });

  it('monitoring shows in the status bar, the inconclusive release raises Keep / Roll Back, and Roll Back switches the slots back', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const questions: string[] = [];
    let answer!: (choice: 'Keep' | 'Roll Back') => void;
    const answered = new Promise<'Keep' | 'Roll Back'>((resolve) => { answer = resolve; });
    // A notification cannot be clicked from the extension host: the question goes through the injectable prompt.
    const original = automation.decisions.prompt;
    automation.decisions.prompt = (question) => { questions.push(question); return answered; };
    let restore = usePipeline(pipeline(liveFile));
    try {
      const first = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(first?.result, 'ok', first?.message);
      const before = fs.readFileSync(liveFile, 'utf8');
      restore();
      restore = usePipeline(pipeline(liveFile, await deadPort()));

      const deploying = vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      await waitFor('the status bar to say it is monitoring', () => /Gearshift: monitoring production \([1-4]\/4 intervals\)/.test(gearshift.status().text), 30_000);
      const second = await deploying;
      assert.strictEqual(second?.result, 'inconclusive', second?.message);
      assert.match(second.message, /health: 4 probe errors in a row \(consecutiveErrorLimit 4\)/);
      assert.notStrictEqual(fs.readFileSync(liveFile, 'utf8'), before, 'the inconclusive release is live');
      await waitFor('the Keep / Roll Back question', () => questions.length === 1);
      assert.match(questions[0], /monitoring was inconclusive for \w{8} in (blue|green)/);
      await waitFor('the status bar to ask for a decision', () => gearshift.status().text.includes('Gearshift: release needs a decision'));
      assert.strictEqual(automation.decisions.shownInPalette, true, 'Keep / Decide are not in the palette while a release waits');
      const refused = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(refused, undefined, 'a paused release refuses the next production deploy');

      answer('Roll Back');
      await waitFor('the rollback to switch the slots back', () => fs.readFileSync(liveFile, 'utf8') === before);
      await waitFor('the rollback in history with its decision', () => historyLines().some((l) => (l.run as { decision?: { choice?: string } } | undefined)?.decision?.choice === 'rollback'));
      await waitFor('the status bar to stop asking', () => !gearshift.status().text.includes('needs a decision'));
      await waitFor('Keep / Decide to leave the palette', () => automation.decisions.shownInPalette === false);
    } finally {
      automation.decisions.prompt = original;
      restore();
    }
  });
  it('a release paused by another process (the CLI) is found by Keep on the first try, not "no release is waiting"', async () => {
    const automation = await (await api()).automation();
    const restore = usePipeline(pipeline(liveFile));
    try {
      await automation.decisions.refreshed;
      assert.strictEqual(automation.decisions.shownInPalette, false, 'Keep / Decide are in the palette with nothing waiting');
      const deployed = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(deployed?.result, 'ok', deployed?.message);
      // What a CLI deploy whose monitoring was inconclusive leaves in deploy.json; the editor saw no event of it.
      const file = path.join(workspaceFolder().uri.fsPath, '.git', 'gearshift', 'deploy.json');
      const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { live: string; records: { runId: string; id: string; sha: string }[]; decision?: unknown };
      const last = state.records[state.records.length - 1];
      state.decision = { runId: last.runId, recordId: last.id, sha: last.sha, at: new Date().toISOString(), message: 'paused by the CLI', slot: state.live };
      fs.writeFileSync(file, JSON.stringify(state));
      await waitFor('Keep / Decide to appear in the palette (deploy.json watched)', () => automation.decisions.shownInPalette === true);
      const kept = await vscode.commands.executeCommand<Outcome>('gearshift.keepRelease');
      assert.strictEqual(kept?.result, 'ok', kept?.message);
      assert.strictEqual((JSON.parse(fs.readFileSync(file, 'utf8')) as { decision?: unknown }).decision, undefined, 'the pause is cleared');
      assert.strictEqual(automation.decisions.shownInPalette, false, 'Keep / Decide stay in the palette after Keep');
      assert.ok(historyLines().some((l) => (l.run as { decision?: { choice?: string; reason?: string } } | undefined)?.decision?.reason === 'paused by the CLI'), 'the decision is in history');
    } finally {
      restore();
    }
  });
});
