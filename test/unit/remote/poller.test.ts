import * as assert from 'node:assert';
import { RemoteClient, RemotePoller, nextPollDelay, type RemoteStatus } from '../../../src/core/remote';
import { FakeClock } from '../redgreen/fakeClock';
import { githubRun, startFakeCi, type FakeCi } from '../../support/fakeCi';

const SHA = 'c'.repeat(40);
const LIMITS = { intervalMs: 30_000, newShaWindowMs: 600_000, maxErrorDelayMs: 600_000 };

describe('RemotePoller: polling policy with a real client and an injected clock', () => {
  let ci: FakeCi;
  let clock: FakeClock;
  let poller: RemotePoller;
  let seen: RemoteStatus[];
  let logs: string[];
  beforeEach(async () => {
    ci = await startFakeCi();
    clock = new FakeClock(Date.parse('2026-12-02T10:00:00Z'));
    seen = [];
    logs = [];
    const client = new RemoteClient({ provider: 'github', host: 'github.com', project: 'o/r', apiBase: ci.base, endpoint: 'configured' }, { token: 't', now: () => clock.now() });
    poller = new RemotePoller({ check: (sha) => client.check(sha), clock, onStatus: (s) => seen.push(s), log: (m) => logs.push(m) });
  });
  afterEach(async () => { poller.dispose(); await ci.close(); });

  /** Fires due timers, then waits for the request they started. */
  async function tick(ms: number): Promise<void> { clock.advance(ms); await poller.settled(); }

  it('asks nothing while the window is unfocused; stops when focus goes, resumes when it returns', async () => {
    ci.githubRuns.push(githubRun(1, SHA, 'in_progress', null));
    poller.setSha(SHA);
    await tick(60_000);
    assert.strictEqual(ci.requests.length, 0, 'unfocused: no request');
    poller.setFocused(true);
    await tick(0);
    assert.strictEqual(seen.at(-1)?.state, 'in-progress');
    const afterFirst = ci.requests.length;
    await tick(30_000);
    assert.ok(ci.requests.length > afterFirst, 'in progress: polls every interval');
    poller.setFocused(false);
    assert.strictEqual(poller.active, false, 'no timer left once unfocused');
    const whenBlurred = ci.requests.length;
    await tick(3_600_000);
    assert.strictEqual(ci.requests.length, whenBlurred);
    poller.setFocused(true);
    await tick(0);
    assert.strictEqual(ci.requests.length, whenBlurred + 2, 'focus back: one check (runs + jobs, 304s) at once');
  });

  it('stops once the run finished (red), and starts over for a new sha', async () => {
    ci.githubRuns.push(githubRun(1, SHA, 'completed', 'failure'));
    poller.setFocused(true);
    poller.setSha(SHA);
    await tick(0);
    assert.strictEqual(seen.at(-1)?.state, 'failure');
    assert.strictEqual(poller.active, false);
    const n = ci.requests.length;
    await tick(3_600_000);
    assert.strictEqual(ci.requests.length, n);
    poller.setSha('d'.repeat(40));
    await tick(0);
    assert.strictEqual(seen.at(-1)?.state, 'none');
    assert.strictEqual(poller.active, true, 'a new sha is polled until CI picks it up');
    await tick(600_000);
    assert.strictEqual(poller.active, false, 'after the new-sha window it gives up');
  });

  it('403 rate limit: backs off until x-ratelimit-reset, not a request before', async () => {
    const reset = Math.floor(clock.now() / 1000) + 900;
    ci.script.push({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: '{}' });
    ci.githubRuns.push(githubRun(1, SHA, 'in_progress', null));
    poller.setFocused(true);
    poller.setSha(SHA);
    await tick(0);
    assert.strictEqual(seen.at(-1)?.state, 'unknown');
    assert.strictEqual(ci.requests.length, 1);
    await tick(899_000);
    assert.strictEqual(ci.requests.length, 1, 'nothing before the reset');
    await tick(1_000);
    assert.strictEqual(seen.at(-1)?.state, 'in-progress');
  });

  it('429 retry-after is honoured', async () => {
    ci.script.push({ status: 429, headers: { 'retry-after': '120' } });
    ci.githubRuns.push(githubRun(1, SHA, 'completed', 'success'));
    poller.setFocused(true);
    poller.setSha(SHA);
    await tick(0);
    await tick(119_000);
    assert.strictEqual(ci.requests.length, 1);
    await tick(1_000);
    assert.strictEqual(seen.at(-1)?.state, 'success');
  });

  it('500s and garbage: unknown, logged, retried with growing waits — no tight loop, no crash', async () => {
    for (let i = 0; i < 20; i++) { ci.script.push(i % 2 ? { status: 200, body: 'garbage{' } : { status: 500, body: 'x' }); }
    poller.setFocused(true);
    poller.setSha(SHA);
    await tick(0);
    const times: number[] = [];
    for (let t = 0; t < 600_000; t += 1_000) {
      const before = ci.requests.length;
      await tick(1_000);
      if (ci.requests.length > before) { times.push(t + 1_000); }
    }
    assert.deepStrictEqual(times, [60_000, 180_000, 420_000], 'waits 60 s, 120 s, 240 s (interval × 2^failures)');
    assert.ok(seen.every((s) => s.state === 'unknown'));
    assert.ok(logs.some((l) => /HTTP 500/.test(l)) && logs.some((l) => /not JSON/.test(l)), logs.join('\n'));
  });

  it('a throwing view does not stop the schedule', async () => {
    ci.githubRuns.push(githubRun(1, SHA, 'in_progress', null));
    const throwing = new RemotePoller({ check: () => Promise.reject(new Error('boom')), clock, onStatus: () => { throw new Error('view broke'); }, log: (m) => logs.push(m) });
    throwing.setFocused(true);
    throwing.setSha(SHA);
    clock.advance(0);
    await throwing.settled();
    assert.ok(logs.some((l) => /view broke/.test(l)));
    assert.strictEqual(throwing.active, true);
    throwing.dispose();
    assert.strictEqual(throwing.active, false);
  });
});

describe('nextPollDelay', () => {
  const base = { focused: true, sha: SHA, checkedOnce: true, shaSince: 0, lastCheckAt: 0, failures: 0, retryAt: 0, now: 700_000 };
  it('off and unsupported never poll; unfocused never polls', () => {
    assert.strictEqual(nextPollDelay({ ...base, lastKnown: 'off' }, LIMITS), undefined);
    assert.strictEqual(nextPollDelay({ ...base, lastKnown: 'unsupported', checkedOnce: false }, LIMITS), undefined);
    assert.strictEqual(nextPollDelay({ ...base, lastKnown: 'in-progress', focused: false }, LIMITS), undefined);
  });
  it('an error while a run was in progress keeps polling, with the longer wait', () => {
    assert.strictEqual(nextPollDelay({ ...base, lastKnown: 'in-progress', lastCheckAt: 700_000, failures: 3 }, LIMITS), 240_000);
  });
});
