/**
 * How deep a value nests once every `$ref` in it is copied in. nesting.ts bounds what is written;
 * a chain of `$ref`s copies evaluators into one another, and 60 of them, each within that bound,
 * ran the stack out in the `$ref` bound's own count, then in flagd-core (rereview37b F6). Each
 * evaluator's height is found once (memoised); the walk stops at the bound, so it never recurses
 * deeper than that itself.
 */
import type { JsonValue } from './types';

/** Levels once copied in, each `$ref` hop counting one. flagd-core ran out of stack between 480 and 960 here (Node 20). */
export const MAX_EXPANDED_NESTING = 256;

/** Thrown past the bound; `ref` is the `$ref` whose copy went past it. */
export class TooDeep extends Error {
  constructor(readonly ref: string) { super('too deep'); }
}

export class Heights {
  private readonly known = new Map<string, number>();
  private readonly open = new Set<string>();

  constructor(private readonly evaluators: Record<string, JsonValue>, private readonly refName: (value: JsonValue) => string | undefined) {}

  /** The height of `value` once copied in, when placed `depth` levels down; TooDeep past the bound. */
  of(value: JsonValue, depth = 0): number {
    if (value === null || typeof value !== 'object') { return 0; }
    const ref = this.refName(value);
    if (ref !== undefined) { return this.evaluator(ref, depth + 1) + 1; }
    let height = 0;
    for (const v of Array.isArray(value) ? value : Object.values(value)) { height = Math.max(height, this.of(v, depth + 1)); }
    return height + 1;
  }

  private evaluator(name: string, depth: number): number {
    let height = this.known.get(name);
    if (height === undefined) {
      if (this.open.has(name)) { return 0; } // a cycle: refExpansion says so
      if (depth > MAX_EXPANDED_NESTING) { throw new TooDeep(name); }
      this.open.add(name);
      try { height = this.of(this.evaluators[name], depth); } finally { this.open.delete(name); }
      this.known.set(name, height);
    }
    if (depth + height > MAX_EXPANDED_NESTING) { throw new TooDeep(name); }
    return height;
  }
}
