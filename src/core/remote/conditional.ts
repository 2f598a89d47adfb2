/**
 * GET with conditional requests and the rate-limit rules, shared by the GitHub and GitLab
 * clients. An answer carrying an ETag is kept; the next request for the same URL sends
 * If-None-Match, and a 304 reuses the kept body (GitHub does not count a 304 against the limit).
 * While a server asked us to wait, no request goes out at all.
 */
import { getOnce } from './http';
import { rateLimitedUntil } from './rateLimit';

export type ApiAnswer =
  | { kind: 'ok'; body: unknown; cached: boolean }
  | { kind: 'backoff'; until: number; detail: string }
  | { kind: 'denied'; status: number; detail: string }
  | { kind: 'failed'; detail: string };

export interface SessionOptions {
  /** Auth and API headers sent with every request. */
  headers: Record<string, string>;
  timeoutMs: number;
  now: () => number;
}

/** Bodies kept for 304s: a handful of URLs per commit, old commits fall out first. */
const MAX_KEPT = 32;

export class ApiSession {
  private readonly kept = new Map<string, { etag: string; body: unknown }>();
  private waitUntil = 0;

  constructor(private readonly opts: SessionOptions) {}

  /** Epoch ms until which the server asked us to wait (0 when it did not). */
  get backoffUntil(): number { return this.waitUntil; }

  async get(url: string, signal?: AbortSignal): Promise<ApiAnswer> {
    const now = this.opts.now();
    if (now < this.waitUntil) { return { kind: 'backoff', until: this.waitUntil, detail: 'rate limited' }; }
    const kept = this.kept.get(url);
    const headers = { ...this.opts.headers, ...(kept ? { 'if-none-match': kept.etag } : {}) };
    const res = await getOnce(new URL(url), headers, this.opts.timeoutMs, signal);
    if (res.kind === 'error') { return { kind: 'failed', detail: res.error }; }
    if (res.status === 304 && kept) { return { kind: 'ok', body: kept.body, cached: true }; }
    const until = rateLimitedUntil(res.status, res.headers, this.opts.now());
    if (until !== undefined) {
      this.waitUntil = until;
      return { kind: 'backoff', until, detail: `rate limited (HTTP ${res.status}) until ${new Date(until).toISOString()}` };
    }
    if (res.status === 401 || res.status === 403 || res.status === 404) {
      return { kind: 'denied', status: res.status, detail: serverMessage(res.body) ?? `HTTP ${res.status}` };
    }
    if (res.status !== 200) { return { kind: 'failed', detail: `HTTP ${res.status}` }; }
    let body: unknown;
    try { body = JSON.parse(res.body); } catch { return { kind: 'failed', detail: 'the answer is not JSON' }; }
    const etag = res.headers.etag;
    if (etag) { this.keep(url, etag, body); }
    return { kind: 'ok', body, cached: false };
  }

  private keep(url: string, etag: string, body: unknown): void {
    this.kept.delete(url);
    this.kept.set(url, { etag, body });
    if (this.kept.size > MAX_KEPT) { this.kept.delete(this.kept.keys().next().value as string); }
  }
}

/** GitHub `{message}` / GitLab `{message}` or `{error}`, cut short: it goes into a tooltip. */
function serverMessage(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as { message?: unknown; error?: unknown };
    const m = typeof j.message === 'string' ? j.message : typeof j.error === 'string' ? j.error : undefined;
    return m ? m.slice(0, 200) : undefined;
  } catch { return undefined; }
}
