/**
 * The commit graph as far as the tracker has read it: each seen commit's parents. Enough to
 * tell that a waiting commit is an ancestor of a newer one without asking git; a commit the
 * tracker never read ends the walk, so "unknown" answers false (never covers what it can't prove).
 */
export class Ancestry {
  private readonly parents = new Map<string, readonly string[]>();

  record(sha: string, parents: readonly string[]): void {
    this.parents.set(sha, [...parents]);
  }

  /** True when `ancestor` is a proper ancestor of `sha` through commits recorded here. */
  descends(sha: string, ancestor: string): boolean {
    const seen = new Set<string>();
    const todo = [...(this.parents.get(sha) ?? [])];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      if (next === ancestor) {
        return true;
      }
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(...(this.parents.get(next) ?? []));
      }
    }
    return false;
  }
}
