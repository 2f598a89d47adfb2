import * as assert from 'assert';
import * as zlib from 'zlib';
import { inflateZlib } from '../../../src/core/git/tracker/inflate';

/** Deterministic bytes (a linear congruential generator), so a failure can be replayed. */
function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state; };
}

/** Inputs of the shapes deflate treats differently: text, noise, long runs, far repeats, nothing. */
function samples(): Buffer[] {
  const next = pseudoRandom(14);
  const words = ['tree', 'parent', 'author', 'committer', 'Zoë', '<a@x>', '1700000000', '+0530', '\n', ' ', 'fix:', 'gearshift'];
  const text = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => words[next() % words.length]).join(''));
  const noise = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => next() & 0xff));
  return [
    Buffer.alloc(0), Buffer.from('a'), Buffer.from('commit 0\0'), text(40), text(300), text(5000), noise(1), noise(100), noise(70_000),
    Buffer.alloc(100_000, 0x61), Buffer.concat([noise(40_000), noise(10).fill(7), text(2000)]),
    Buffer.concat([text(100), noise(33_000), text(100)]), // a match just inside and beyond the 32 KiB window
    ...Array.from({ length: 40 }, (_, i) => Buffer.concat([text(next() % 400), noise(next() % (i * 50 + 1)), text(next() % 2000)])),
  ];
}

const OPTIONS: zlib.ZlibOptions[] = [
  ...[0, 1, 2, 6, 9].map((level) => ({ level })),
  { strategy: zlib.constants.Z_FIXED }, { strategy: zlib.constants.Z_HUFFMAN_ONLY }, { strategy: zlib.constants.Z_RLE }, { strategy: zlib.constants.Z_FILTERED },
  { windowBits: 8 }, { windowBits: 9, memLevel: 1 }, { memLevel: 9, level: 9 },
];

describe('git/inflate: zlib streams in plain TypeScript (git loose objects)', () => {
  it('gives exactly what zlib gives, for every level, strategy and window', () => {
    for (const input of samples()) {
      for (const opts of OPTIONS) {
        const packed = zlib.deflateSync(input, opts);
        const ours = inflateZlib(packed, 1 << 20);
        assert.ok(ours, `refused ${input.length} bytes deflated with ${JSON.stringify(opts)}`);
        assert.ok(ours.equals(input), `differs: ${input.length} bytes, ${JSON.stringify(opts)}`);
      }
    }
  });

  it('reads a stream made of several blocks of every kind (flushes between them)', () => {
    const next = pseudoRandom(7);
    const parts = Array.from({ length: 30 }, (_, i) => Buffer.from(Array.from({ length: 50 + i * 37 }, () => (i % 3 === 0 ? next() & 0xff : 0x61 + (next() % 4)))));
    // Each part flushed (not finished) at its own level: stored, fixed and dynamic blocks, then an empty final fixed block.
    const body = Buffer.concat([...parts.map((p, i) => zlib.deflateRawSync(p, { level: i % 10, finishFlush: zlib.constants.Z_FULL_FLUSH })), Buffer.from([0x03, 0x00])]);
    const whole = Buffer.concat(parts);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(adler32(whole));
    const stream = Buffer.concat([Buffer.from([0x78, 0x9c]), body, sum]);
    assert.ok(zlib.inflateSync(stream).equals(whole), 'the test stream is one zlib accepts');
    const ours = inflateZlib(stream, 1 << 20);
    assert.ok(ours?.equals(whole));
  });

  it('refuses, never throws or loops, on every truncation and on flipped bytes', () => {
    const input = Buffer.from('tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000001 +0000\n\nsubject\n'.repeat(3));
    for (const opts of OPTIONS) {
      const packed = zlib.deflateSync(input, opts);
      for (let n = 0; n < packed.length; n++) { assert.strictEqual(inflateZlib(packed.subarray(0, n), 1 << 20), undefined, `${n} of ${packed.length} bytes`); }
      for (let i = 0; i < packed.length; i++) {
        for (const bit of [0x01, 0x10, 0x80]) {
          const bad = Buffer.from(packed);
          bad[i] ^= bit;
          const ours = inflateZlib(bad, 1 << 20);
          // Adler-32 catches what decodes to other bytes; where zlib still reads it, we agree with it.
          if (ours !== undefined) { assert.ok(ours.equals(zlib.inflateSync(bad))); }
        }
      }
    }
  });

  it('refuses output beyond the limit, bytes after the stream, a preset dictionary and a bad header', () => {
    const input = Buffer.alloc(1000, 0x62);
    const packed = zlib.deflateSync(input);
    assert.ok(inflateZlib(packed, 1000)?.equals(input), 'exactly the limit is allowed');
    assert.strictEqual(inflateZlib(packed, 999), undefined);
    assert.strictEqual(inflateZlib(Buffer.concat([packed, Buffer.from([0])]), 1 << 20), undefined);
    assert.strictEqual(inflateZlib(zlib.deflateSync(input, { dictionary: Buffer.from('bbbb') }), 1 << 20), undefined);
    assert.strictEqual(inflateZlib(zlib.deflateRawSync(input), 1 << 20), undefined);
    assert.strictEqual(inflateZlib(zlib.gzipSync(input), 1 << 20), undefined);
  });
});

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) { a = (a + byte) % 65521; b = (b + a) % 65521; }
  return ((b << 16) | a) >>> 0;
}
