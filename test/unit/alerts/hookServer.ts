/** A real HTTP server on 127.0.0.1 for webhook tests, recording what it receives. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { unusedPort } from '../../support/unusedPort';

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Received, res: http.ServerResponse, index: number) => void;

export interface HookServer {
  port: number;
  /** Base URL, e.g. http://127.0.0.1:1234 */
  base: string;
  received: Received[];
  /** Resolves once `count` requests have arrived (checked on each arrival); rejects after `ms`. */
  receivedAtLeast(count: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<HookServer> {
  const received: Received[] = [];
  const arrivals = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      for (const a of [...arrivals]) { a(); }
      handler(r, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    received,
    receivedAtLeast: (count, ms = 10_000) => new Promise((resolve, reject) => {
      const check = (): void => { if (received.length >= count) { arrivals.delete(check); clearTimeout(timer); resolve(received); } };
      const timer = setTimeout(() => { arrivals.delete(check); reject(new Error(`${received.length} of ${count} webhook requests within ${ms} ms`)); }, ms);
      arrivals.add(check);
      check();
    }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on (test/support/unusedPort.ts says why not one `listen(0)` handed out). */
export function freePort(): Promise<number> {
  return unusedPort();
}
