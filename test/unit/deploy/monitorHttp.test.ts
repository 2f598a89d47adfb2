import * as assert from 'node:assert/strict';
import { Monitor, type MonitorSample, tripReason } from '../../../src/core/deploy';
import { httpProbe, monitorConfig, TempDirs, withDeadline } from './helpers';
import { freePort, serve, type TestServer } from './monitorServer';

/** The server notices a client's close a moment later: wait for it, bounded. */
async function noConnections(s: TestServer): Promise<void> {
  const deadline = Date.now() + 2000;
  while (await s.connections() > 0) {
    if (Date.now() > deadline) { assert.fail(`${await s.connections()} connection(s) left open`); }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('deploy/monitor: the alarm rule and HTTP probes', () => {
  const temp = new TempDirs();
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    temp.cleanup();
  });

  async function server(answer: (n: number) => number | 'hang', port?: number): Promise<TestServer> {
    const s = await serve(answer, port);
    servers.push(s);
    return s;
  }

  it('trips on the absolute threshold, or on a spike over a known baseline above the 2% floor', () => {
    const cfg = { threshold: 0.1, spike: 3 };
    assert.equal(tripReason(0.1, undefined, cfg), 'threshold');
    assert.equal(tripReason(0.09, undefined, cfg), undefined);
    assert.equal(tripReason(0, undefined, { threshold: 0, spike: 3 }), undefined, 'a clean interval never trips');
    assert.equal(tripReason(0.07, 0.02, cfg), 'spike', '0.07 > 0.02 × 3');
    assert.equal(tripReason(0.06, 0.02, cfg), undefined, 'not more than 3×');
    assert.equal(tripReason(0.05, 0, cfg), undefined, 'baseline 0: only the threshold');
    assert.equal(tripReason(0.015, 0.001, cfg), undefined, 'under the 2% floor');
    assert.equal(tripReason(0.02, 0.001, cfg), 'spike');
    assert.equal(tripReason(0.09, undefined, cfg), undefined, 'unknown baseline: only the threshold');
  });

  it('a healthy service passes: one sample per interval, with latency, and no alarm after the window', async () => {
    const s = await server(() => 200);
    const monitor = new Monitor(monitorConfig([httpProbe(s.url)], { windowMs: 450, intervalMs: 150 }), { root: temp.make() });
    const samples: MonitorSample[] = [];
    monitor.onSample((x) => samples.push(x));
    const started = Date.now();
    const result = await withDeadline(monitor.watch(), 5000, 'watch did not end');
    const took = Date.now() - started;
    assert.deepEqual(result, { tripped: false, intervals: 3, cancelled: false, message: 'no alarm in 3 intervals (450ms)' });
    assert.ok(took >= 440 && took < 2000, `took ${took}ms`);
    assert.deepEqual(samples.map((x) => [x.phase, x.interval, x.probe, x.rate, x.total]), [['watch', 1, 'web', 0, 3], ['watch', 2, 'web', 0, 3], ['watch', 3, 'web', 0, 3]]);
    assert.ok(samples.every((x) => typeof x.latencyMs === 'number' && !x.down));
    assert.equal(s.requests, 9);
    await noConnections(s);
  });

  it('a service answering 500s trips within the interval, as soon as the first error makes it certain', async () => {
    const s = await server(() => 500);
    // A 20 s interval: tripping only at its end could not pass the bound below, and a loaded machine cannot fail it.
    const monitor = new Monitor(monitorConfig([httpProbe(s.url, { requests: 5 })], { windowMs: 100_000, intervalMs: 20_000 }), { root: temp.make() });
    const samples: MonitorSample[] = [];
    monitor.onSample((x) => samples.push(x));
    const started = Date.now();
    const result = await withDeadline(monitor.watch(), 15_000, 'watch did not trip within the interval');
    assert.ok(Date.now() - started < 10_000, `tripped after ${Date.now() - started}ms`);
    assert.ok(result.tripped);
    assert.deepEqual([result.probe, result.rate, result.interval, result.reason, result.baseline], ['web', 0.2, 1, 'threshold', undefined]);
    // One request sent and it failed: say so, not "20% errors" (walk29 M2).
    assert.equal(result.message, 'web: 1 failed of 5 planned requests in interval 1 (≥ 20%, threshold 10%)');
    assert.ok(!Number.isNaN(Date.parse(result.at)));
    assert.equal(samples.length, 1);
    assert.deepEqual([samples[0].partial, samples[0].detail, samples[0].errors], [true, 'HTTP 500', 1]);
    assert.equal(s.requests, 1, 'no more requests once it tripped');
  });

  it('intermittent errors count per interval: 1 in 3 is a 33% rate', async () => {
    const s = await server((n) => (n % 3 === 0 ? 502 : 200));
    const monitor = new Monitor(monitorConfig([httpProbe(s.url)], { threshold: 0.5, windowMs: 300, intervalMs: 150 }), { root: temp.make() });
    const rates: number[] = [];
    monitor.onSample((x) => rates.push(x.rate));
    const result = await withDeadline(monitor.watch(), 5000, 'watch did not end');
    assert.equal(result.tripped, false);
    assert.deepEqual(rates.map((r) => r.toFixed(2)), ['0.33', '0.33']);
  });

  it('a URL that hangs hits its per-probe timeout: a probe error (not a failure), and the request is dropped', async () => {
    const s = await server(() => 'hang');
    const monitor = new Monitor(monitorConfig([httpProbe(s.url, { requests: 1, timeoutMs: 200 })], { intervalMs: 100, windowMs: 1000 }), { root: temp.make() });
    const samples: MonitorSample[] = [];
    monitor.onSample((x) => samples.push(x));
    const started = Date.now();
    const result = await withDeadline(monitor.watch(), 5000, 'watch did not end');
    const took = Date.now() - started;
    assert.ok(took >= 190, `took ${took}ms`);
    // Nothing measured is no verdict on the release: 4 errors in a row (the default limit) make it inconclusive.
    assert.ok(!result.tripped && result.inconclusive === true, JSON.stringify(result));
    assert.deepStrictEqual([result.why, result.intervals, result.probe], ['errors', 4, samples[0].probe]);
    assert.deepEqual([samples[0].detail, samples[0].down, samples[0].errors], ['no answer within 200ms', true, 1]);
    await noConnections(s);
  });

  it('a probe whose headers are refused (401/403) measured nothing: inconclusive, not a pass; without headers a 401 stays an answer', async () => {
    const s = await server((n) => (n % 2 === 0 ? 401 : 403));
    const monitor = new Monitor(monitorConfig([httpProbe(s.url, { requests: 2, headers: { Authorization: 'Bearer expired' } })], { intervalMs: 100, windowMs: 1000 }), { root: temp.make() });
    const samples: MonitorSample[] = [];
    monitor.onSample((x) => samples.push(x));
    const result = await withDeadline(monitor.watch(), 5000, 'watch did not end');
    assert.ok(!result.tripped && result.inconclusive === true, JSON.stringify(result));
    assert.equal(result.why, 'errors');
    assert.deepEqual([samples[0].down, samples[0].errors], [true, 2]);
    assert.match(samples[0].detail ?? '', /^HTTP 40[13]: the probe's headers were refused, HTTP 40[13]: the probe's headers were refused$/);

    const open = await server(() => 401);
    const plain = new Monitor(monitorConfig([httpProbe(open.url, { requests: 1 })], { intervalMs: 100, windowMs: 200 }), { root: temp.make() });
    const plainResult = await withDeadline(plain.watch(), 5000, 'watch did not end');
    assert.ok(!plainResult.tripped && !plainResult.inconclusive, JSON.stringify(plainResult));
  });

  it('slower than maxLatencyMs is an error too', async () => {
    const s = await server(() => 200);
    const monitor = new Monitor(monitorConfig([httpProbe(s.url, { requests: 1, maxLatencyMs: 0 })], { intervalMs: 100, windowMs: 100 }), { root: temp.make() });
    const samples: MonitorSample[] = [];
    monitor.onSample((x) => samples.push(x));
    const result = await monitor.watch();
    assert.ok(result.tripped);
    assert.equal(samples[0].detail, 'slower than 0ms');
    assert.equal(samples[0].down, false, 'it answered');
  });

  it('a probe down before the deploy: baseline unknown, said so, and only the absolute threshold applies', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    const cfg = monitorConfig([httpProbe(url, { requests: 4 })], { threshold: 0.5, spike: 2, baselineMs: 200, intervalMs: 100, windowMs: 300 });
    const monitor = new Monitor(cfg, { root: temp.make() });
    const samples: MonitorSample[] = [];
    monitor.onSample((x) => samples.push(x));
    const baseline = await withDeadline(monitor.baseline(), 5000, 'baseline did not end');
    assert.deepEqual(baseline.probes, [{ probe: 'web', samples: 0 }]);
    assert.deepEqual(baseline.notes, ['web: down before the deploy (connection refused ×4); baseline unknown, so only the absolute threshold (50%) applies']);
    assert.deepEqual(samples.map((x) => [x.phase, x.down, x.rate]), [['baseline', true, 1], ['baseline', true, 1]]);

    // The service comes up with 25% errors: a spike over any small baseline, but under the threshold.
    await server((n) => (n % 4 === 0 ? 500 : 200), port);
    const result = await withDeadline(monitor.watch(), 5000, 'watch did not end');
    assert.equal(result.tripped, false);
  });

  it('a known baseline is measured, and a spike over it trips even under the threshold', async () => {
    let failing = false;
    const s = await server((n) => (failing ? (n % 2 === 0 ? 500 : 200) : (n % 10 === 0 ? 500 : 200)));
    const cfg = monitorConfig([httpProbe(s.url, { requests: 10 })], { threshold: 0.6, spike: 3, baselineMs: 300, intervalMs: 150, windowMs: 600 });
    const monitor = new Monitor(cfg, { root: temp.make() });
    const baseline = await withDeadline(monitor.baseline(), 5000, 'baseline did not end');
    assert.deepEqual(baseline.probes, [{ probe: 'web', rate: 0.1, samples: 2 }]);
    assert.deepEqual(baseline.notes, ['web: baseline 10% over 2 intervals']);
    failing = true;
    const result = await withDeadline(monitor.watch(), 5000, 'watch did not end');
    assert.ok(result.tripped);
    assert.equal(result.reason, 'spike');
    assert.equal(result.baseline, 0.1);
    assert.match(result.message, /^web: (?:\d+% errors|\d+ failed of \d+ planned requests) in interval 1(?: \(≥ \d+%\))?, more than 3× the baseline of 10%$/);
  });

  it('baseline: 0 measures nothing and says only the threshold applies', async () => {
    const monitor = new Monitor(monitorConfig([httpProbe('http://127.0.0.1:9/x')], { baselineMs: 0 }), { root: temp.make() });
    const baseline = await monitor.baseline();
    assert.deepEqual(baseline, { probes: [{ probe: 'web', samples: 0 }], notes: ['no baseline (baseline: 0): only the absolute threshold (10%) applies'], cancelled: false });
  });

  it('cancel mid-interval returns at once and drops the request in flight', async () => {
    const s = await server(() => 'hang');
    // A 20 s interval and request timeout: the bound below is far from both, and from a loaded machine's scheduling.
    const monitor = new Monitor(monitorConfig([httpProbe(s.url, { requests: 1, timeoutMs: 20_000 })], { intervalMs: 20_000, windowMs: 80_000 }), { root: temp.make() });
    const ac = new AbortController();
    const watching = monitor.watch(ac.signal);
    // Mid-interval with the request in flight: once the server has it (not after a fixed 150 ms).
    for (const deadline = Date.now() + 10_000; s.requests === 0;) {
      assert.ok(Date.now() < deadline, 'the probe sent no request');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const started = Date.now();
    ac.abort();
    const result = await withDeadline(watching, 10_000, 'cancel did not end the watch');
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(result, { tripped: false, intervals: 0, cancelled: true, message: 'monitoring cancelled after 0 intervals' });
    await noConnections(s);
  });

  it('refuses a probe URL that is not http(s)', () => {
    assert.throws(() => new Monitor(monitorConfig([httpProbe('ftp://example.com/')]), { root: '/' }), /only http:\/\/ and https:\/\/ URLs can be probed/);
  });
});
