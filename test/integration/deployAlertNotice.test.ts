import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { blueGreenPipeline, switchTo } from '../support/blueGreenPipeline';
import { api, patchWindow, usePipeline, waitFor } from './helpers';

interface Paths { live: string; tripped: string; hook: string }

/**
 * Blue/green with a webhook. With `monitor`, a command probe that always errs (an alert) and marks
 * `tripped`; the switch fails once it is marked, so with `autoRollback` the rollback fails.
 */
function blueGreen(p: Paths, opts: { monitor?: 'alert' | 'alertAndRollBack'; switchFails?: boolean; rollbackWorks?: boolean } = {}): string {
  return blueGreenPipeline({
    liveFile: p.live,
    webhook: p.hook,
    switch: opts.switchFails ? 'exit 3' : `${opts.rollbackWorks ? '' : `test ! -e "${p.tripped}" && `}${switchTo(p.live)}`,
    ...(opts.monitor === undefined ? {} : { monitor: { autoRollback: opts.monitor === 'alertAndRollBack', probe: { command: `touch "${p.tripped}"; exit 1` } } }),
  });
}

interface Outcome { result: string; message: string; record?: RunRecord; history?: { id: string } }
interface Said { level: string; message: string; items: string[] }

const showing = (said: Said[]): string => said.map((s) => `${s.level}: ${s.message} [${s.items.join(', ')}]`).join('\n');

/**
 * One failure in production, one notification (review28 L4, the failed automatic rollback, a failed
 * switch): it says what failed and that the pipeline is red, with the red's buttons. Counted once the
 * went-red escalation of the run has been raised (its webhook) and the command's own notification,
 * which reads the config after the escalation's did, has come.
 */
