import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { blueGreenPipeline } from '../support/blueGreenPipeline';
import { api, patchWindow, usePipeline, waitFor } from './helpers';

/** Blue/green with a webhook; `deploy` is the production stage's command. */
function blueGreen(liveFile: string, hook: string, deploy: string): string {
  return blueGreenPipeline({ liveFile, webhook: hook, deploy });
}

interface Outcome { result: string; message: string; record?: RunRecord }
interface Said { level: string; message: string; items: string[] }

/** review26 F9: one failed production deploy, one notification: what failed, the slot still live, and the red's buttons. */
describe('a failed production deploy in the real extension host', () => {
  let dir = '';
  let server: http.Server | undefined;
  const bodies: Record<string, unknown>[] = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-notice-'));
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => { data += c.toString(); });
      req.on('end', () => { bodies.push(JSON.parse(data) as Record<string, unknown>); res.end('ok'); });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    if (dir) { fs.rmSync(dir, { recursive: true, force: true }); }
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('says it once: "Deploy Prod failed …; <slot> is still live", with Show Log, Re-run From Failed Stage and Revert; no second "The pipeline is red"', async () => {
    const gearshift = await api();
    await gearshift.automation();
    const hook = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`;
    const liveFile = path.join(dir, 'live');
    const said: Said[] = [];
    const record = (level: string) => (message: string, ...items: unknown[]) => {
      said.push({ level, message, items: items.filter((i): i is string => typeof i === 'string') });
      return Promise.resolve(undefined);
    };
    const unpatch = patchWindow({ showErrorMessage: record('error'), showWarningMessage: record('warning'), showInformationMessage: record('info') });
    let restore = usePipeline(blueGreen(liveFile, hook, 'echo "release $GEARSHIFT_SHA"'));
    try {
      const first = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(first?.result, 'ok', first?.message);
      const live = fs.readFileSync(liveFile, 'utf8');
      await waitFor('the status bar to say green', () => gearshift.status().status.kind === 'green');
      restore();
      restore = usePipeline(blueGreen(liveFile, hook, 'echo "cannot reach the cluster" && exit 1'));
      said.length = 0;
      const failed = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(failed?.result, 'failed', failed?.message);
      const runId = failed.record?.id ?? assert.fail('no run record');
      // The went-red webhook: the escalation for this run has been raised, so its notification (if any) has been decided.
      await waitFor('the red webhook for the failed deploy', () => bodies.some((b) => b.runId === runId && b.event === 'red'));
      await waitFor('the deploy\'s notification', () => said.length > 0);
      const about = said.filter((s) => /Deploy Prod/.test(s.message));
      assert.strictEqual(about.length, 1, `one notification for one failure, got:\n${about.map((s) => `${s.level}: ${s.message} [${s.items.join(', ')}]`).join('\n')}`);
      assert.strictEqual(about[0].level, 'error');
      assert.match(about[0].message, new RegExp(`^Gearshift: deploy to production: Deploy Prod failed .*; ${live} is still live\\. The pipeline is red: fix it or revert it`));
      assert.deepStrictEqual(about[0].items, ['Show Log', 'Re-run From Failed Stage', 'Revert Last Commit…']);

      // review28 H1: failed on a stage that still runs the starter's TODO command: replace it; no fix, revert or re-run.
      restore();
      restore = usePipeline(blueGreen(liveFile, hook, `'echo "TODO: put your production deploy command here" && exit 1'`));
      said.length = 0;
      const todo = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
      assert.strictEqual(todo?.result, 'failed', todo?.message);
      await waitFor('the deploy\'s notification', () => said.some((s) => /Deploy Prod/.test(s.message)));
      const told = said.filter((s) => /Deploy Prod/.test(s.message));
      assert.strictEqual(told.length, 1, told.map((s) => s.message).join('\n'));
      assert.match(told[0].message, /The pipeline is red: Deploy Prod still runs the starter's TODO command, which fails on purpose\. Replace the TODO command in \.gearshift\.yml/);
      assert.doesNotMatch(told[0].message, /revert/i);
      assert.deepStrictEqual(told[0].items, ['Open .gearshift.yml', 'Show Log']);
    } finally {
      unpatch();
      restore();
    }
  });
});
