import * as assert from 'node:assert';
import * as v8 from 'node:v8';
import { readAligned, writeAligned } from '../../../src/core/gears/alignedColumns';
import { mulberry32 } from '../../support/seededRandom';

const MAKERS = [
  (n: number, r: () => number) => Float64Array.from({ length: n }, () => r() * 1e9 - 5e8),
  (n: number, r: () => number) => Uint32Array.from({ length: n }, () => Math.floor(r() * 2 ** 32)),
  (n: number, r: () => number) => Int32Array.from({ length: n }, () => Math.floor(r() * 2 ** 32) - 2 ** 31),
  (n: number, r: () => number) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256)),
  (n: number, r: () => number) => Uint16Array.from({ length: n }, () => Math.floor(r() * 65536)),
  (n: number, r: () => number) => Float32Array.from({ length: n }, () => Math.fround(r())),
  (n: number, r: () => number) => BigInt64Array.from({ length: n }, () => BigInt(Math.floor(r() * 1e12))),
];

/** Nested objects and arrays of typed arrays of odd lengths (so none lands aligned by chance), some of them views with an offset. */
function valueOf(seed: number): { value: unknown; columns: number } {
  const r = mulberry32(seed);
  let columns = 0;
  const column = (): unknown => {
    columns++;
    const whole = MAKERS[Math.floor(r() * MAKERS.length)](Math.floor(r() * 40) + (r() < 0.1 ? 0 : 1), r);
    return r() < 0.3 && whole.length > 2 ? whole.subarray(1, whole.length - 1) : whole;
  };
  const node = (depth: number): unknown => {
    const pick = r();
    if (depth > 3 || pick < 0.35) { return column(); }
    if (pick < 0.5) { return { text: `t${Math.floor(r() * 1000)}`, n: r(), none: null }; }
    if (pick < 0.75) { return Array.from({ length: Math.floor(r() * 4) + 1 }, () => node(depth + 1)); }
    return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) + 1 }, (_, i) => [`k${i}`, node(depth + 1)]));
  };
  return { value: { root: node(0), last: column() }, columns };
}

/** Every typed array in `value`, depth first. */
function typedArrays(value: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(value)) { out.push(value); } else if (typeof value === 'object' && value !== null) { for (const v of Object.values(value)) { typedArrays(v, out); } }
  return out;
}

describe('aligned columns: v8 bytes with the typed arrays after the stream, read back as views', () => {
  it('round-trips random values, every typed array a view on the bytes read, at a multiple of its element size', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { value, columns } = valueOf(seed);
      const bytes = Buffer.from(writeAligned(v8, value)); // a fresh buffer, as a file read gives
      const back = readAligned(v8, bytes);
      assert.deepStrictEqual(back, v8.deserialize(v8.serialize(value)), `seed ${seed}`);
      const views = typedArrays(back);
      assert.strictEqual(views.length, columns, `seed ${seed}: every column`);
      for (const view of views) {
        assert.strictEqual(view.buffer, bytes.buffer, `seed ${seed}: a view on the bytes, not a copy`);
        assert.strictEqual((view.byteOffset - bytes.byteOffset) % 8, 0, `seed ${seed}: aligned`);
      }
    }
  });

  it('a misaligned buffer still reads right (copies), and the same array twice is one array', () => {
    const shared = new Float64Array([1.5, 2.5, 3.5]);
    const bytes = writeAligned(v8, { a: shared, b: shared, c: new Uint8Array([1, 2, 3]) });
    const shifted = Buffer.alloc(bytes.length + 1).subarray(1);
    bytes.copy(shifted);
    const back = readAligned(v8, shifted) as { a: Float64Array; b: Float64Array; c: Uint8Array };
    assert.deepStrictEqual(back, { a: shared, b: shared, c: new Uint8Array([1, 2, 3]) });
    assert.strictEqual(back.a, back.b);
  });

  it('refuses what it cannot read: a Buffer or DataView to write; a cut, a stream length past the end, an unknown type', () => {
    assert.throws(() => writeAligned(v8, { b: Buffer.from('x') }), /not a column type/);
    assert.throws(() => writeAligned(v8, { d: new DataView(new ArrayBuffer(8)) }), /not a column type/);
    const bytes = writeAligned(v8, { a: new Float64Array(5), b: new Uint32Array(3) });
    assert.throws(() => readAligned(v8, bytes.subarray(0, bytes.length - 8)), /column past the end/);
    assert.throws(() => readAligned(v8, bytes.subarray(0, 3)), /no stream length/);
    const long = Buffer.from(bytes);
    long.writeUInt32LE(bytes.length, 0);
    assert.throws(() => readAligned(v8, long), /stream past the end/);
    // The first host object's type index is the stream's first varint after v8's own tag for it.
    const unknown = Buffer.from(writeAligned(v8, new Float64Array(1)));
    const at = unknown.indexOf(8, 4 + 2); // Float64Array's index, written after the header
    unknown[at] = 99;
    assert.throws(() => readAligned(v8, unknown), /unknown column type/);
  });
});
