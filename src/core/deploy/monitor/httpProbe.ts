/**
 * `http: URL`: `requests` GETs per interval, spread evenly across it (the first at its start),
 * so a release that fails only now and then is still seen. An error is a status ≥ 500, no full
 * answer within `timeoutMs`, a connection failure, or an answer slower than `maxLatencyMs`.
 * A probe that sends `headers:` and gets 401/403 measured nothing (an expired token says nothing
 * about the release): like a service that does not answer, it is an error but not "answered", so
 * monitoring ends inconclusive rather than passing a release it could not see.
 * No keep-alive (`agent: false`): every request tests a fresh connection, and nothing stays
 * open after the monitor ends.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { HEADER_VALUE_BAD_CHAR, type MonitorProbe } from '../../config';
import { formatLimit } from '../../format';
import { delay, type IntervalContext, type Probe, type ProbeSample } from './types';

type HttpConfig = Extract<MonitorProbe, { kind: 'http' }>;

interface Answer {
  status?: number;
  latencyMs: number;
  /** Why it counts as an error; undefined = fine. */
  error?: string;
  /** An HTTP response arrived (even a 500): the service is up. */
  answered: boolean;
  /** Stopped by the monitor, not by the service: counts for nothing. */
  aborted?: boolean;
}

export class HttpProbe implements Probe {
  readonly kind = 'http';
  readonly name: string;
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private readonly authenticates: boolean;

  constructor(private readonly config: HttpConfig) {
    this.name = config.name;
    this.url = new URL(config.url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') {
      throw new Error(`monitor probe ${config.name}: only http:// and https:// URLs can be probed, got ${config.url}`);
    }
    this.headers = { 'user-agent': 'gearshift-monitor', ...config.headers };
    this.authenticates = Object.keys(config.headers ?? {}).length > 0;
    for (const [name, value] of Object.entries(config.headers ?? {})) {
      // Validated as written; a secret's value can still hold a line break. Never quoted: it may be the secret.
      if (HEADER_VALUE_BAD_CHAR.test(value)) {
        throw new Error(`monitor probe ${config.name}: header ${name} holds a line break or control character once its secrets are filled in, which an HTTP header cannot carry; check the secret's value`);
      }
    }
  }

  async prime(): Promise<void> { /* stateless */ }

  async sample(ctx: IntervalContext): Promise<ProbeSample> {
    const planned = Math.max(1, this.config.requests);
    const spacing = ctx.intervalMs / planned;
    const answers: Answer[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < planned && !ctx.signal.aborted; i++) {
      await delay(ctx.clock, ctx.startedAt + i * spacing - ctx.clock.now(), ctx.signal);
      if (ctx.signal.aborted) { break; }
      pending.push(this.get(ctx.signal).then((a) => {
        if (a.aborted) { return; }
        answers.push(a);
        if (a.error !== undefined) { ctx.progress(this.summarise(answers, planned, true)); }
      }));
    }
    await Promise.all(pending);
    return this.summarise(answers, planned, ctx.signal.aborted);
  }

  private summarise(answers: Answer[], planned: number, partial: boolean): ProbeSample {
    const errors = answers.filter((a) => a.error !== undefined);
    const answered = answers.filter((a) => a.answered);
    const total = partial ? planned : answers.length;
    const sample: ProbeSample = {
      probe: this.name,
      kind: 'http',
      rate: total > 0 ? errors.length / total : 0,
      errors: errors.length,
      total,
      down: answers.length > 0 && answered.length === 0,
      ...(partial ? { partial: true, seen: answers.length } : {}),
    };
    if (answered.length > 0) {
      sample.latencyMs = Math.round(answered.reduce((sum, a) => sum + a.latencyMs, 0) / answered.length);
    }
    if (errors.length > 0) { sample.detail = countReasons(errors.map((a) => a.error as string)); }
    return sample;
  }

  private get(signal: AbortSignal): Promise<Answer> {
    const { timeoutMs, maxLatencyMs } = this.config;
    const started = performance.now();
    const client = this.url.protocol === 'https:' ? https : http;
    return new Promise<Answer>((resolve) => {
      let settled = false;
      let status: number | undefined;
      const finish = (error: string | undefined, answered: boolean, aborted = false): void => {
        if (settled) { return; }
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        req.destroy();
        const latencyMs = performance.now() - started;
        if (error === undefined && maxLatencyMs !== undefined && latencyMs > maxLatencyMs) {
          error = `slower than ${formatLimit(maxLatencyMs)}`;
        }
        resolve({ ...(status !== undefined ? { status } : {}), latencyMs, error, answered, ...(aborted ? { aborted } : {}) });
      };
      const req = client.get(this.url, { agent: false, headers: this.headers }, (res) => {
        status = res.statusCode ?? 0;
        const refused = this.authenticates && (status === 401 || status === 403);
        const bad = refused ? `HTTP ${status}: the probe's headers were refused` : status >= 500 ? `HTTP ${status}` : undefined;
        // Read the body to its end: a server that stalls mid-body is caught by the timeout.
        res.on('data', () => undefined);
        res.once('end', () => finish(bad, !refused));
        res.once('error', () => finish(bad ?? 'connection lost mid-answer', !refused));
      });
      req.once('error', (err: NodeJS.ErrnoException) => finish(describeError(err), status !== undefined));
      const timer = setTimeout(() => finish(`no answer within ${formatLimit(timeoutMs)}`, status !== undefined), timeoutMs);
      const onAbort = (): void => finish(undefined, status !== undefined, true);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function describeError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ECONNRESET': return 'connection reset';
    case 'ENOTFOUND': return 'host not found';
    default: return err.code ? `${err.code.toLowerCase()}` : err.message;
  }
}

/** "HTTP 500 ×3, no answer within 2s". */
function countReasons(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) { counts.set(r, (counts.get(r) ?? 0) + 1); }
  return [...counts].map(([r, n]) => (n > 1 ? `${r} ×${n}` : r)).join(', ');
}
