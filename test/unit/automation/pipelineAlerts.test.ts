import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WebhookAlerter } from '../../../src/core/alerts/alerter';
import type { AlertPayload } from '../../../src/core/alerts/payload';
import { PipelineAlerts, type AlertLogLevel, type PipelineAlertsOptions } from '../../../src/core/automation/pipelineAlerts';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { RunRecord } from '../../../src/core/pipeline/types';
import type { EscalationEvent } from '../../../src/core/redgreen/escalation';
import { freePort, startServer, type HookServer } from '../alerts/hookServer';
import { Repos, runBrokenOrNot } from '../engine/engineFixture';
import { FakeClock } from '../redgreen/fakeClock';
import { git } from '../../support/git';
import { deployRunHooks } from '../../../src/core/deploy';
import { SlotChangeRecord } from '../../../src/core/release/slotRecord';

const MIN = 60_000;

/** Unit Tests is red while the file `broken` exists in the repo. */
function pipelineWith(webhook?: string): string {
  const alerts = webhook ? `alerts:\n  webhook: ${webhook}\n` : '';
  return `version: 1\nstages:\n  - name: Build\n    run: echo built\n  - name: Unit Tests\n    run: test ! -e broken\n${alerts}`;
}

describe('PipelineAlerts (real engine, real HTTP server)', function () {
  this.timeout(30_000);
  const repos = new Repos();
  const engines: PipelineEngine[] = [];
  const watchers: PipelineAlerts[] = [];
  const servers: HookServer[] = [];
  let logs: Array<[AlertLogLevel, string]>;

  beforeEach(() => { logs = []; });
  afterEach(async () => {
    for (const w of watchers.splice(0)) { w.dispose(); }
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
    repos.cleanup();
  });

  async function server(statusFor: (index: number) => number = () => 200): Promise<HookServer> {
    const s = await startServer((_req, res, i) => { res.statusCode = statusFor(i); res.end('ok'); });
    servers.push(s);
    return s;
  }
  function engineFor(repo: string): PipelineEngine {
    const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: repo, color: false, killGraceMs: 500 });
    engines.push(engine);
    return engine;
  }
  /** Fast retries: these tests are about what is sent, not about real backoff delays. */
  function quickAlerter(maxAttempts = 4): WebhookAlerter {
    return new WebhookAlerter({ backoffMs: 1, maxAttempts, timeoutMs: 3000 });
  }
  async function attach(engine: PipelineEngine, options: PipelineAlertsOptions = {}): Promise<{ alerts: PipelineAlerts; events: EscalationEvent[] }> {
    const alerts = new PipelineAlerts(engine, { reminderMs: 0, alerter: quickAlerter(), log: (level, line) => logs.push([level, line]), ...options });
    watchers.push(alerts);
    const events: EscalationEvent[] = [];
    alerts.onEscalation((e) => events.push(e));
    await alerts.start();
    return { alerts, events };
  }
  const runPipeline = runBrokenOrNot;
  const bodies = (s: HookServer): AlertPayload[] => s.received.map((r) => JSON.parse(r.body) as AlertPayload);

  it('POSTs red once, nothing for a second red run, then back to green', async () => {
    const hook = await server();
    const repo = repos.make(pipelineWith(`${hook.base}/services/T000/secret-token`));
    const engine = engineFor(repo);
    const { alerts, events } = await attach(engine);

    const red = await runPipeline(engine, repo, true);
    await alerts.idle();
    assert.strictEqual(hook.received.length, 1);
    assert.strictEqual(hook.received[0].method, 'POST');
    assert.strictEqual(hook.received[0].path, '/services/T000/secret-token');
    assert.match(String(hook.received[0].headers['content-type']), /^application\/json/);
    const body = bodies(hook)[0];
    assert.deepStrictEqual(
      { state: body.state, event: body.event, repo: body.repo, sha: body.sha, branch: body.branch, failedStage: body.failedStage, redSince: body.redSince, runId: body.runId, level: body.level },
      { state: 'red', event: 'red', repo: path.basename(repo), sha: git(repo, 'rev-parse', 'HEAD'), branch: 'main', failedStage: 'Unit Tests', redSince: red.endedAt, runId: red.id, level: 0 },
    );
    assert.match(body.text, /^gearshift-engine-\w+: The pipeline is red: Unit Tests failed on main at [0-9a-f]{8}/);
    assert.strictEqual(alerts.redPeriod?.redRun.id, red.id);

    await runPipeline(engine, repo, true);
    await alerts.idle();
    assert.strictEqual(hook.received.length, 1, 'still red: no repeat (reminders come from the timer only)');

    const green = await runPipeline(engine, repo, false);
    await alerts.idle();
    assert.strictEqual(hook.received.length, 2);
    const back = bodies(hook)[1];
    assert.deepStrictEqual([back.state, back.event, back.runId, back.redSince, back.failedStage], ['green', 'green', green.id, red.endedAt, 'Unit Tests']);
    assert.match(back.text, /Back to green after \d+s: Unit Tests passes again/);
    assert.strictEqual(alerts.redPeriod, undefined);
    // The second red run (same stage) is an event for the editor's log only (review39 M4): no webhook, no toast.
    assert.deepStrictEqual(events.map((e) => e.type), ['wentRed', 'stillRed', 'backToGreen'], 'the UI hears the same events');

    const lines = logs.map(([level, line]) => `${level}: ${line}`);
    assert.deepStrictEqual(lines, [
      `info: Webhook alert (red) sent to ${hook.base}/… (HTTP 200)`,
      `info: Webhook alert (green) sent to ${hook.base}/… (HTTP 200)`,
    ], 'the secret path never reaches the log');
  });

  it('a failed switch by hand recorded by this engine (no stage ran) turns it red at once, named as the switch', async () => {
    const repo = repos.make(pipelineWith());
    const engine = engineFor(repo);
    const { alerts, events } = await attach(engine);
    await runPipeline(engine, repo, false);
    const loaded = await engine.validate();
    assert.ok(loaded.ok);
    const change = new SlotChangeRecord(engine, loaded.pipeline, { kind: 'switch', runId: 'switch-run-1', sha: git(repo, 'rev-parse', 'HEAD'), slot: 'blue' });
    await change.begin();
    assert.strictEqual(events.length, 0, 'the start line alone says nothing');
    await change.end('failed', 'the switch command exited with code 3');
    await alerts.idle();
    assert.deepStrictEqual(events.map((e) => e.type), ['wentRed']);
    assert.strictEqual(alerts.redPeriod?.redRun.id, 'switch-run-1');
    assert.match(events[0].type === 'wentRed' ? events[0].message : '', /The pipeline is red: the blue\/green switch failed on main at [0-9a-f]{8}/);
  });

  it('restores a red period from history without announcing it; green then says back to green', async () => {
    const hook = await server();
    const repo = repos.make(pipelineWith(`${hook.base}/hook`));
    const first = engineFor(repo);
    const { alerts: before } = await attach(first);
    const red = await runPipeline(first, repo, true);
    await before.idle();
    before.dispose();
    await first.dispose();
    assert.strictEqual(hook.received.length, 1);

    // A new process: a cancelled-free restart reads the red period back.
    const clock = new FakeClock(Date.now());
    const engine = engineFor(repo);
    const { alerts, events } = await attach(engine, { clock, reminderMs: 15 * MIN });
    assert.strictEqual(alerts.redPeriod?.redRun.id, red.id);
    assert.strictEqual(alerts.redPeriod?.redSince, Date.parse(red.endedAt as string));
    await runPipeline(engine, repo, true);
    await alerts.idle();
    assert.strictEqual(hook.received.length, 1, 'not announced again after a restart');
    // Only the log's line for the red run: the same cause, so nothing is announced (review39 M4).
    assert.deepStrictEqual(events.map((e) => [e.type, e.type === 'stillRed' && e.causeChanged]), [['stillRed', false]]);

    clock.advance(15 * MIN); // the restored period keeps its reminders
    await alerts.idle();
    assert.deepStrictEqual(bodies(hook).slice(1).map((b) => [b.event, b.level, b.runId === red.id]), [['reminder', 1, false]]);

    await runPipeline(engine, repo, false);
    await alerts.idle();
    const back = bodies(hook)[2];
    assert.deepStrictEqual([back.event, back.redSince], ['green', red.endedAt]);
    assert.strictEqual(clock.size, 0, 'no reminder left behind once green');
  });

  it('reminds on the injected clock, firmer each time, until a run is green', async () => {
    const hook = await server();
    const repo = repos.make(pipelineWith(`${hook.base}/hook`));
    const clock = new FakeClock(Date.now());
    const engine = engineFor(repo);
    const { alerts, events } = await attach(engine, { clock, reminderMs: 15 * MIN });
    const red = await runPipeline(engine, repo, true);
    clock.jump(Date.parse(red.endedAt as string) - clock.now()); // the fake wall clock catches up with the real run
    clock.advance(14 * MIN);
    await alerts.idle();
    assert.deepStrictEqual(bodies(hook).map((b) => b.event), ['red']);
    clock.advance(MIN);
    await alerts.idle();
    clock.advance(15 * MIN);
    await alerts.idle();
    assert.deepStrictEqual(bodies(hook).map((b) => [b.event, b.level]), [['red', 0], ['reminder', 1], ['reminder', 2]]);
    assert.match(bodies(hook)[2].text, /has been red for 30m and nobody has fixed it/);
    assert.strictEqual(bodies(hook)[2].redForMs, 30 * MIN);

    alerts.setReminderMs(0); // turned off in the settings: no more reminders
    clock.advance(60 * MIN);
    alerts.setReminderMs(15 * MIN);
    await runPipeline(engine, repo, false);
    await alerts.idle();
    assert.deepStrictEqual(bodies(hook).map((b) => b.event), ['red', 'reminder', 'reminder', 'green']);
    assert.deepStrictEqual(events.map((e) => e.type), ['wentRed', 'reminder', 'reminder', 'backToGreen']);
    assert.strictEqual(clock.size, 0);
  });

  it('retries a webhook that answers 500, then is delivered', async () => {
    const hook = await server((i) => (i === 0 ? 500 : 200));
    const repo = repos.make(pipelineWith(`${hook.base}/hook`));
    const engine = engineFor(repo);
    const { alerts } = await attach(engine);
    await runPipeline(engine, repo, true);
    await alerts.idle();
    assert.strictEqual(hook.received.length, 2);
    assert.strictEqual(hook.received[0].body, hook.received[1].body, 'the same alert, sent again');
    assert.deepStrictEqual(logs, [['info', `Webhook alert (red) sent to ${hook.base}/… (HTTP 200)`]]);
  });

  it('an unreachable webhook is logged as an error (URL redacted) and never disturbs the run', async () => {
    const port = await freePort();
    const repo = repos.make(pipelineWith(`http://127.0.0.1:${port}/hooks/secret-token`));
    const engine = engineFor(repo);
    const { alerts, events } = await attach(engine, { alerter: quickAlerter(2) });
    await runPipeline(engine, repo, true);
    await alerts.idle();
    assert.strictEqual(events.length, 1);
    assert.strictEqual(logs.length, 1);
    assert.strictEqual(logs[0][0], 'error');
    assert.match(logs[0][1], new RegExp(`^Webhook alert \\(red\\) to http://127\\.0\\.0\\.1:${port}/… not delivered after 2 attempts: .*ECONNREFUSED`));
    assert.ok(!logs[0][1].includes('secret-token'));
    await runPipeline(engine, repo, false); // the engine carries on as if nothing happened
    await alerts.idle();
  });

  it('sends nothing without alerts.webhook, but still tells the UI', async () => {
    const hook = await server();
    const repo = repos.make(pipelineWith());
    const engine = engineFor(repo);
    const { alerts, events } = await attach(engine);
    await runPipeline(engine, repo, true);
    await runPipeline(engine, repo, false);
    await alerts.idle();
    assert.strictEqual(hook.received.length, 0);
    assert.deepStrictEqual(events.map((e) => e.type), ['wentRed', 'backToGreen']);
    assert.deepStrictEqual(logs, []);
  });

  it('reads the webhook when it alerts: a config broken since then is logged, not sent', async () => {
    const hook = await server();
    const repo = repos.make(pipelineWith(`${hook.base}/hook`));
    const engine = engineFor(repo);
    const { alerts } = await attach(engine);
    fs.writeFileSync(path.join(repo, 'broken'), '');
    const outcome = await engine.start({ trigger: 'test' });
    assert.strictEqual(outcome.kind, 'started');
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), 'version: 1\nstages: [\n'); // edited mid-run
    await (outcome as { done: Promise<RunRecord> }).done;
    await alerts.idle();
    assert.strictEqual(hook.received.length, 0);
    assert.deepStrictEqual(logs.map(([level, line]) => [level, line.replace(/:.*/, '')]), [['warn', 'Webhook alert (red) not sent']]);
  });

  it('resync adopts a red period another process recorded, silently; our green run then says back to green', async () => {
    const hook = await server();
    const repo = repos.make(pipelineWith(`${hook.base}/hook`));
    const engine = engineFor(repo);
    const { alerts, events } = await attach(engine);
    const other = engineFor(repo); // e.g. `gearshift run` in a terminal, which alerts on its own
    const red = await runPipeline(other, repo, true);
    assert.strictEqual(alerts.redPeriod === undefined, true, 'not ours: we have not heard of it yet');
    await alerts.resync();
    assert.strictEqual(alerts.redPeriod?.redRun.id, red.id);
    assert.deepStrictEqual(events, []);
    await runPipeline(engine, repo, false);
    await alerts.idle();
    assert.deepStrictEqual(bodies(hook).map((b) => [b.event, b.redSince]), [['green', red.endedAt]]);
  });

  it('a production alert (monitoring tripped) is POSTed at once, even while already red', async () => {
    const hook = await server();
    const repo = repos.make(pipelineWith(`${hook.base}/hook`));
    const engine = engineFor(repo);
    const { alerts } = await attach(engine);
    await runPipeline(engine, repo, true); // already red: a red run after the deploy would say nothing new
    await alerts.idle();
    const tripped = { tripped: true as const, probe: 'http://127.0.0.1/health', rate: 0.6, at: new Date().toISOString(), interval: 1, reason: 'threshold' as const, message: 'http://127.0.0.1/health: error rate 60% in interval 1 (threshold 10%) <!channel>' };
    engine.report({ type: 'deploy', runId: 'run-after-deploy', event: { type: 'alert', result: tripped, autoRollback: true } });
    await alerts.idle();
    const alert = bodies(hook).find((b) => b.event === 'alert');
    assert.ok(alert, JSON.stringify(bodies(hook)));
    assert.deepStrictEqual([alert.state, alert.failedStage, alert.runId], ['red', 'production monitoring', 'run-after-deploy']);
    assert.match(alert.text, /Production alert after deploying .*error rate 60% .*rolling back automatically\.$/);
    assert.ok(!alert.text.includes('<!channel>'), 'chat mentions are escaped');
  });
});
