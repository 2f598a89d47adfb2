/**
 * The hot loop of MultiMatcher (Wu–Manber's skip over three-byte blocks) as a tiny WebAssembly
 * function, assembled here from named opcodes: no binary file, no dependency. It runs the same
 * shift table as the JS loop in matcher.ts and visits the same windows, about 4× faster on the
 * bench (bench/secrets.ts): V8 compiles it without bounds checks, and its full-skip loop is four
 * instructions and a branch (no end check: the padding stops it; no mask: the hash drops the
 * fourth byte). It only reports candidate window ends; matcher.ts verifies them (and finds a
 * held end's long starts among them). Where WebAssembly is unavailable (a `--jitless` host)
 * `WasmScan.create` returns undefined and the JS loop runs instead.
 */

/** Memory layout: shift table, block tags, candidate list, then the bytes to scan. */
export const TABLE_BITS = 16;
/** The longest window (shortest pattern) the tables use: a shortfall then fits below STOP. */
export const MAX_WINDOW = 128;
const TABLE_SIZE = 1 << TABLE_BITS;
const TAGS_AT = TABLE_SIZE;
const OUT_AT = TAGS_AT + 4 * TABLE_SIZE;
/** Candidates per call; more continue in another call. */
const CAPACITY = 4096;
const DATA_AT = OUT_AT + 4 * CAPACITY;
/**
 * The loop reads past the end (up to two full skips and a four-byte load): PAD bytes there,
 * whose block's slot carries STOP, so the loop ends without comparing each step with the end.
 * A full skip is at most MAX_WINDOW − 2 bytes.
 */
const SLACK = 2 * MAX_WINDOW;
export const PAD = 0xff;
/** The bit in a slot's byte that makes the fast loop stop (a shortfall is below it). */
const STOP = 0x80;
const PAGE = 65536;
/** A tag meaning "several blocks share this slot": every window ending here is a candidate. */
export const ANY_BLOCK = -1;
/**
 * Golden-ratio multiplier shifted left a byte: spreads the three bytes of a block over the
 * table's bits, and drops the fourth byte of a four-byte load (the WebAssembly loop needs no mask).
 */
export const HASH_MULTIPLIER = (0x9e3779b1 << 8) | 0;

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

/** Params: 0 i (window end), 1 end, 2 far (the full skip); locals: 3 found, 4 shift, 5 block, 6 at (= i − 2, where the block starts). */
const [I, END, FAR, FOUND, SHIFT, BLOCK, AT] = [0, 1, 2, 3, 4, 5, 6];
const LOCALS = 4;
const get = (l: number): number[] => [op.get, l];
/** The slot of the four bytes loaded at AT: the multiplier's low byte is 0, so the fourth byte drops out. */
const slotAtAt = [...get(AT), op.load, 0, 0, ...num(HASH_MULTIPLIER), op.mul, ...num(32 - TABLE_BITS), op.shrU];
const fullSkip = [...get(AT), ...get(FAR), op.add, op.set, AT];

/**
 * Ordinary text: nearly every window skips the whole way. This loop does only that, twice per
 * turn, and checks neither the end nor the shift's value: it leaves on any slot whose byte is
 * not 0 (a short shift, or STOP), and the padding after the data is made of STOP blocks.
 */
function fullSkips(): number[] {
  const once = [...slotAtAt, op.load8, 0, 0, op.brIf, 1, ...fullSkip];
  return [op.block, op.void, op.loop, op.void, ...once, ...once, op.br, 0, op.end, op.end];
}

/** scan(i, end, far): window ends in [i, end) whose block has shift 0 and a matching tag, into OUT; returns how many. */
function scanBody(): number[] {
  const record = [
    ...num(OUT_AT), ...get(FOUND), ...num(2), op.shl, op.add, ...get(I), op.store, 2, 0,
    ...get(FOUND), ...num(1), op.add, op.tee, FOUND, ...num(CAPACITY), op.geU, op.brIf, 3,
  ];
  return [
    ...get(I), ...num(2), op.sub, op.set, AT,
    op.block, op.void, op.loop, op.void,
    ...fullSkips(),
    // One exact step: i = at + 2; shift = far − (the slot's byte without STOP).
    ...get(AT), ...num(2), op.add, op.tee, I, ...get(END), op.geU, op.brIf, 1,
    ...get(AT), op.load, 0, 0, ...num(0xffffff), op.and, op.set, BLOCK,
    ...slotAtAt, op.load8, 0, 0, ...num(STOP - 1), op.and, op.tee, SHIFT, op.eqz,
    op.if, op.void, ...fullSkip, op.br, 1, op.end,
    ...get(FAR), ...get(SHIFT), op.sub, op.tee, SHIFT, op.eqz,
    op.if, op.void,
    ...get(BLOCK), ...num(HASH_MULTIPLIER), op.mul, ...num(32 - TABLE_BITS), op.shrU, ...num(2), op.shl, op.load, 2, ...uleb(TAGS_AT), op.tee, SHIFT,
    ...get(BLOCK), op.eq, ...get(SHIFT), ...num(ANY_BLOCK), op.eq, op.or,
    op.if, op.void, ...record, op.end,
    ...get(AT), ...num(1), op.add, op.set, AT,
    op.else, ...get(AT), ...get(SHIFT), op.add, op.set, AT, op.end,
    op.br, 0,
    op.end, op.end, ...get(FOUND), op.end,
  ];
}

