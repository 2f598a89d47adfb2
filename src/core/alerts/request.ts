/**
 * One HTTP POST exchange with node:http / node:https: resolves with the status (and the headers a
 * redirect or a 429 needs) or with a network error. Never rejects.
 *
 * The timeout covers the whole exchange, not just idle time: a server that accepts the
 * connection and then answers after 10 s is abandoned at `timeoutMs`. Only the status matters,
 * so the body is drained and ignored, and a body still trickling in at the deadline is cut off.
 * `agent: false` means no pooled keep-alive socket outlives the request (it would keep the CLI alive).
 */
import * as http from 'node:http';
import * as https from 'node:https';

export type Exchange =
  | { kind: 'response'; status: number; location?: string; retryAfter?: string }
  | { kind: 'error'; error: string; aborted: boolean };

export function postOnce(url: URL, body: Buffer, timeoutMs: number, signal?: AbortSignal): Promise<Exchange> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Exchange): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    if (signal?.aborted) {
      settle({ kind: 'error', error: 'cancelled', aborted: true });
      return;
    }
    let timedOut = false;
    const client = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = client.request(url, {
        method: 'POST',
        agent: false,
        signal,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': body.length,
          'user-agent': 'gearshift',
        },
      }, (res) => {
        res.on('error', () => { /* cut off mid-body at the deadline: the status is already known */ });
        res.resume();
        settle({ kind: 'response', status: res.statusCode ?? 0, location: res.headers.location, retryAfter: header(res.headers['retry-after']) });
      });
    } catch (err) {
      settle({ kind: 'error', error: describe(err), aborted: false });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy();
    }, timeoutMs);
    req.on('close', () => {
      clearTimeout(timer);
      settle({ kind: 'error', error: timedOut ? `timed out after ${timeoutMs} ms` : 'connection closed', aborted: false });
    });
    req.on('error', (err) => {
      if (timedOut) { return; } // reported by 'close' with the clearer message
      settle({ kind: 'error', error: signal?.aborted ? 'cancelled' : describe(err), aborted: signal?.aborted === true });
    });
    req.end(body);
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "ECONNREFUSED 127.0.0.1:9" style: the code says what went wrong without a stack. */
function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const message = (e && typeof e.message === 'string') ? e.message : String(err);
  return e?.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
