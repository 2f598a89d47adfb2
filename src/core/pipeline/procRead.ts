/**
 * Reading /proc files through one reused buffer. Every stage end scans each process's
 * environment (process.ts), so the scan reads into this buffer and searches bytes: no string
 * per process (docs/benchmarks-journal.md, "Cost per stage", 14p). `stat` files are read through it too
 * (readFileSync's path for a file of unknown size, which procfs says 0, cost ≈ 1–2 ms on its
 * first calls, the ones `gearshift run` makes: docs/benchmarks-journal.md, 14r4).
 */
import * as fs from 'node:fs';

let procBuffer: Buffer = Buffer.allocUnsafe(64 * 1024);

/** A /proc file's bytes (a view into the shared buffer, valid until the next call), or undefined if it cannot be read. */
export function readProcFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    let length = 0;
    for (;;) {
      if (length === procBuffer.length) { procBuffer = grow(procBuffer); }
      const n = fs.readSync(fd, procBuffer, length, procBuffer.length - length, null);
      if (n === 0) { return procBuffer.subarray(0, length); }
      length += n;
    }
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function grow(buffer: Buffer): Buffer {
  const bigger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}