function moduleBytes(): Uint8Array {
  const scan = [...vec([[LOCALS, I32]]), ...scanBody()];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32]]), ...vec([[I32]])]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, Math.ceil((DATA_AT + PAGE) / PAGE)]])),
    ...section(7, vec([[...name('memory'), 0x02, 0], [...name('scan'), 0x00, 0]])),
    ...section(10, vec([[...uleb(scan.length), ...scan]])),
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

/** The JS loop's tables, the full skip, and the slots whose shift is shorter than it (each slot a pattern's block ends in). */
export interface ScanTables { shift: Uint8Array; tags: Int32Array; far: number; shortSlots: readonly number[] }

/** One instance per MaskRules: the tables live in its memory; scanning is synchronous, so streams share it. */
export class WasmScan {
  private readonly memory: WasmMemory;
  private readonly scan: (i: number, end: number, far: number) => number;
  /** Views of the memory (replaced when it grows). */
  private bytes: Buffer;
  private out: Int32Array;

  private readonly far: number;

  private constructor(instance: WasmInstance, { shift, tags, far, shortSlots }: ScanTables) {
    this.far = far;
    this.memory = instance.exports.memory;
    this.scan = instance.exports.scan;
    this.bytes = Buffer.from(this.memory.buffer);
    this.out = new Int32Array(this.memory.buffer, OUT_AT, CAPACITY);
    // Each slot's byte: how far its shift falls short of a full skip, with STOP on the padding's slot.
    // The fresh memory is zeros (no shortfall): only the slots a pattern gave a shorter shift are
    // written, and only their tags (the loops read a tag only where the shift is 0).
    const table = new Uint8Array(this.memory.buffer, 0, TABLE_SIZE);
    const tagTable = new Int32Array(this.memory.buffer, TAGS_AT, TABLE_SIZE);
    for (const h of shortSlots) { table[h] = far - shift[h]; tagTable[h] = tags[h]; }
    table[Math.imul(PAD | (PAD << 8) | (PAD << 16), HASH_MULTIPLIER) >>> (32 - TABLE_BITS)] |= STOP;
  }

  static create(tables: ScanTables): WasmScan | undefined {
    const module = compiledModule();
    if (!module || !wasmApi) { return undefined; }
    try { return new WasmScan(new wasmApi.Instance(module, {}), tables); } catch { return undefined; }
  }

  /**
   * A buffer of `length` bytes where the scan reads: fill it and `candidates` copies nothing.
   * Valid until the next call (memory may grow and move).
   */
  workspace(length: number): Buffer {
    return this.reserve(length).subarray(DATA_AT, DATA_AT + length);
  }

  /** Window ends in [first, length) worth verifying, in increasing order (a superset of the matches' ends). */
  candidates(bytes: Uint8Array, length: number, first: number): number[] {
    const memory = this.reserve(length);
    if (bytes.buffer !== memory.buffer || bytes.byteOffset !== DATA_AT) { memory.set(length === bytes.length ? bytes : bytes.subarray(0, length), DATA_AT); }
    memory.fill(PAD, DATA_AT + length, DATA_AT + length + SLACK);
    const found: number[] = [];
    const out = this.out;
    for (let i = DATA_AT + first; ;) {
      const n = this.scan(i, DATA_AT + length, this.far);
      for (let k = 0; k < n; k++) { found.push(out[k] - DATA_AT); }
      if (n < CAPACITY) { return found; }
      i = out[n - 1] + 1;
    }
  }

  /** The whole memory, room for `length` bytes of data and the padding after them; views kept until it grows. */
  private reserve(length: number): Buffer {
    const needed = DATA_AT + length + SLACK;
    if (needed > this.bytes.length) {
      this.memory.grow(Math.ceil((needed - this.bytes.length) / PAGE));
      this.bytes = Buffer.from(this.memory.buffer);
      this.out = new Int32Array(this.memory.buffer, OUT_AT, CAPACITY);
    }
    return this.bytes;
  }
}
