/**
 * When may we ask again? GitHub and GitLab both say so in headers: `retry-after` (seconds or an
 * HTTP date; secondary limits and 429s), or remaining 0 with a reset time in epoch seconds
 * (GitHub `x-ratelimit-*`, GitLab `ratelimit-*`). A 403 without any of these is not a rate
 * limit: it is a token without the scope or access (see `classify` in conditional.ts).
 */

/** A 429 that names no time still means "slow down": wait this long. */
export const DEFAULT_BACKOFF_MS = 60_000;
/** A reset hours away (a clock skew, a hostile header) is capped: we ask again after an hour. */
export const MAX_BACKOFF_MS = 60 * 60_000;

/** Epoch ms before which no request may go out, or undefined when this answer is no rate limit. */
export function rateLimitedUntil(status: number, headers: Record<string, string>, now: number): number | undefined {
  if (status !== 403 && status !== 429) { return undefined; }
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  const remaining = headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining'];
  const reset = Number(headers['x-ratelimit-reset'] ?? headers['ratelimit-reset']);
  let until: number | undefined;
  if (retryAfter !== undefined) {
    until = retryAfter;
  } else if (remaining !== undefined && Number(remaining) === 0 && Number.isFinite(reset) && reset > 0) {
    until = reset * 1000;
  } else if (status === 429 || (remaining !== undefined && Number(remaining) === 0)) {
    until = now + DEFAULT_BACKOFF_MS;
  }
  return until === undefined ? undefined : Math.min(Math.max(until, now + 1000), now + MAX_BACKOFF_MS);
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') { return undefined; }
  if (/^\d+$/.test(value.trim())) { return now + Number(value.trim()) * 1000; }
  const date = Date.parse(value);
  return Number.isFinite(date) ? date : undefined;
}
