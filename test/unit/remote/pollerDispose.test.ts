import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteClient, RemotePoller } from '../../../src/core/remote';
import { FakeClock } from '../redgreen/fakeClock';
import { githubJob, githubRun } from '../../support/fakeCi';

const SHA = 'd'.repeat(40);

/**
 * Remote status turned off (or the window closing) disposes the folder's poller. A check that
 * was out went on: its request held its socket until the answer or the 10 s timeout, and then
 * the check asked the next question (the run's jobs) of a poller nobody listened to any more.
 */
describe('RemotePoller: dispose while a check is out', () => {
  let server: http.Server | undefined;
  afterEach(async () => { server?.closeAllConnections(); await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())); server = undefined; });

  it('drops the request out at once, and asks nothing after it', async () => {
    const paths: string[] = [];
    let held: { answer: () => void; closed: Promise<void> } | undefined;
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => { arrived = resolve; });
    server = http.createServer((req, res) => {
      paths.push(req.url ?? '');
      const body = /\/jobs$/.test(req.url ?? '') ? { total_count: 1, jobs: [githubJob(1, 7, 'Build', 'completed', 'failure')] }
        : { total_count: 1, workflow_runs: [githubRun(7, SHA, 'completed', 'failure')] };
      const answer = (): void => { if (!res.destroyed) { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); } };
      if (held) { answer(); return; }
      held = { answer, closed: new Promise((resolve) => req.socket.once('close', () => resolve())) };
      arrived();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clock = new FakeClock(Date.parse('2026-12-02T10:00:00Z'));
    const client = new RemoteClient({ provider: 'github', host: 'github.com', project: 'o/r', apiBase: base, endpoint: 'configured' }, { token: 't', now: () => clock.now() });
    const poller = new RemotePoller({ check: (sha, signal) => client.check(sha, signal), clock, onStatus: () => undefined, log: () => undefined });
    poller.setFocused(true);
    poller.setSha(SHA);
    clock.advance(0);
    await first;
    poller.dispose();
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([held!.closed.then(() => true), new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), 3000); })]);
    clearTimeout(timer);
    assert.strictEqual(closed, true, 'the request outlived the disposed poller (its socket stayed open)');
    held!.answer();
    await poller.settled();
    assert.deepStrictEqual(paths.map((p) => p.split('?')[0]), ['/repos/o/r/actions/runs'], 'a question was asked after dispose');
  });
});
