import * as assert from 'node:assert';
import { WebhookAlerter } from '../../../src/core/alerts/alerter';
import type { AlertPayload } from '../../../src/core/alerts/payload';
import { type HookServer, startServer } from './hookServer';

function payload(n: number): AlertPayload {
  return {
    text: `alert ${n}`, state: 'red', event: 'reminder', repo: 'r', sha: 's', branch: 'b',
    failedStage: null, redSince: new Date(0).toISOString(), redForMs: n, runId: 'x', level: n,
  };
}

describe('WebhookAlerter (queue)', () => {
  let s: HookServer | undefined;
  let alerter: WebhookAlerter | undefined;
  const timers: NodeJS.Timeout[] = [];
  afterEach(async () => {
    alerter?.dispose();
    timers.splice(0).forEach(clearTimeout);
    await s?.close();
    s = undefined;
  });

  it('sends in order, one at a time, and returns at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    s = await startServer((_req, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      timers.push(setTimeout(() => { inFlight--; res.writeHead(200).end(); }, 20));
    });
    alerter = new WebhookAlerter();
    const results = [1, 2, 3, 4, 5].map((n) => alerter!.send(s!.base, payload(n)));
    assert.strictEqual(alerter.pending, 5);
    assert.ok((await Promise.all(results)).every((r) => r.ok));
    assert.deepStrictEqual(s.received.map((r) => (JSON.parse(r.body) as AlertPayload).text), ['alert 1', 'alert 2', 'alert 3', 'alert 4', 'alert 5']);
    assert.strictEqual(maxInFlight, 1);
    assert.strictEqual(alerter.pending, 0);
  });

  it('is bounded: when full, the oldest waiting alert is dropped and logged', async () => {
    s = await startServer((_req, res) => { timers.push(setTimeout(() => res.writeHead(200).end(), 30)); });
    const logs: string[] = [];
    alerter = new WebhookAlerter({ maxQueue: 2, log: (l) => logs.push(l) });
    const results = [1, 2, 3, 4].map((n) => alerter!.send(s!.base, payload(n)));
    await alerter.idle();
    const settled = await Promise.all(results);
    assert.deepStrictEqual(settled.map((r) => r.ok), [true, false, true, true]);
    assert.strictEqual(settled[1].error, 'dropped: the alert queue is full');
    assert.deepStrictEqual(s.received.map((r) => (JSON.parse(r.body) as AlertPayload).text), ['alert 1', 'alert 3', 'alert 4']);
    assert.deepStrictEqual(logs, ['Webhook alert (reminder) dropped: more than 2 alerts waiting']);
  });

  it('dispose aborts the alert in flight and resolves the queued ones with ok:false', async () => {
    s = await startServer(() => undefined); // never answers
    const logs: string[] = [];
    // A 30 s request timeout: the bound below (far from a loaded machine's scheduling) is still far below it.
    alerter = new WebhookAlerter({ log: (l) => logs.push(l), timeoutMs: 30_000 });
    const first = alerter.send(s.base, payload(1));
    const second = alerter.send(s.base, payload(2));
    await s.receivedAtLeast(1);
    const t0 = Date.now();
    alerter.dispose();
    const [a, b] = await Promise.all([first, second]);
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    assert.deepStrictEqual([a.ok, a.error, b.ok, b.error], [false, 'cancelled', false, 'the alerter was disposed']);
    assert.deepStrictEqual((await alerter.send(s.base, payload(3))).error, 'the alerter was disposed');
    assert.deepStrictEqual(logs, [], 'shutting down is not a failure');
  });

  it('a refused URL in the queue does not hold up the next alert', async () => {
    s = await startServer((_req, res) => res.writeHead(200).end());
    alerter = new WebhookAlerter({ log: () => undefined });
    const [bad, good] = await Promise.all([alerter.send('ftp://x/y', payload(1)), alerter.send(s.base, payload(2))]);
    assert.deepStrictEqual([bad.ok, bad.attempts, good.ok], [false, 0, true]);
  });
});
