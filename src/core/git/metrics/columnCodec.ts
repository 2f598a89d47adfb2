/**
 * Typed columns as JSON-safe text (base64 of the array's bytes) and back, for the gauge's git
 * memo: a call decodes them in one pass instead of parsing a log's lines. Native byte order:
 * the memo lives in one clone's `.git` on one machine. Decoding checks only the shape (a length
 * that is not a whole number of elements is undefined); the callers check the values' ranges.
 */

export function encodeColumn(column: Int32Array | Float64Array): string {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength).toString('base64');
}

export function decodeInt32(text: unknown): Int32Array | undefined {
  const bytes = bytesOf(text, Int32Array.BYTES_PER_ELEMENT);
  return bytes && new Int32Array(bytes);
}

export function decodeFloat64(text: unknown): Float64Array | undefined {
  const bytes = bytesOf(text, Float64Array.BYTES_PER_ELEMENT);
  return bytes && new Float64Array(bytes);
}

/** A copy in an ArrayBuffer of its own (Buffer.from may hand back a slice of a shared, unaligned pool). */
function bytesOf(text: unknown, width: number): ArrayBuffer | undefined {
  if (typeof text !== 'string' || !BASE64.test(text)) { return undefined; }
  const buf = Buffer.from(text, 'base64');
  if (buf.length % width !== 0) { return undefined; }
  const copy = new ArrayBuffer(buf.length);
  new Uint8Array(copy).set(buf);
  return copy;
}

/** Standard base64 with its padding: Buffer.from skips any other character silently. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
