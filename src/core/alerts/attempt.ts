/**
 * One delivery attempt: POST, following at most `maxRedirects` redirects to the same host, and
 * the verdict on the final answer — delivered, worth retrying, or a permanent failure.
 */
import { postOnce } from './request';
import { redirectRefusal } from './url';

export interface AttemptResult {
  ok: boolean;
  status?: number;
  error?: string;
  /** Network errors, timeouts, 5xx and 429 may pass; other 4xx, refused redirects will not. */
  retryable: boolean;
  /** From a Retry-After header on 429/503, in ms. */
  retryAfterMs?: number;
}

export interface AttemptOptions {
  timeoutMs: number;
  maxRedirects: number;
  signal?: AbortSignal;
}

/** 303 is missing: it says the POST was handled and the answer is elsewhere, i.e. delivered. */
const REPOST = new Set([301, 302, 307, 308]);

export async function attempt(url: URL, body: Buffer, options: AttemptOptions): Promise<AttemptResult> {
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const answer = await postOnce(current, body, options.timeoutMs, options.signal);
    if (answer.kind === 'error') {
      return { ok: false, error: answer.error, retryable: !answer.aborted };
    }
    const { status } = answer;
    if (REPOST.has(status)) {
      // A webhook without its body is useless, so every followed redirect re-POSTs it.
      const next = redirects >= options.maxRedirects ? `more than ${options.maxRedirects} redirects` : nextHop(answer.location, url, current);
      if (typeof next === 'string') {
        return { ok: false, status, error: next, retryable: false };
      }
      current = next;
      continue;
    }
    if ((status >= 200 && status < 300) || status === 303) {
      return { ok: true, status, retryable: false };
    }
    const retryable = status === 429 || status >= 500;
    return { ok: false, status, error: `HTTP ${status}`, retryable, retryAfterMs: retryable ? retryAfterMs(answer.retryAfter) : undefined };
  }
}

/** Where a redirect leads, or why it is not followed. */
function nextHop(location: string | undefined, original: URL, current: URL): URL | string {
  if (!location) { return 'redirect without a Location header'; }
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    return 'redirect to an invalid URL';
  }
  return redirectRefusal(original, next) ?? next;
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) { return undefined; }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) { return Math.max(0, seconds * 1000); }
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
