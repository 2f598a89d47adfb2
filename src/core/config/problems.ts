import type { LineCounter, Node } from 'yaml';
import type { ConfigError } from './types';

/** Longest message; quotes of the user's input are already cut to MAX_QUOTE_CHARS. */
const MAX_MESSAGE_CHARS = 600;

/** Anything with a yaml source range: nodes, and the `[start, end]` pairs yaml errors carry. */
export type Where = Node | readonly [number, number] | readonly [number, number, number] | null | undefined;

/**
 * Collects every problem in one file, so the user fixes them all in one pass instead of
 * one per run. Turns yaml offsets into the 1-based `line:col` the contract promises.
 */
export class Problems {
  private readonly errors: ConfigError[] = [];

  constructor(private readonly file: string, private readonly lines: LineCounter) {}

  get count(): number {
    return this.errors.length;
  }

  /** Report `message` at `where`; falls back to `near` (usually the parent node), then the file start. */
  at(where: Where, message: string, near?: Where): void {
    // A safety net under quote(): whatever a message embeds, it stays one short line.
    if (message.length > MAX_MESSAGE_CHARS) { message = `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…`; }
    const [offset, endOffset] = rangeOf(where) ?? rangeOf(near) ?? [0, 0];
    const { line, col } = this.lines.linePos(offset);
    // linePos answers line 0 before the first newline has been seen (one-line files).
    this.errors.push({ file: this.file, line: Math.max(line, 1), col: Math.max(col, 1), offset, endOffset, message });
  }

  /** 1-based line of a node, for messages like "already used on line 3". */
  lineOf(where: Where): number {
    const r = rangeOf(where);
    return r ? Math.max(this.lines.linePos(r[0]).line, 1) : 1;
  }

  /** In file order, so `validate` prints them top to bottom. */
  list(): ConfigError[] {
    return [...this.errors].sort((a, b) => a.offset - b.offset);
  }
}

function rangeOf(where: Where): [number, number] | undefined {
  if (!where) { return undefined; }
  if (isRangeTuple(where)) { return [where[0], Math.max(where[0], where[1])]; }
  const r = where.range;
  return r ? [r[0], Math.max(r[0], r[1])] : undefined;
}

function isRangeTuple(x: object): x is readonly number[] {
  return Array.isArray(x);
}
