/**
 * Version 4 UUIDs (run ids, lock tokens, record ids) without loading `node:crypto`: on the CLI's
 * run path that module (and the streams it drags in) cost more than the rest of the id work
 * (docs/benchmarks-journal.md, 14r2). The 16 bytes come from the
 * kernel's CSPRNG, as crypto.randomUUID's do, so an id is as unguessable as before (122 random
 * bits). Where /dev/urandom cannot be read, crypto is loaded after all.
 */
import type * as cryptoModule from 'crypto';
import { closeSync, fstatSync, openSync, readSync } from 'fs';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The same format as crypto.randomUUID(): 8-4-4-4-12 lowercase hex, version 4, RFC 4122 variant. */
export function randomUuid(): string {
  const b = kernelRandomBytes(16) ?? fallbackBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = (i: number): string => HEX[b[i]];
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Whether `text` is an id as randomUuid makes them (lowercase, version 4): one read from a file is data until it is. */
export function isRandomUuid(text: unknown): text is string {
  return typeof text === 'string' && UUID.test(text);
}

/** Test seam: where the kernel's random bytes are read from. */
export const randomSource = { path: '/dev/urandom' };

/** n bytes from the kernel, or undefined when the device is missing or gives fewer (chroot, Windows). */
function kernelRandomBytes(n: number): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(randomSource.path, 'r');
    const b = new Uint8Array(n);
    // A character device only (a plain file planted there would give known bytes); it never reads short for ≤ 256 bytes.
    return fstatSync(fd).isCharacterDevice() && readSync(fd, b, 0, n, null) === n ? b : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) { try { closeSync(fd); } catch { /* nothing to keep */ } }
  }
}

function fallbackBytes(n: number): Uint8Array {
  const crypto = require('crypto') as typeof cryptoModule; // eslint-disable-line @typescript-eslint/no-require-imports -- only where the kernel device is unusable
  return crypto.randomBytes(n);
}
