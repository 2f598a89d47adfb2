/** A real HTTP server on 127.0.0.1 for webhook tests, recording what it receives. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<HookServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      handler(r, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on: bind one, then close it. */
export async function freePort(): Promise<number> {
  const s = await startServer(() => undefined);
  await s.close();
  return s.port;
}
