import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flushAlerts } from '../../../src/cli/commands/run';
import { WebhookAlerter } from '../../../src/core/alerts/alerter';
import type { AlertPayload } from '../../../src/core/alerts/payload';
import { PipelineAlerts } from '../../../src/core/automation/pipelineAlerts';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { startServer, type HookServer } from '../alerts/hookServer';
import { git } from '../../support/fixtureRepo';
import { CliProcess, ensureCliBuilt, runCli } from './cliProcess';
import { FakeIo } from './fakeIo';
import { pipeline, Workspaces } from './workspace';
import { deployRunHooks } from '../../../src/core/deploy/runHooks';

interface Status { state: string; run: { id: string } | null; redSince: string | null; redForMs: number | null; failedStage: string | null }

/** FAIL=1 turns Test red; Ship waits for a person (declined without a terminal: cancelled). */
function gated(webhook?: string): string {
  const stages = pipeline([{ name: 'Build', run: 'echo built' }, { name: 'Test', run: '[ -z "$FAIL" ]' }, { name: 'Ship', run: 'echo shipped', extra: ['approval: manual'] }]);
  return webhook ? `${stages}alerts:\n  webhook: ${webhook}\n` : stages;
}

describe('gearshift run alerts and status red-for (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const servers: HookServer[] = [];
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    ws.cleanup();
  });
  async function hookServer(handler = (_i: number, res: { end(): void }) => res.end()): Promise<HookServer> {
    const s = await startServer((_req, res, i) => handler(i, res));
    servers.push(s);
    return s;
  }
  const bodies = (s: HookServer): AlertPayload[] => s.received.map((r) => JSON.parse(r.body) as AlertPayload);

  it('a red `gearshift run` POSTs one red alert before it exits 1; a second red one does not; green says so', async () => {
    const hook = await hookServer();
    const repo = ws.repo(gated(`${hook.base}/hook/secret`));
    const sha = git(repo, 'rev-parse', 'HEAD');
    const red = await runCli(['run', '--json'], { cwd: repo, env: { FAIL: '1' } });
    assert.strictEqual(red.code, 1, red.stderr);
    assert.strictEqual(hook.received.length, 1, 'delivered before the process exited');
    const record = JSON.parse(red.stdout) as RunRecord;
    const body = bodies(hook)[0];
    assert.deepStrictEqual([body.state, body.event, body.sha, body.failedStage, body.redSince, body.runId, body.repo],
      ['red', 'red', sha, 'Test', record.endedAt, record.id, path.basename(repo)]);
    assert.match(body.text, /The pipeline is red: Test failed on main at /);
    assert.match(red.stderr, new RegExp(`gearshift: Webhook alert \\(red\\) sent to ${hook.base}/… \\(HTTP 200\\)`));
    assert.ok(!red.stderr.includes('secret'));

    assert.strictEqual((await runCli(['run'], { cwd: repo, env: { FAIL: '1' } })).code, 1);
    assert.strictEqual(hook.received.length, 1, 'still red, a new process: not announced again');
    assert.strictEqual((await runCli(['run', '--no-alerts', '--yes'], { cwd: repo })).code, 0);
    assert.strictEqual(hook.received.length, 1, '--no-alerts sends nothing');
    assert.strictEqual((await runCli(['run'], { cwd: repo, env: { FAIL: '1' } })).code, 1);
    assert.strictEqual((await runCli(['run', '--yes'], { cwd: repo })).code, 0);
    assert.deepStrictEqual(bodies(hook).map((b) => b.event), ['red', 'red', 'green'], 'the --no-alerts green ended the first period silently');
  });

  it('status: red then cancelled is still red, "red for", the red run and the last run; green clears it', async () => {
    const repo = ws.repo(gated());
    const sha = git(repo, 'rev-parse', 'HEAD');
    const red = JSON.parse((await runCli(['run', '--json'], { cwd: repo, env: { FAIL: '1' } })).stdout) as RunRecord;
    assert.strictEqual((await runCli(['run'], { cwd: repo })).code, 130, 'the gate is declined: cancelled');
    const cancelled = await runCli(['status'], { cwd: repo });
    assert.match(cancelled.stdout, new RegExp(`^red {2}${sha.slice(0, 8)} on main\n {2}red for \\d+s `));
    assert.match(cancelled.stdout, /\n {2}last run {2}cancelled {2}/);
    assert.strictEqual((await runCli(['run', '--stage', 'Build'], { cwd: repo })).code, 0, 'green, but Test was left out');

    const text = await runCli(['status'], { cwd: repo });
    assert.strictEqual(text.code, 0);
    const lines = text.stdout.split('\n');
    assert.strictEqual(lines[0], `red  ${sha.slice(0, 8)} on main`);
    assert.match(lines[1], /^ {2}red for \d+s \(since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)$/);
    assert.match(text.stdout, /\n {2}failed {4}Test \(exited with code 1\)\n/);
    assert.match(text.stdout, new RegExp(`\n {2}run {7}${red.id}\n`));
    assert.match(text.stdout, /\n {2}last run {2}green {2}[0-9a-f]{8} on main, started .* by cli\n$/);

    const json = JSON.parse((await runCli(['status', '--json'], { cwd: repo })).stdout) as Status;
    assert.strictEqual(json.state, 'green', '`state` stays the last run\'s');
    assert.deepStrictEqual([json.redSince, json.failedStage], [red.endedAt, 'Test']);
    assert.strictEqual(typeof json.redForMs, 'number');
    assert.ok((json.redForMs as number) >= 0);

    assert.strictEqual((await runCli(['run', '--yes'], { cwd: repo })).code, 0);
    const green = await runCli(['status'], { cwd: repo });
    assert.match(green.stdout, /^green {2}/);
    assert.ok(!green.stdout.includes('red for'));
    const cleared = JSON.parse((await runCli(['status', '--json'], { cwd: repo })).stdout) as Status;
    assert.deepStrictEqual([cleared.state, cleared.redSince, cleared.redForMs, cleared.failedStage], ['green', null, null, null]);
  });

  it('status while a run goes during red: running, and still red for', async () => {
    const hold = 'i=0; while [ ! -e release ]; do i=$((i+1)); [ $i -gt 400 ] && exit 9; sleep 0.05; done';
    const repo = ws.repo(pipeline([{ name: 'Test', run: '[ -z "$FAIL" ]' }, { name: 'Hold', run: hold }]));
    assert.strictEqual((await runCli(['run'], { cwd: repo, env: { FAIL: '1' } })).code, 1);
    const running = new CliProcess(['run'], { cwd: repo, input: '' });
    try {
      await running.waitFor(/▶ \[2\/2\] Hold/);
      const status = await runCli(['status'], { cwd: repo });
      // Another process's run: history has its start line only, so no current stage to show.
      assert.match(status.stdout, /^running {2}[0-9a-f]{8} on main\n {2}started /);
      assert.match(status.stdout, /\n {2}still red for \d+s \(since .*\)\n {2}failed {4}Test \(exited with code 1\) in run /);
      const json = JSON.parse((await runCli(['status', '--json'], { cwd: repo })).stdout) as Status;
      assert.deepStrictEqual([json.state, json.failedStage], ['running', 'Test']);
    } finally {
      fs.writeFileSync(path.join(repo, 'release'), '');
      assert.strictEqual((await running.done).code, 0);
    }
  });

  it('Ctrl+C during the wait for the webhook stops waiting and exits 130 (real process)', async () => {
    const hook = await hookServer(() => undefined); // accepts, never answers: the CLI would wait 15 s
    const repo = ws.repo(`${pipeline([{ name: 'Boom', run: 'exit 1' }])}alerts:\n  webhook: ${hook.base}/hook\n`);
    const cli = new CliProcess(['run'], { cwd: repo, input: '' });
    await cli.waitFor(/Pipeline RED/);
    // The request has reached the server, so the CLI is now inside the wait.
    const deadline = Date.now() + 10_000;
    while (hook.received.length === 0 && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 20)); }
    assert.strictEqual(hook.received.length, 1, 'the alert was posted');
    cli.child.kill('SIGINT');
    const result = await cli.done;
    assert.strictEqual(result.code, 130, result.stderr);
    assert.match(result.stderr, /SIGINT: stopped waiting for the webhook alert/);
    assert.doesNotMatch(result.stderr, /gave up waiting/);
  });

  it('gives up waiting for a webhook that never answers, says so, and aborts it', async () => {
    const hook = await hookServer(() => undefined); // accepts, never answers
    const repo = ws.repo(`${pipeline([{ name: 'Boom', run: 'exit 1' }])}alerts:\n  webhook: ${hook.base}/hook\n`);
    const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: repo, color: false });
    const alerter = new WebhookAlerter({ timeoutMs: 20_000 });
    const alerts = new PipelineAlerts(engine, { reminderMs: 0, alerter });
    const io = new FakeIo(repo);
    try {
      await alerts.start();
      const outcome = await engine.start({ trigger: 'test' });
      assert.strictEqual(outcome.kind, 'started');
      await (outcome as { done: Promise<RunRecord> }).done;
      await engine.settle();
      await flushAlerts(alerts, io, 300);
      assert.match(io.err, /^gearshift: gave up waiting for the webhook alert after 0\.3 s; it may not have been delivered\n$/);
    } finally {
      alerts.dispose();
      alerter.dispose();
      await engine.dispose();
    }
  });
});
