/**
 * Counting the lines a log probe's `match:` hits, off the main thread with a deadline.
 *
 * Why a worker: JavaScript regular expressions backtrack, and a pattern validation did not flag
 * can still take minutes on one crafted line. On the main thread that freezes `gearshift monitor`
 * (signals included) or, in the editor, the whole extension host with every other extension.
 * A worker can be terminated mid-match (V8 interrupts the regexp), so a window always ends.
 * The worker's code is inline (`eval`), so it needs no file of its own in the webpack bundle.
 */
import { Worker } from 'node:worker_threads';

/** A match over one interval's lines that takes longer than this is abandoned. */
export const MATCH_DEADLINE_MS = 2_000;

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const re = new RegExp(workerData.pattern);
let n = 0;
for (const line of workerData.lines) { if (re.test(line)) { n++; } }
parentPort.postMessage(n);
`;

export type MatchCount = { ok: true; matching: number } | { ok: false; why: string };

/** How many of `lines` `pattern` matches, or why that is unknown (deadline passed, worker failed). Never rejects. */
export function countMatches(pattern: string, lines: readonly string[], deadlineMs = MATCH_DEADLINE_MS): Promise<MatchCount> {
  if (lines.length === 0) { return Promise.resolve({ ok: true, matching: 0 }); }
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { pattern, lines } });
    let settled = false;
    const settle = (result: MatchCount): void => {
      if (settled) { return; }
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ ok: false, why: `matching took longer than ${deadlineMs / 1000}s and was stopped; simplify \`match\`` }), deadlineMs);
    worker.once('message', (n: number) => settle({ ok: true, matching: n }));
    worker.once('error', (e: Error) => settle({ ok: false, why: `matching failed: ${e.message}` }));
    worker.once('exit', () => settle({ ok: false, why: 'matching stopped unexpectedly' }));
  });
}
