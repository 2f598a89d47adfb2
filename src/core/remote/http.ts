/**
 * One GET with node:http / node:https. Resolves with status, headers and body text, or with a
 * network error; never rejects. The timeout covers the whole exchange (a server that accepts and
 * then trickles is abandoned), the body is capped (a hostile server cannot fill memory), and
 * `agent: false` keeps no socket alive after the answer (the CLI must exit at once). `signal`
 * abandons it (its owner was disposed): the socket is destroyed at once, not at the timeout.
 */
import type * as http from 'node:http';

/** API answers we read are a few kB; a page of 20 runs stays far below this. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export type GetResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'error'; error: string };

export async function getOnce(url: URL, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<GetResult> {
  // Loaded on the first request: `gearshift status` without a token never makes one (node:https alone is ≈ 30 built-in modules).
  const client = url.protocol === 'https:' ? await import('node:https') : url.protocol === 'http:' ? await import('node:http') : undefined;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: GetResult): void => { if (!settled) { settled = true; clearTimeout(timer); signal?.removeEventListener('abort', onAbort); resolve(r); } };
    const onAbort = (): void => { req?.destroy(); settle({ kind: 'error', error: 'cancelled' }); };
    if (!client || signal?.aborted) { resolve({ kind: 'error', error: client ? 'cancelled' : `unsupported protocol ${url.protocol}` }); return; }
    let req: http.ClientRequest | undefined;
    const timer = setTimeout(() => { req?.destroy(); settle({ kind: 'error', error: `timed out after ${timeoutMs} ms` }); }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      req = client.request(url, { method: 'GET', agent: false, headers: { 'user-agent': 'gearshift', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) { res.destroy(); settle({ kind: 'error', error: `answer larger than ${MAX_BODY_BYTES} bytes` }); return; }
          chunks.push(c);
        });
        res.on('error', (e) => settle({ kind: 'error', error: e.message }));
        res.on('end', () => settle({ kind: 'response', status: res.statusCode ?? 0, headers: flat(res.headers), body: Buffer.concat(chunks).toString('utf8') }));
      });
    } catch (e) {
      settle({ kind: 'error', error: (e as Error).message });
      return;
    }
    req.on('error', (e: NodeJS.ErrnoException) => settle({ kind: 'error', error: e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message }));
    req.end();
  });
}

function flat(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) { if (v !== undefined) { out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v; } }
  return out;
}
