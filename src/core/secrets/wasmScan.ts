/**
 * The hot loop of MultiMatcher (Wu–Manber's skip over three-byte blocks) as a tiny WebAssembly
 * function, assembled here from named opcodes: no binary file, no dependency. It runs the same
 * shift table as the JS loop in matcher.ts, about 3× faster on the bench (bench/secrets.ts),
 * because V8 compiles it without bounds checks and the common step (a full skip) does not wait
 * for the loaded shift. It only reports candidate window ends; matcher.ts verifies them.
 * Where WebAssembly is unavailable (a `--jitless` host) `WasmScan.create` returns undefined and
 * the JS loop runs instead.
 */

/** Memory layout: shift table, block tags, candidate list, then the bytes to scan. */
export const TABLE_BITS = 14;
const TABLE_SIZE = 1 << TABLE_BITS;
const TAGS_AT = TABLE_SIZE;
const OUT_AT = TAGS_AT + 4 * TABLE_SIZE;
/** Candidates per call; more continue in another call. */
const CAPACITY = 4096;
const DATA_AT = OUT_AT + 4 * CAPACITY;
/** The loop may read a few bytes past the end (a four-byte load, a second skip): zeros there. */
const SLACK = 16;
const PAGE = 65536;
/** A tag meaning "several blocks share this slot": every window ending here is a candidate. */
export const ANY_BLOCK = -1;
/** Golden-ratio multiplier: spreads the three bytes of a block over the table's bits. */
export const HASH_MULTIPLIER = 0x9e3779b1 | 0;

const op = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, void: 0x40,
  get: 0x20, set: 0x21, tee: 0x22, load: 0x28, load8: 0x2d, store: 0x36, const: 0x41,
  eqz: 0x45, eq: 0x46, geU: 0x4f, add: 0x6a, sub: 0x6b, mul: 0x6c, and: 0x71, or: 0x72, shl: 0x74, shrU: 0x76,
} as const;
const I32 = 0x7f;

function uleb(n: number): number[] {
  const out: number[] = [];
  do { const b = n & 0x7f; n >>>= 7; out.push(n !== 0 ? b | 0x80 : b); } while (n !== 0);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const num = (n: number): number[] => [op.const, ...sleb(n)];

/** Params: 0 i (window end), 1 end, 2 far (the full skip); locals: 3 found, 4 shift, 5 block. */
const [I, END, FAR, FOUND, SHIFT, BLOCK] = [0, 1, 2, 3, 4, 5];
const get = (l: number): number[] => [op.get, l];

/** scan(i, end, far): window ends in [i, end) whose block has shift 0 and a matching tag, into OUT; returns how many. */
function scanBody(): number[] {
  const slot = [...num(HASH_MULTIPLIER), op.mul, ...num(32 - TABLE_BITS), op.shrU];
  const record = [
    ...num(OUT_AT), ...get(FOUND), ...num(2), op.shl, op.add, ...get(I), op.store, 2, 0,
    ...get(FOUND), ...num(1), op.add, op.tee, FOUND, ...num(CAPACITY), op.geU, op.brIf, 3,
  ];
  return [
    op.block, op.void, op.loop, op.void,
    ...get(I), ...get(END), op.geU, op.brIf, 1,
    // block = the three bytes ending at i; shift = table[hash(block)]
    ...get(I), ...num(2), op.sub, op.load, 0, 0, ...num(0xffffff), op.and, op.tee, BLOCK,
    ...slot, op.load8, 0, 0, op.tee, SHIFT, ...get(FAR), op.eq,
    op.if, op.void, ...get(I), ...get(FAR), op.add, op.set, I, op.br, 1, op.end,
    ...get(SHIFT), op.eqz,
    op.if, op.void,
    ...get(BLOCK), ...slot, ...num(2), op.shl, op.load, 2, ...uleb(TAGS_AT), op.tee, SHIFT,
    ...get(BLOCK), op.eq, ...get(SHIFT), ...num(ANY_BLOCK), op.eq, op.or,
    op.if, op.void, ...record, op.end,
    ...get(I), ...num(1), op.add, op.set, I,
    op.else, ...get(I), ...get(SHIFT), op.add, op.set, I, op.end,
    op.br, 0,
    op.end, op.end, ...get(FOUND), op.end,
  ];
}

function moduleBytes(): Uint8Array {
  const code = [...vec([[3, I32]]), ...scanBody()];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32]]), ...vec([[I32]])]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, Math.ceil((DATA_AT + PAGE) / PAGE)]])),
    ...section(7, vec([[...name('memory'), 0x02, 0], [...name('scan'), 0x00, 0]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}

/** The little of the WebAssembly API used here (the project's TS libs do not declare it). */
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmInstance { readonly exports: { memory: WasmMemory; scan: (i: number, end: number, far: number) => number } }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
}
// Through unknown: with the DOM lib (media/tsconfig.json pulls this file in) its own WebAssembly types differ.
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;
function compiledModule(): object | undefined {
  if (compiled === undefined) {
    try { compiled = wasmApi ? new wasmApi.Module(moduleBytes()) : null; } catch { compiled = null; }
  }
  return compiled ?? undefined;
}

/** One instance per MaskRules: the tables live in its memory; scanning is synchronous, so streams share it. */
export class WasmScan {
  private readonly memory: WasmMemory;
  private readonly scan: (i: number, end: number, far: number) => number;

  private constructor(instance: WasmInstance, shift: Uint8Array, tags: Int32Array) {
    this.memory = instance.exports.memory;
    this.scan = instance.exports.scan;
    new Uint8Array(this.memory.buffer).set(shift, 0);
    new Int32Array(this.memory.buffer, TAGS_AT, TABLE_SIZE).set(tags);
  }

  static create(shift: Uint8Array, tags: Int32Array): WasmScan | undefined {
    const module = compiledModule();
    if (!module || !wasmApi) { return undefined; }
    try { return new WasmScan(new wasmApi.Instance(module, {}), shift, tags); } catch { return undefined; }
  }

  /**
   * A buffer of `length` bytes where the scan reads: fill it and `candidates` copies nothing.
   * Valid until the next call (memory may grow and move).
   */
  workspace(length: number): Buffer {
    this.reserve(length);
    return Buffer.from(this.memory.buffer, DATA_AT, length);
  }

  /** Window ends in [first, length) worth verifying, in increasing order (a superset of the matches' ends). */
  candidates(bytes: Uint8Array, length: number, first: number, far: number): number[] {
    this.reserve(length);
    const data = new Uint8Array(this.memory.buffer, DATA_AT, length + SLACK);
    if (bytes.buffer !== this.memory.buffer || bytes.byteOffset !== DATA_AT) { data.set(length === bytes.length ? bytes : bytes.subarray(0, length)); }
    data.fill(0, length);
    const found: number[] = [];
    const out = new Int32Array(this.memory.buffer, OUT_AT, CAPACITY);
    for (let i = DATA_AT + first; ;) {
      const n = this.scan(i, DATA_AT + length, far);
      for (let k = 0; k < n; k++) { found.push(out[k] - DATA_AT); }
      if (n < CAPACITY) { return found; }
      i = out[n - 1] + 1;
    }
  }

  private reserve(length: number): void {
    const needed = DATA_AT + length + SLACK;
    if (needed > this.memory.buffer.byteLength) { this.memory.grow(Math.ceil((needed - this.memory.buffer.byteLength) / PAGE)); }
  }
}
