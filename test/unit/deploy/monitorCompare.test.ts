import * as assert from 'node:assert/strict';
import type { MonitorProbe } from '../../../src/core/config';
import { Monitor, type MonitorSample } from '../../../src/core/deploy';
import { monitorConfig, TempDirs, withDeadline } from './helpers';
import { serve, type TestServer } from './monitorServer';

/** Every other request fails: a 50% error rate, exactly. */
const half = (n: number): number => (n % 2 === 0 ? 500 : 200);

describe('deploy/monitor: compare: previous-slot on two live local servers', () => {
  const temp = new TempDirs();
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    temp.cleanup();
  });

  async function slots(blue: (n: number) => number, green: (n: number) => number): Promise<{ blue: TestServer; green: TestServer; probe: MonitorProbe }> {
    const b = await serve(blue);
    const g = await serve(green);
    servers.push(b, g);
    const probe: MonitorProbe = { kind: 'compare', name: 'web vs previous', compare: 'previous-slot', urls: { blue: b.url, green: g.url }, factor: 2, requests: 4, timeoutMs: 2000 };
    return { blue: b, green: g, probe };
  }

  it('fails the release when the live slot errs more than factor × the previous slot, measured at the same moments', async () => {
    const { blue, green, probe } = await slots(() => 200, half);
    const monitor = new Monitor(monitorConfig([probe], { intervalMs: 200, windowMs: 600, baselineMs: 0, threshold: 0.9 }), { root: temp.make() });
    const samples: MonitorSample[] = [];
    monitor.onSample((s) => samples.push(s));
    const result = await withDeadline(monitor.watch(undefined, { live: 'green', previous: 'blue' }), 10_000, 'watch did not end');
    assert.ok(result.tripped, JSON.stringify(result));
    assert.equal(result.reason, 'compare');
    assert.match(result.message, /50% errors on green vs 0% on blue in interval 1, more than 2× the previous slot/);
    assert.equal(blue.requests, green.requests, 'both slots got the same requests');
    assert.deepEqual(samples.map((s) => [s.kind, s.compare?.slot, s.compare?.previousSlot, s.compare?.previousRate]), [['compare', 'green', 'blue', 0]]);
  });

  it('passes when the previous slot is the one erring: the live one is no worse', async () => {
    const { probe } = await slots(half, () => 200);
    const monitor = new Monitor(monitorConfig([probe], { intervalMs: 150, windowMs: 450, baselineMs: 0 }), { root: temp.make() });
    const result = await withDeadline(monitor.watch(undefined, { live: 'green', previous: 'blue' }), 10_000, 'watch did not end');
    assert.ok(!result.tripped && result.inconclusive !== true && !result.cancelled, JSON.stringify(result));
    assert.equal(result.intervals, 3);
  });

  it('within factor: 25% live against 25% previous passes; both at 50% (above threshold) is inconclusive', async () => {
    const quarter = (n: number): number => (n % 4 === 0 ? 500 : 200);
    const same = await slots(quarter, quarter);
    const ok = await new Monitor(monitorConfig([same.probe], { intervalMs: 150, windowMs: 300, baselineMs: 0, threshold: 0.3 }), { root: temp.make() })
      .watch(undefined, { live: 'green', previous: 'blue' });
    assert.ok(!ok.tripped && ok.inconclusive !== true, JSON.stringify(ok));
    const both = await slots(half, half);
    const unsure = await new Monitor(monitorConfig([both.probe], { intervalMs: 150, windowMs: 300, baselineMs: 0, threshold: 0.3 }), { root: temp.make() })
      .watch(undefined, { live: 'green', previous: 'blue' });
    assert.ok(!unsure.tripped && unsure.inconclusive === true && unsure.why === 'range', JSON.stringify(unsure));
    assert.match(unsure.message, /the previous slot fails too/);
  });

  it('no previous slot (first deploy): nothing to compare, errors in a row → inconclusive, never a pass', async () => {
    const { blue, probe } = await slots(() => 200, () => 200);
    const monitor = new Monitor(monitorConfig([probe], { intervalMs: 50, windowMs: 500, baselineMs: 0, consecutiveErrorLimit: 2 }), { root: temp.make() });
    const result = await withDeadline(monitor.watch(undefined, { live: 'blue' }), 10_000, 'watch did not end');
    assert.ok(!result.tripped && result.inconclusive === true && result.why === 'errors', JSON.stringify(result));
    assert.match(result.message, /nothing to compare: blue is live, and no slot was live before it/);
    assert.equal(blue.requests, 0);
  });
});
