/**
 * Red/green: how fast the world hears that the pipeline went red, and what a reload pays to
 * know how long it has been red. Each figure is a ratio to a same-process baseline:
 * (a) run end → webhook POST received by a local 127.0.0.1 server, through the engine and
 *     PipelineAlerts, against sendWebhook posting the same payload straight away;
 * (b) the red period rebuilt from 10,000 history records (redPeriodFromHistory), against only
 *     JSON.parse of the same lines — the least any reader of the history must do.
 * Run alone: `node out/bench/index.js alerts`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { alertPayload } from '../src/core/alerts/payload';
import { sendWebhook } from '../src/core/alerts/webhook';
import { PipelineAlerts } from '../src/core/automation/pipelineAlerts';
import { PipelineEngine } from '../src/core/engine/engine';
import type { RunRecord } from '../src/core/pipeline/types';
import { redPeriodFromHistory } from '../src/core/redgreen/fromHistory';
import type { EscalationEvent } from '../src/core/redgreen/escalation';
import { Figure, median, percentile } from './report';
import { deployRunHooks } from '../src/core/deploy/runHooks';

const ROUNDS = 20;
const HISTORY_RUNS = 10_000;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

/** A local hook that resolves the next waiter with the time each POST fully arrived. */
function hookServer(): Promise<{ url: string; next: () => Promise<number>; close: () => Promise<void> }> {
  const waiters: ((t: number) => void)[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { const t = performance.now(); res.end('ok'); waiters.shift()?.(t); });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    next: () => new Promise<number>((r) => waiters.push(r)),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  })));
}

function pipelineText(url: string, fail: boolean): string {
  return `version: 1\nalerts:\n  webhook: ${url}\nstages:\n  - name: Unit Tests\n    run: ${fail ? 'exit 1' : 'echo ok'}\n`;
}

async function webhookLatency(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-alerts-'));
  const hook = await hookServer();
  const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: dir, historyFile: path.join(dir, 'history.jsonl'), killGraceMs: 200 });
  const alerts = new PipelineAlerts(engine, { reminderMs: 0 });
  try {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, '-c', 'user.name=Bench', '-c', 'user.email=b@example.com', 'commit', '-q', '--allow-empty', '-m', 'bench');
    await alerts.start();
    const viaEngine: number[] = [];
    const direct: number[] = [];
    let lastEvent: EscalationEvent | undefined;
    alerts.onEscalation((e) => { lastEvent = e; });
    for (let i = -2; i < ROUNDS * 2; i++) {
      const fail = i % 2 === 0; // red, then green (back to green), alternately: both send
      fs.writeFileSync(path.join(dir, '.gearshift.yml'), pipelineText(hook.url, fail));
      let endedAt = 0;
      const off = engine.onEvent((e) => { if (e.type === 'runEnded') { endedAt = performance.now(); } });
      const arrived = hook.next();
      const started = await engine.start({ trigger: 'bench' });
      if (started.kind !== 'started') { throw new Error(`run did not start: ${JSON.stringify(started.kind === 'invalid' ? started.result.errors : started)}`); }
      await started.done;
      const t = await arrived;
      off();
      if (i >= 0) { viaEngine.push(t - endedAt); }
      // Baseline: the same body, posted directly.
      const payload = lastEvent && alertPayload(lastEvent);
      if (!payload) { throw new Error('no escalation event'); }
      const arrivedDirect = hook.next();
      const t0 = performance.now();
      void sendWebhook(hook.url, payload);
      const t1 = await arrivedDirect;
      if (i >= 0) { direct.push(t1 - t0); }
    }
    const ratio = median(viaEngine) / median(direct);
    return [
      { name: 'run end → webhook received, p50', value: `${median(viaEngine).toFixed(1)} ms`, note: `p95 ${percentile(viaEngine, 95).toFixed(1)} ms, ${viaEngine.length} red/green alternations` },
      { name: 'direct sendWebhook (baseline), p50', value: `${median(direct).toFixed(1)} ms`, note: 'same payload, same server' },
      { name: 'alert path ÷ direct POST', value: `${ratio.toFixed(2)}×`, note: 'includes history write + config read before sending' },
    ];
  } finally {
    alerts.dispose();
    await engine.dispose();
    await hook.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function redFromHistory(): Figure[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const lines: string[] = [];
  for (let i = 0; i < HISTORY_RUNS; i++) {
    // Mostly green with a red period every 50 runs, and the newest 30 runs red.
    const red = i % 50 < 3 || i >= HISTORY_RUNS - 30;
    const at = new Date(start + i * 600_000).toISOString();
    const run: RunRecord = {
      id: `run-${i}`, sha: i.toString(16).padStart(40, '0'), branch: 'main', trigger: 'commit', startedAt: at, endedAt: at,
      state: red ? 'red' : 'green', stages: [{ name: 'Unit Tests', state: red ? 'failed' : 'passed', exitCode: red ? 1 : 0, durationMs: 1000 }],
    };
    lines.push(JSON.stringify({ v: 1, kind: 'end', at, run }));
  }
  const parseOnly: number[] = [];
  const fold: number[] = [];
  let redSince = 0;
  for (let r = -2; r < 15; r++) {
    const t0 = performance.now();
    const runs = lines.map((l) => (JSON.parse(l) as { run: RunRecord }).run);
    const t1 = performance.now();
    runs.reverse();
    const period = redPeriodFromHistory(runs, '', Date.now());
    const t2 = performance.now();
    redSince = period?.redSince ?? 0;
    if (r >= 0) { parseOnly.push(t1 - t0); fold.push(t2 - t0); }
  }
  if (redSince !== start + (HISTORY_RUNS - 30) * 600_000) { throw new Error('red period fold gave the wrong start'); }
  return [
    { name: `red period from ${HISTORY_RUNS.toLocaleString('en')} runs`, value: `${median(fold).toFixed(1)} ms`, note: `JSON.parse alone ${median(parseOnly).toFixed(1)} ms` },
    { name: 'red period fold ÷ JSON.parse', value: `${(median(fold) / median(parseOnly)).toFixed(2)}×` },
  ];
}

export async function alertFigures(): Promise<Figure[]> {
  return [...await webhookLatency(), ...redFromHistory()];
}