describe('a production alert, a failed rollback or switch in the real extension host: one notification', () => {
  let dir = '';
  let server: http.Server | undefined;
  const bodies: Record<string, unknown>[] = [];
  const said: Said[] = [];
  let unpatch = (): void => undefined;
  let p: Paths = { live: '', tripped: '', hook: '' };
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-alert-notice-'));
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => { data += c.toString(); });
      req.on('end', () => { bodies.push(JSON.parse(data) as Record<string, unknown>); res.end('ok'); });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    p = { live: path.join(dir, 'live'), tripped: path.join(dir, 'tripped'), hook: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
  });
  beforeEach(() => {
    const record = (level: string) => (message: string, ...items: unknown[]) => {
      said.push({ level, message, items: items.filter((i): i is string => typeof i === 'string') });
      return Promise.resolve(undefined);
    };
    unpatch = patchWindow({ showErrorMessage: record('error'), showWarningMessage: record('warning') });
  });
  afterEach(() => { unpatch(); fs.rmSync(p.tripped, { force: true }); });
  after(async () => {
    // Green again for the suites after this one: a full green run ends the red period.
    const restore = usePipeline(blueGreen(p));
    try {
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
      assert.strictEqual(run?.state, 'green');
    } finally {
      restore();
    }
    if (dir) { fs.rmSync(dir, { recursive: true, force: true }); }
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** A good release first (it ends any red left by an earlier test), then `failing`'s outcome and the notifications it got. */
  async function failAfterGoodDeploy(what: string, failing: () => Thenable<Outcome | undefined>, redRun: (o: Outcome) => string | undefined): Promise<Outcome> {
    const gearshift = await api();
    await gearshift.automation();
    const good = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
    assert.strictEqual(good?.result, 'ok', good?.message);
    await waitFor('the status bar to say green', () => gearshift.status().status.kind === 'green');
    said.length = 0;
    const outcome = await failing() ?? assert.fail('no outcome');
    const runId = redRun(outcome) ?? assert.fail('no run id');
    await waitFor('the red webhook', () => bodies.some((b) => b.runId === runId && b.event === 'red'));
    await waitFor('the command\'s notification', () => said.some((s) => s.message.startsWith(`Gearshift: ${what}:`)));
    return outcome;
  }

  /** A good release first (green again), then a pipeline run of `failing`'s pipeline: its record and the slot live before it. */
  async function runAfterGoodDeploy(failing: Parameters<typeof blueGreen>[1]): Promise<{ run: RunRecord | undefined; liveBefore: string }> {
    const gearshift = await api();
    await gearshift.automation();
    const good = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
    assert.strictEqual(good?.result, 'ok', good?.message);
    await waitFor('the status bar to say green', () => gearshift.status().status.kind === 'green');
    const liveBefore = fs.readFileSync(p.live, 'utf8');
    usePipeline(blueGreen(p, failing));
    said.length = 0;
    return { run: await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true }), liveBefore };
  }

  it('a deploy whose monitoring alerts: one notification that says the pipeline is red until a green run, Roll Back first (review28 L4)', async () => {
    const restore = usePipeline(blueGreen(p));
    try {
      const o = await failAfterGoodDeploy('deploy to production', () => {
        usePipeline(blueGreen(p, { monitor: 'alert' }));
        return vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      }, (x) => x.record?.id);
      assert.strictEqual(o.result, 'alert', o.message);
      assert.strictEqual(said.length, 1, `one notification for one alert, got:\n${showing(said)}`);
      assert.strictEqual(said[0].level, 'error');
      assert.match(said[0].message, /^Gearshift: deploy to production: alert: health: .*auto-rollback is off\. The pipeline is red until a green run/);
      assert.deepStrictEqual(said[0].items, ['Roll Back', 'Show Log', 'Revert Last Commit…']);
    } finally {
      restore();
    }
  });

  it('a deploy whose automatic rollback fails: one notification with the red\'s advice and Roll Back first, not a bare "did not happen"', async () => {
    const restore = usePipeline(blueGreen(p));
    try {
      const o = await failAfterGoodDeploy('deploy to production', () => {
        usePipeline(blueGreen(p, { monitor: 'alertAndRollBack' }));
        return vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      }, (x) => x.record?.id);
      assert.strictEqual(o.result, 'alert', o.message);
      assert.match(o.message, /automatic rollback did not happen/);
      assert.strictEqual(said.length, 1, `one notification for one alert, got:\n${showing(said)}`);
      assert.match(said[0].message, /automatic rollback did not happen: .*\. The pipeline is red until a green run/);
      assert.deepStrictEqual(said[0].items, ['Roll Back', 'Show Log', 'Revert Last Commit…']);
    } finally {
      restore();
    }
  });

  it('a deploy whose monitoring alerts and rolls back: one notification, fix or revert, no Roll Back (review29 H1)', async () => {
    const restore = usePipeline(blueGreen(p));
    try {
      const o = await failAfterGoodDeploy('deploy to production', () => {
        usePipeline(blueGreen(p, { monitor: 'alertAndRollBack', rollbackWorks: true }));
        return vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      }, (x) => x.record?.id);
      assert.strictEqual(o.result, 'alert', o.message);
      assert.doesNotMatch(o.message, /did not happen/);
      assert.strictEqual(said.length, 1, `one notification for one alert, got:\n${showing(said)}`);
      assert.match(said[0].message, /The pipeline is red until a green run: fix it or revert it, then run the pipeline\.$/);
      assert.doesNotMatch(said[0].message, /roll back first/);
      assert.deepStrictEqual(said[0].items, ['Show Log', 'Run Pipeline', 'Revert Last Commit…']);
    } finally {
      restore();
    }
  });

  it('a pipeline run whose automatic rollback fails: one notification, the went-red one, saying why and what is still live, Roll Back first (closing-30)', async () => {
    const restore = usePipeline(blueGreen(p));
    try {
      const { run } = await runAfterGoodDeploy({ monitor: 'alertAndRollBack' });
      assert.strictEqual(run?.state, 'red');
      const live = fs.readFileSync(p.live, 'utf8');
      // The rollback's event comes before the run ends, so by the went-red notice every other toast would be in.
      const wentRed = await waitFor('the went-red notification', () => said.find((s) => /The pipeline is red: /.test(s.message)));
      assert.strictEqual(said.length, 1, `one notification for one alarm, got:\n${showing(said)}`);
      assert.match(wentRed.message, new RegExp(`; automatic rollback did not happen: rollback: .+; ${live} is still live\\. Roll back first, then fix it or revert it\\.$`));
      assert.deepStrictEqual(wentRed.items, ['Roll Back', 'Show Log', 'Revert Last Commit…']);
    } finally {
      restore();
    }
  });

  it('a pipeline run whose monitoring alerts, autoRollback off: one notification, the went-red words say roll back first, beside Roll Back (review29 L1, walk30 L3)', async () => {
    const restore = usePipeline(blueGreen(p));
    try {
      const { run } = await runAfterGoodDeploy({ monitor: 'alert' });
      assert.strictEqual(run?.state, 'red');
      const wentRed = await waitFor('the went-red notification', () => said.find((s) => /The pipeline is red: /.test(s.message)));
      assert.deepStrictEqual(wentRed.items, ['Roll Back', 'Show Log', 'Revert Last Commit…'], showing(said));
      assert.match(wentRed.message, /\. Roll back first, then fix it or revert it\.$/);
      assert.doesNotMatch(wentRed.message, /Fix it or revert before anything else/);
      // The alert was raised before the run ended: one alarm, one toast, one Roll Back (walk30 L3).
      assert.strictEqual(said.filter((s) => s.items.includes('Roll Back')).length, 1, showing(said));
      assert.ok(!said.some((s) => /production alert in/.test(s.message)), showing(said));
    } finally {
      restore();
    }
  });

  it('a pipeline run whose monitoring alerts and rolls back automatically: one notification, the went-red one, saying which slot is live again (review31 L10)', async () => {
    const restore = usePipeline(blueGreen(p));
    try {
      const { run, liveBefore: before } = await runAfterGoodDeploy({ monitor: 'alertAndRollBack', rollbackWorks: true });
      assert.strictEqual(run?.state, 'red');
      assert.strictEqual(fs.readFileSync(p.live, 'utf8'), before, 'the rollback did not switch back');
      // The rollback's event comes before the run ends, so by the went-red notice every other toast would be in.
      const wentRed = await waitFor('the went-red notification', () => said.find((s) => /The pipeline is red: /.test(s.message)));
      assert.strictEqual(said.length, 1, `one notification for one alarm, got:\n${showing(said)}`);
      assert.match(wentRed.message, new RegExp(`; rolled back automatically: slot ${before} is live again\\. Fix it or revert before anything else\\.$`));
      assert.deepStrictEqual(wentRed.items, ['Show Log', 'Run Pipeline', 'Revert Last Commit…'], 'no re-run no stage can fix (walkedit33 M1)');
    } finally {
      restore();
    }
  });

  it('a failed Switch Blue/Green: one notification, the switch\'s own, with the red\'s buttons', async () => {
    const restore = usePipeline(blueGreen(p));
    try {
      // Both slots hold a release (this one and failAfterGoodDeploy's), so there is a slot to switch to.
      const first = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
      assert.strictEqual(first?.result, 'ok', first?.message);
      const o = await failAfterGoodDeploy('switch', () => {
        usePipeline(blueGreen(p, { switchFails: true }));
        return vscode.commands.executeCommand<Outcome>('gearshift.switchSlot', { confirmed: true });
      }, (x) => x.history?.id);
      assert.strictEqual(o.result, 'failed', o.message);
      assert.strictEqual(said.length, 1, `one notification for one failed switch, got:\n${showing(said)}`);
      assert.match(said[0].message, /^Gearshift: switch: .*The pipeline is red/);
      assert.deepStrictEqual(said[0].items, ['Show Log', 'Re-run From Failed Stage', 'Revert Last Commit…']);
    } finally {
      restore();
    }
  });
});
