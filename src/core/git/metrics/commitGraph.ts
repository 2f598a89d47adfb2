/**
 * Every indexed commit as integers: its committer time and its parents' indexes. Compact and
 * walkable without string lookups, so a 100,000-commit history is a few MB and a full walk a
 * few milliseconds.
 *
 * Fed by `git log --format=%H%x09%ct%x09%P` lines in any order: git's default order can show
 * a parent before its last child (clock skew), so parents are resolved after each load.
 */

/** Parent index meaning "not in the index" (a shallow clone's boundary). */
export const MISSING = -1;

/**
 * A resolved graph as typed columns (what the gauge's git memo keeps, so a call reads no log
 * text): commit i's parents are parents[parentStart[i] .. parentStart[i + 1]).
 */
export interface GraphColumns {
  shas: readonly string[];
  /** Committer time, seconds since the epoch. */
  times: Float64Array;
  /** size + 1 entries, from 0, never decreasing, the last one parents.length. */
  parentStart: Int32Array;
  /** Indexes below size, or MISSING. */
  parents: Int32Array;
}

export class CommitGraph {
  private readonly index = new Map<string, number>();
  readonly shas: string[] = [];
  /** Committer time, seconds since the epoch. */
  readonly times: number[] = [];
  /** Parents of commit i: parents[parentStart[i] .. parentStart[i + 1]). */
  private readonly parentStart: number[] = [0];
  private readonly parents: number[] = [];
  /** Parent shas of the commits added since the last resolve(). */
  private pending: string[] = [];
  private resolvedUpTo = 0;
  private rest = '';
  /** Lines read so far, duplicates included: how much git output the loads cost. */
  linesRead = 0;

  get size(): number {
    return this.shas.length;
  }

  /**
   * A graph from columns that passed `validColumns` (a memo's); as if their log had been pushed and
   * resolved. The columns are copied by native calls (parentStart starts at 0, as pushing would); only
   * the index is a loop.
   */
  static fromColumns(c: GraphColumns): CommitGraph {
    const g = new CommitGraph();
    pushAll(g.shas, c.shas);
    pushAll(g.times, c.times);
    pushAll(g.parentStart, c.parentStart.subarray(1, c.shas.length + 1));
    pushAll(g.parents, c.parents);
    for (let i = 0; i < c.shas.length; i++) { g.index.set(c.shas[i], i); }
    g.resolvedUpTo = c.shas.length;
    return g;
  }

  /** The resolved commits as columns (a copy); call after resolve(). */
  columns(): GraphColumns {
    return {
      shas: this.shas.slice(0, this.resolvedUpTo), times: Float64Array.from(this.times.slice(0, this.resolvedUpTo)),
      parentStart: Int32Array.from(this.parentStart), parents: Int32Array.from(this.parents),
    };
  }

  /** True when one of commit i's parents is not in the index (the edge of a bounded log). */
  hasMissingParent(i: number): boolean {
    for (let p = this.parentStart[i]; p < this.parentStart[i + 1]; p++) {
      if (this.parents[p] === MISSING) { return true; }
    }
    return false;
  }

  indexOf(sha: string): number | undefined {
    return this.index.get(sha);
  }

  /** Takes any slice of the log output; a line cut by a chunk boundary waits for its end. */
  push(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.addLine(text, start, nl);
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** End of a load: the last line and every new commit's parents. */
  resolve(): void {
    if (this.rest) {
      this.addLine(this.rest, 0, this.rest.length);
      this.rest = '';
    }
    for (let i = this.resolvedUpTo; i < this.shas.length; i++) {
      const list = this.pending[i - this.resolvedUpTo];
      if (list) {
        for (const p of list.split(' ')) {
          this.parents.push(this.index.get(p) ?? MISSING);
        }
      }
      this.parentStart.push(this.parents.length);
    }
    this.resolvedUpTo = this.shas.length;
    this.pending = [];
  }

  parentsOf(i: number): number[] {
    return this.parents.slice(this.parentStart[i], this.parentStart[i + 1]);
  }

  /** Marks every commit reachable from `tips` (indexes; MISSING ignored). */
  reachable(tips: readonly number[]): Uint8Array {
    const seen = new Uint8Array(this.size);
    const stack = tips.filter((t) => t !== MISSING);
    while (stack.length) {
      const i = stack.pop() as number;
      if (seen[i]) { continue; }
      seen[i] = 1;
      for (let p = this.parentStart[i]; p < this.parentStart[i + 1]; p++) {
        const j = this.parents[p];
        if (j !== MISSING && !seen[j]) { stack.push(j); }
      }
    }
    return seen;
  }

  /**
   * Walks from `tip` over commits not yet claimed in `owner`, claiming them for `id`; returns
   * the commits claimed (the ones this tip is the first to reach).
   */
  claim(tip: number, owner: Int32Array, id: number): number[] {
    const claimed: number[] = [];
    const stack = [tip];
    while (stack.length) {
      const i = stack.pop() as number;
      if (owner[i] !== MISSING) { continue; }
      owner[i] = id;
      claimed.push(i);
      for (let p = this.parentStart[i]; p < this.parentStart[i + 1]; p++) {
        const j = this.parents[p];
        if (j !== MISSING && owner[j] === MISSING) { stack.push(j); }
      }
    }
    return claimed;
  }

  /**
   * claim() without the list: marks for `id` every commit reachable from `tip` that `owner`
   * does not hold yet. `stack`: scratch space, reused across calls (no array per deploy).
   */
  claimAll(tip: number, owner: Int32Array, id: number, stack: number[]): void {
    stack.length = 0;
    stack.push(tip);
    while (stack.length) {
      const i = stack.pop() as number;
      if (owner[i] !== MISSING) { continue; }
      owner[i] = id;
      for (let p = this.parentStart[i]; p < this.parentStart[i + 1]; p++) {
        const j = this.parents[p];
        if (j !== MISSING && owner[j] === MISSING) { stack.push(j); }
      }
    }
  }

  private addLine(text: string, start: number, end: number): void {
    const t1 = text.indexOf('\t', start);
    if (t1 < 0 || t1 > end) {
      return; // blank or foreign line
    }
    const sha = text.slice(start, t1);
    this.linesRead++;
    if (this.index.has(sha)) {
      return; // already indexed by an earlier load
    }
    const t2 = text.indexOf('\t', t1 + 1);
    const timeEnd = t2 < 0 || t2 > end ? end : t2;
    this.index.set(sha, this.shas.length);
    this.shas.push(sha);
    this.times.push(Number(text.slice(t1 + 1, timeEnd)));
    this.pending.push(timeEnd < end ? text.slice(timeEnd + 1, end) : '');
  }
}

/** Pushes in slices: one push of a whole large column would pass more arguments than a call may take. */
function pushAll<T>(target: T[], source: ArrayLike<T> & { slice(start: number, end: number): ArrayLike<T> & Iterable<T> }): void {
  for (let i = 0; i < source.length; i += PUSH_SLICE) { target.push(...source.slice(i, i + PUSH_SLICE)); }
}

const PUSH_SLICE = 8192;
