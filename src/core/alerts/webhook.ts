/**
 * Send one alert to a webhook: retries with exponential backoff on network errors, timeouts,
 * 5xx and 429 (honouring Retry-After up to a cap), never on other 4xx. Never throws: the caller
 * gets `{ ok, attempts, status?, error? }` and `log` gets one line when an alert is not delivered.
 */
import { attempt } from './attempt';
import type { AlertPayload } from './payload';
import { parseWebhookUrl, redactUrl } from './url';

/** "Tried 3 times": the first try and 2 retries, as docs/alerts.md says. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface WebhookResult {
  ok: boolean;
  /** HTTP exchanges tried (redirects within one attempt count once); 0 when refused up front. */
  attempts: number;
  /** The last HTTP status seen. */
  status?: number;
  error?: string;
}

export interface WebhookOptions {
  /** Per request (the whole exchange). Default 5000. */
  timeoutMs?: number;
  /** Tries in all, the first included. Default 3 (docs/alerts.md): the first plus retries after 0.5 s and 1 s. */
  maxAttempts?: number;
  /** Wait before the first retry; doubles each time. Default 500. */
  backoffMs?: number;
  /** Default 3. */
  maxRedirects?: number;
  /** Cap on a server's Retry-After. Default 30 s: a queue of alerts must keep moving. */
  maxRetryAfterMs?: number;
  /** How to wait between attempts; tests pass one that records the delays and returns at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** One line per undelivered alert (no URL path: it may hold a secret). */
  log?: (line: string) => void;
}

export async function sendWebhook(rawUrl: string, payload: AlertPayload, options: WebhookOptions = {}): Promise<WebhookResult> {
  const log = options.log ?? (() => undefined);
  try {
    const result = await deliver(rawUrl, payload, options);
    // Cancelled (the alerter was disposed) is a shutdown, not a failure worth a log line.
    if (!result.ok && !options.signal?.aborted) { safeLog(log, `Webhook alert (${payload.event}) to ${redactUrl(rawUrl)} not delivered after ${plural(result.attempts, 'attempt')}: ${result.error}`); }
    return result;
  } catch (err) {
    // Defensive: nothing above should throw, but an alert must never take its caller down.
    safeLog(log, `Webhook alert (${payload.event}) failed: ${String(err)}`);
    return { ok: false, attempts: 0, error: String(err) };
  }
}

async function deliver(rawUrl: string, payload: AlertPayload, options: WebhookOptions): Promise<WebhookResult> {
  const url = parseWebhookUrl(rawUrl);
  if (typeof url === 'string') { return { ok: false, attempts: 0, error: `refused: ${url}` }; }
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  let last: WebhookResult = { ok: false, attempts: 0 };
  for (let n = 1; n <= maxAttempts; n++) {
    const r = await attempt(url, body, { timeoutMs: options.timeoutMs ?? 5000, maxRedirects: options.maxRedirects ?? 3, signal: options.signal });
    last = { ok: r.ok, attempts: n, status: r.status, error: r.error };
    if (r.ok || !r.retryable || n === maxAttempts) { return last; }
    const backoff = backoffMs * 2 ** (n - 1);
    await sleep(Math.max(backoff, Math.min(r.retryAfterMs ?? 0, options.maxRetryAfterMs ?? 30_000)), options.signal);
    if (options.signal?.aborted) { return { ...last, error: 'cancelled' }; }
  }
  return last;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function safeLog(log: (line: string) => void, line: string): void {
  try { log(line); } catch { /* a broken log sink must not turn into a thrown alert */ }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
