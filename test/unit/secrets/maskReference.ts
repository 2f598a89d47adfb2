/**
 * The naive reference the masker's randomized tests compare with: every occurrence of every
 * form found by indexOf, overlapping or touching ones merged, each run one MASK. Plus a seeded
 * generator, so a failure reproduces, and a helper that streams bytes through a StreamMasker.
 */
import { MASK, type MaskRules, StreamMasker } from '../../../src/core/secrets';

/** Runs of touching masks are one mask once the stream is whole (chunks may cut a run in two). */
export const joined = (text: string): string => text.replace(/(\*\*\*)+/g, MASK);

export class Lcg {
  constructor(private x: number) {}
  next(n: number): number {
    this.x = (this.x * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((this.x / 2 ** 31) * n);
  }
  word(alphabet: readonly string[], min: number, max: number): string {
    let w = '';
    for (let n = min + this.next(max - min + 1); n > 0; n--) { w += alphabet[this.next(alphabet.length)]; }
    return w;
  }
}

export function naiveMask(text: string, forms: string[]): string {
  const covered: Array<[number, number]> = [];
  for (const f of forms) {
    for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1)) { covered.push([at, at + f.length]); }
  }
  covered.sort((x, y) => x[0] - y[0]);
  let out = '';
  let from = 0;
  for (let k = 0; k < covered.length;) {
    const start = covered[k][0];
    let end = covered[k][1];
    for (k++; k < covered.length && covered[k][0] <= end; k++) { end = Math.max(end, covered[k][1]); }
    out += text.slice(from, start) + MASK;
    from = end;
  }
  return out + text.slice(from);
}

/** Writes bytes through a fresh StreamMasker in chunks of the given sizes (cycled) and returns what it emitted. No flush timer in the way. */
export function streamedInChunks(rules: MaskRules, bytes: Buffer, sizes: (i: number) => number): string {
  let out = '';
  const masker = new StreamMasker(rules, (t) => { out += t; }, 1e9);
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = Math.max(1, sizes(k));
    masker.write(bytes.subarray(i, i + n));
    i += n;
  }
  masker.end();
  return out;
}
