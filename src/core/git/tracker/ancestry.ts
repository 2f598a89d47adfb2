/**
 * The commit graph as far as the tracker has read it: each seen commit's parents. Enough to
 * tell that a waiting commit is an ancestor of a newer one without asking git; a commit the
 * tracker never read ends the walk, so "unknown" answers false (never covers what it can't prove).
 *
 * A watch lives for days and sees thousands of commits, and every new commit is checked against
 * each waiting one: so what a walk learns is kept per ancestor asked about (commits known to
 * reach it, commits known not to), and the next walk stops where an earlier one went. The graph
 * only grows, so a kept answer stays true; a parent read later than the walk that needed it can
 * only turn a "no" into a "yes" that is then missed, which runs one commit more, never one less.
 */
const ANCESTORS_KEPT = 8;

interface Known { readonly reach: Set<string>; readonly miss: Set<string> }

export class Ancestry {
  private readonly parents = new Map<string, readonly string[]>();
  private readonly known = new Map<string, Known>();

  record(sha: string, parents: readonly string[]): void {
    this.parents.set(sha, [...parents]);
  }

  /** True when `ancestor` is a proper ancestor of `sha` through commits recorded here. */
  descends(sha: string, ancestor: string): boolean {
    const known = this.knownFor(ancestor);
    if (known.reach.has(sha)) { return true; }
    if (known.miss.has(sha)) { return false; }
    const seen = new Set<string>([sha]);
    const todo = [...(this.parents.get(sha) ?? [])];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      if (next === ancestor || known.reach.has(next)) {
        known.reach.add(sha);
        return true;
      }
      if (!seen.has(next) && !known.miss.has(next)) {
        seen.add(next);
        todo.push(...(this.parents.get(next) ?? []));
      }
    }
    seen.forEach((s) => known.miss.add(s)); // a complete walk: none of these reaches it
    return false;
  }

  /** Least recently asked first out: a commit waiting on another line is asked about on every new commit, so it stays. */
  private knownFor(ancestor: string): Known {
    const known = this.known.get(ancestor) ?? { reach: new Set<string>(), miss: new Set<string>() };
    this.known.delete(ancestor);
    this.known.set(ancestor, known);
    if (this.known.size > ANCESTORS_KEPT) { this.known.delete(this.known.keys().next().value as string); }
    return known;
  }
}
