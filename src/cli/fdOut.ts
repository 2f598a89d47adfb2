/**
 * stdout/stderr written straight to the file descriptor when it is a regular file or /dev/null:
 * creating `process.stdout` loads Node's stream modules (≈ 5 ms of a 40 ms `node -e 0`), and Node
 * writes to files synchronously anyway. A terminal or a pipe keeps the stream (colour; a pipe's
 * reader may stall, and the stream's backpressure is what `run` waits on); so does anything
 * fstat cannot say.
 */
import * as fs from 'node:fs';
import type { OutStream } from './io';

/** undefined: use the process's stream. */
export function fdOut(fd: number): OutStream | undefined {
  if (!directlyWritable(fd)) { return undefined; }
  return {
    write(text) {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) { at += fs.writeSync(fd, bytes, at, bytes.length - at); }
      return true;
    },
    onceDrain: (listener) => listener(),
    isTTY: false,
  };
}

function directlyWritable(fd: number): boolean {
  try {
    const st = fs.fstatSync(fd);
    if (st.isFile()) { return true; }
    return st.isCharacterDevice() && st.rdev === fs.statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
