import * as assert from 'node:assert';
import { alertPayload, type AlertPayload } from '../../../src/core/alerts/payload';
import { sendWebhook, type WebhookOptions } from '../../../src/core/alerts/webhook';
import { EscalationSchedule, type EscalationEvent } from '../../../src/core/redgreen/escalation';
import { FakeClock } from '../redgreen/fakeClock';
import { run } from '../redgreen/runs';
import { freePort, type HookServer, startServer } from './hookServer';

/** The three webhook events of a real red period: red, the first reminder, back to green. */
function escalationEvents(): EscalationEvent[] {
  const clock = new FakeClock();
  const schedule = new EscalationSchedule({ clock, repo: 'shop-api' });
  const events: EscalationEvent[] = [];
  schedule.onEvent((e) => events.push(e));
  schedule.onRun(run('red', 0, { endedAt: new Date(clock.now()).toISOString(), branch: 'main' }));
  clock.advance(15 * 60_000);
  schedule.onRun(run('green', 0, { endedAt: new Date(clock.now() + 60_000).toISOString() }));
  schedule.dispose();
  return events;
}

const PAYLOAD = alertPayload(escalationEvents()[0]) as AlertPayload;

describe('webhook alerts (real HTTP server on 127.0.0.1)', () => {
  const servers: HookServer[] = [];
  const timers: NodeJS.Timeout[] = [];
  let sleeps: number[];
  let logs: string[];
  let options: WebhookOptions;

  async function server(handler: Parameters<typeof startServer>[0]): Promise<HookServer> {
    const s = await startServer(handler);
    servers.push(s);
    return s;
  }

  beforeEach(() => {
    sleeps = [];
    logs = [];
    options = { sleep: async (ms) => { sleeps.push(ms); }, log: (line) => logs.push(line), timeoutMs: 2000 };
  });
  afterEach(async () => {
    timers.splice(0).forEach(clearTimeout);
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('POSTs JSON with the documented fields for red, reminder and green', async () => {
    const s = await server((_req, res) => res.writeHead(200).end('ok'));
    for (const e of escalationEvents()) {
      const result = await sendWebhook(`${s.base}/hook`, alertPayload(e) as AlertPayload, options);
      assert.deepStrictEqual(result, { ok: true, attempts: 1, status: 200, error: undefined });
    }
    assert.deepStrictEqual(s.received.map((r) => [r.method, r.path, r.headers['content-type']]),
      Array(3).fill(['POST', '/hook', 'application/json; charset=utf-8']));
    const [red, reminder, green] = s.received.map((r) => JSON.parse(r.body) as AlertPayload);
    assert.deepStrictEqual(Object.keys(red).sort(),
      ['branch', 'event', 'failedStage', 'level', 'redForMs', 'redSince', 'repo', 'runId', 'sha', 'state', 'text']);
    assert.deepStrictEqual([red.state, red.event, red.repo, red.branch, red.failedStage, red.redForMs, red.level],
      ['red', 'red', 'shop-api', 'main', 'Unit Tests', 0, 0]);
    assert.strictEqual(red.redSince, '2024-05-01T10:00:00.000Z');
    assert.match(red.sha, /^[0-9a-f]{40}$/);
    assert.match(red.text, /^shop-api: The pipeline is red: Unit Tests failed on main at/);
    assert.deepStrictEqual([reminder.state, reminder.event, reminder.redForMs, reminder.level, reminder.runId], ['red', 'reminder', 900_000, 1, red.runId]);
    assert.deepStrictEqual([green.state, green.event, green.redForMs, green.redSince], ['green', 'green', 960_000, red.redSince]);
    assert.notStrictEqual(green.runId, red.runId, 'green names the green run');
    assert.match(green.text, /^shop-api: Back to green after 16m/);
    assert.deepStrictEqual(logs, []);
  });

  it('retries a 500 after 0.5 s and succeeds', async () => {
    const s = await server((_req, res, i) => res.writeHead(i === 0 ? 500 : 204).end());
    const result = await sendWebhook(`${s.base}/hook`, PAYLOAD, options);
    assert.deepStrictEqual([result.ok, result.attempts, result.status], [true, 2, 204]);
    assert.deepStrictEqual(sleeps, [500]);
    assert.strictEqual(s.received[1].body, s.received[0].body, 'the same body again');
  });

  it('a 500 is tried 3 times in all (the first try and 2 retries, after 0.5 s and 1 s), ok:false and one log line without the URL path', async () => {
    const s = await server((_req, res) => res.writeHead(500).end('<html>down</html>'));
    const result = await sendWebhook(`${s.base}/services/T000/SECRET`, PAYLOAD, options);
    assert.deepStrictEqual(result, { ok: false, attempts: 3, status: 500, error: 'HTTP 500' });
    assert.deepStrictEqual(sleeps, [500, 1000]);
    assert.strictEqual(s.received.length, 3);
    assert.strictEqual(logs.length, 1);
    assert.match(logs[0], /^Webhook alert \(red\) to http:\/\/127\.0\.0\.1:\d+\/… not delivered after 3 attempts: HTTP 500$/);
    assert.ok(!logs[0].includes('SECRET'));
  });

  it('retries 429, honouring Retry-After up to a cap', async () => {
    const s = await server((_req, res, i) => res.writeHead(i % 2 ? 200 : 429, { 'retry-after': i === 0 ? '3' : '3600' }).end());
    const result = await sendWebhook(s.base, PAYLOAD, options);
    assert.deepStrictEqual([result.ok, result.attempts, sleeps], [true, 2, [3000]]);
    await sendWebhook(s.base, PAYLOAD, options);
    assert.deepStrictEqual(sleeps, [3000, 30_000], 'an hour is capped at the default 30 s');
  });

  it('does not retry other 4xx', async () => {
    const s = await server((_req, res) => res.writeHead(404).end());
    const result = await sendWebhook(s.base, PAYLOAD, options);
    assert.deepStrictEqual(result, { ok: false, attempts: 1, status: 404, error: 'HTTP 404' });
    assert.deepStrictEqual(sleeps, []);
    assert.strictEqual(logs.length, 1);
  });

  it('abandons a server slower than the timeout, without hanging', async () => {
    // The server answers after 20 s: the bound below is far from both the two 300 ms timeouts and that answer,
    // so a loaded machine's slow connects cannot fail it and a wait for the answer cannot pass it.
    const s = await server((_req, res) => { timers.push(setTimeout(() => res.writeHead(200).end(), 20_000)); });
    const t0 = Date.now();
    const result = await sendWebhook(s.base, PAYLOAD, { ...options, timeoutMs: 300, maxAttempts: 2 });
    const took = Date.now() - t0;
    assert.deepStrictEqual(result, { ok: false, attempts: 2, status: undefined, error: 'timed out after 300 ms' });
    assert.ok(took >= 550 && took < 10_000, `took ${took} ms`);
    assert.deepStrictEqual(sleeps, [500]);
  });

  it('cuts off a response body that is still trickling at the deadline (the status was enough)', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200);
      res.write('garbage that never ends');
      timers.push(setTimeout(() => res.end(), 20_000)); // far past the bound below: a wait for the body's end cannot pass it
    });
    const t0 = Date.now();
    const result = await sendWebhook(s.base, PAYLOAD, { ...options, timeoutMs: 300 });
    assert.deepStrictEqual([result.ok, result.status], [true, 200]);
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  });

  it('ignores garbage response bodies: only the status matters', async () => {
    const s = await server((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0, 255, 1, 2, 3])));
    assert.strictEqual((await sendWebhook(s.base, PAYLOAD, options)).ok, true);
  });

  it('follows a redirect on the same host, re-POSTing the body', async () => {
    const s = await server((req, res) => {
      if (req.path === '/old') { res.writeHead(307, { location: '/new' }).end(); return; }
      if (req.path === '/new') { res.writeHead(301, { location: `${s.base}/newest` }).end(); return; }
      res.writeHead(200).end();
    });
    const result = await sendWebhook(`${s.base}/old`, PAYLOAD, options);
    assert.deepStrictEqual([result.ok, result.attempts, result.status], [true, 1, 200]);
    assert.deepStrictEqual(s.received.map((r) => `${r.method} ${r.path}`), ['POST /old', 'POST /new', 'POST /newest']);
    assert.deepStrictEqual(s.received.map((r) => r.body), Array(3).fill(JSON.stringify(PAYLOAD)));
  });

  it('does not follow a redirect to another host (localhost is not 127.0.0.1) and reports it', async () => {
    const other = await server((_req, res) => res.writeHead(200).end());
    const s = await server((_req, res) => res.writeHead(302, { location: `http://localhost:${other.port}/hook` }).end());
    const result = await sendWebhook(`${s.base}/hook`, PAYLOAD, options);
    assert.deepStrictEqual(result, { ok: false, attempts: 1, status: 302, error: `redirect to another host (localhost:${other.port}) not followed` });
    assert.strictEqual(other.received.length, 0);
    assert.match(logs[0], /redirect to another host/);
  });

  it('follows at most 3 redirects', async () => {
    const s = await server((_req, res, i) => res.writeHead(308, { location: `/hop${i + 1}` }).end());
    const result = await sendWebhook(s.base, PAYLOAD, options);
    assert.deepStrictEqual(result, { ok: false, attempts: 1, status: 308, error: 'more than 3 redirects' });
    assert.strictEqual(s.received.length, 4);
  });

  it('an unreachable port: ok:false after retries, never throws', async () => {
    const port = await freePort();
    const result = await sendWebhook(`http://127.0.0.1:${port}/hook`, PAYLOAD, options);
    assert.deepStrictEqual([result.ok, result.attempts, result.status], [false, 3, undefined]);
    assert.match(result.error ?? '', /ECONNREFUSED/);
    assert.strictEqual(logs.length, 1);
  });

  it('refuses ftp://, file: and non-URLs at call time without a request', async () => {
    for (const url of ['ftp://127.0.0.1/hook', 'file:///etc/passwd', 'not a url', '']) {
      const result = await sendWebhook(url, PAYLOAD, options);
      assert.strictEqual(result.ok, false);
      assert.strictEqual(result.attempts, 0);
      assert.match(result.error ?? '', /^refused: /);
    }
    assert.match((await sendWebhook('ftp://x/y', PAYLOAD, options)).error ?? '', /http:\/\/ or https:\/\/ URL, not ftp:/);
    assert.strictEqual(logs.length, 5);
  });

  it('a throwing log callback does not make sendWebhook throw', async () => {
    const result = await sendWebhook('ftp://x', PAYLOAD, { ...options, log: () => { throw new Error('sink gone'); } });
    assert.strictEqual(result.ok, false);
  });
});
