/**
 * Secrets: what masking costs without the runner, part by part. The bench's 1 MiB of log lines
 * fed 3200 times as 64 KiB chunks (200 MiB, the size of a pipe read) straight to the decoder:
 * bare, then copied into the scan's WebAssembly memory first, then also scanned, then through
 * the whole StreamMasker. Each step's CPU over the bare decode is the floor the runner's figure
 * (bench/secrets.ts) stands on: no pipe, no `cat` on the other core, no event loop.
 */
import { StringDecoder } from 'node:string_decoder';
import { MaskRules, ResolvedSecrets, StreamMasker } from '../src/core/secrets';
import { median } from './report';

const CHUNK = 64 * 1024;
const CHUNKS = 3200;

/** `each` hands over the 200 MiB chunk by chunk; what is decoded goes to `consume`. */
type Variant = (rules: MaskRules, each: (take: (chunk: Buffer) => void) => void, consume: (text: string) => void) => void;

const variants: Record<string, Variant> = {
  bare: (_rules, each, consume) => { const d = new StringDecoder('utf8'); each((c) => consume(d.write(c))); },
  copy: (rules, each, consume) => {
    const d = new StringDecoder('utf8');
    each((c) => { const w = rules.workspace(c.length); w.set(c); consume(d.write(w)); });
  },
  scan: (rules, each, consume) => {
    const d = new StringDecoder('utf8');
    each((c) => { const w = rules.workspace(c.length); w.set(c); rules.matcher?.candidateEnds(w); consume(d.write(w)); });
  },
  masker: (rules, each, consume) => { const m = new StreamMasker(rules, consume); each((c) => m.write(c)); m.end(); },
};

/** Median CPU ms per variant over interleaved rounds (order flipped each round). */
export function maskerFloor(block: Buffer, values: string[], rounds: number): Record<string, number> {
  const rules = new ResolvedSecrets(new Map(values.map((v, i) => [`S${i}`, v]))).rules;
  // A pool of buffers refilled for each chunk, as a pipe's reads arrive in fresh memory.
  const pool = Array.from({ length: 16 }, () => Buffer.allocUnsafeSlow(CHUNK));
  const each = (take: (chunk: Buffer) => void): void => {
    for (let k = 0, at = 0; k < CHUNKS; k++, at = (at + CHUNK) % block.length) {
      block.copy(pool[k % pool.length], 0, at, at + CHUNK);
      take(pool[k % pool.length]);
    }
  };
  let masks = 0;
  let current = '';
  // The bench's listener does the same with each chunk it gets; only the masker's count proves it masked.
  const consume = (text: string): void => {
    for (let at = text.indexOf('***'); at >= 0; at = text.indexOf('***', at + 3)) { if (current === 'masker') { masks++; } }
  };
  const names = Object.keys(variants);
  const times = new Map(names.map((n) => [n, [] as number[]]));
  for (let r = 0; r <= rounds; r++) {
    for (const n of r % 2 === 0 ? names : [...names].reverse()) {
      current = n;
      const cpu0 = process.cpuUsage();
      variants[n](rules, each, consume);
      const cpu = process.cpuUsage(cpu0);
      if (r > 0) { times.get(n)?.push((cpu.user + cpu.system) / 1000); } // round 0 warms up
    }
  }
  if (masks === 0) { throw new Error('the masker-alone bench: the masker masked nothing'); }
  return Object.fromEntries(names.map((n) => [n, median(times.get(n) ?? [])]));
}
