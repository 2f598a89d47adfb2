/**
 * v8's serialiser with every typed array stored after the stream, each at an offset that is a
 * multiple of 8, so that reading gives views on the bytes read instead of copies. v8's own
 * format places a typed array wherever the stream has reached, and Node copies any that is not
 * aligned for its element: on 200,000 kept runs that copy was the larger part of reading the kept
 * gauge (docs/benchmarks-journal.md, fold33). Layout: the stream's length (4 bytes, little-endian), the
 * stream, then the arrays' bytes in the order the stream names them, each padded to 8 bytes from
 * the start of the buffer. A buffer that does not fit (an array past its end, a type it does not
 * know) throws; the caller treats that as a miss.
 */
import type * as V8 from 'v8';

type Column = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

type ColumnType = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): Column; readonly BYTES_PER_ELEMENT: number };

/** Their index in the stream: append only, never reorder (a file names the type by it). */
const TYPES: readonly ColumnType[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];

const ALIGN = 8;

const padded = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/** `value` as bytes for readAligned; every typed array in it must be one of TYPES (a Buffer or DataView throws). */
export function writeAligned(v8: typeof V8, value: unknown): Buffer {
  const columns: Column[] = [];
  class Writer extends v8.DefaultSerializer {
    _writeHostObject(view: NodeJS.TypedArray): void {
      const type = TYPES.findIndex((t) => view.constructor === t);
      if (type < 0) { throw new TypeError(`alignedColumns: ${view.constructor.name} is not a column type`); }
      this.writeUint32(type);
      this.writeUint32(view.length);
      columns.push(view as Column);
    }
  }
  const writer = new Writer();
  writer.writeHeader();
  writer.writeValue(value);
  const stream = writer.releaseBuffer();
  let end = padded(4 + stream.length);
  const offsets = columns.map((c) => { const at = end; end = padded(end + c.byteLength); return at; });
  const out = Buffer.alloc(end);
  out.writeUInt32LE(stream.length, 0);
  stream.copy(out, 4);
  columns.forEach((c, i) => { out.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), offsets[i]); });
  return out;
}

/**
 * The value writeAligned wrote. The typed arrays are views on `bytes` when its start is aligned
 * (a fresh Buffer.alloc is), else copies: the caller must not reuse `bytes`.
 */
export function readAligned(v8: typeof V8, bytes: Buffer): unknown {
  if (bytes.length < 4) { throw new RangeError('alignedColumns: no stream length'); }
  const streamLength = bytes.readUInt32LE(0);
  if (4 + streamLength > bytes.length) { throw new RangeError('alignedColumns: stream past the end'); }
  const aligned = bytes.byteOffset % ALIGN === 0;
  let next = padded(4 + streamLength);
  class Reader extends v8.DefaultDeserializer {
    _readHostObject(): Column {
      const type = TYPES[this.readUint32()];
      const length = this.readUint32();
      if (type === undefined) { throw new TypeError('alignedColumns: unknown column type'); }
      const at = next;
      const size = length * type.BYTES_PER_ELEMENT;
      if (at + size > bytes.length) { throw new RangeError('alignedColumns: column past the end'); }
      next = padded(at + size);
      if (aligned) { return new type(bytes.buffer, bytes.byteOffset + at, length); }
      const copy = new Uint8Array(size);
      copy.set(bytes.subarray(at, at + size));
      return new type(copy.buffer, 0, length);
    }
  }
  const reader = new Reader(bytes.subarray(4, 4 + streamLength));
  reader.readHeader();
  return reader.readValue();
}
