/** Tiny HTTP servers and a manual clock for the monitor tests. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src/core/deploy';
import { unusedPort } from '../../support/unusedPort';

export interface TestServer {
  url: string;
  port: number;
  requests: number;
  /** Open connections right now. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

/** A server on 127.0.0.1; `answer` gets the 1-based request number and returns a status or 'hang'. */
export async function serve(answer: (n: number) => number | 'hang', port = 0): Promise<TestServer> {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    const a = answer(++requests);
    if (a === 'hang') { return; }
    res.writeHead(a, { 'content-type': 'text/plain' });
    res.end(`${a}\n`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/health`,
    port: actual,
    get requests() { return requests; },
    connections: () => new Promise((resolve) => server.getConnections((_e, n) => resolve(n))),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on (bound once, then closed). */
export function freePort(): Promise<number> {
  return unusedPort();
}

/** Time moves only when the test says so; timers fire in order as it passes them. */
export class ManualClock implements Clock {
  private t = 1_000_000;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number { return this.t; }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void { this.timers.delete(handle as number); }

  get pending(): number { return this.timers.size; }

  /** Jumps to the next timer and fires it; false when none is set. */
  fireNext(): boolean {
    const next = [...this.timers].sort((a, b) => a[1].at - b[1].at)[0];
    if (!next) { return false; }
    this.timers.delete(next[0]);
    this.t = Math.max(this.t, next[1].at);
    next[1].fn();
    return true;
  }
}
