/**
 * Commits Gearshift makes itself (Revert Last Commit…'s revert). That revert is the fix attempt, so
 * the red period's "is commit X the fix?" is not asked about it. The commit tracker may see the
 * commit before the command knows its sha: a commit seen while one is being made waits for it.
 */
export class MadeCommits {
  private readonly made = new Set<string>();
  private making: Promise<unknown> | undefined;

  constructor(private readonly keep = 16) {}

  /** Runs `make`, remembering the sha it made (`shaOf` its result; undefined: none made). */
  async make<T>(make: () => Promise<T>, shaOf: (result: T) => string | undefined): Promise<T> {
    const work = make();
    const done = work.then((result) => { this.remember(shaOf(result)); }, () => undefined);
    this.making = done;
    try {
      return await work;
    } finally {
      await done;
      if (this.making === done) { this.making = undefined; }
    }
  }

  /** Whether Gearshift made `sha`: at once, or `undefined` while a commit is being made (then ask `settled`). */
  knownNow(sha: string): boolean | undefined {
    return this.making ? undefined : this.made.has(sha);
  }

  /** Whether Gearshift made `sha`, once no commit is being made. */
  async settled(sha: string): Promise<boolean> {
    while (this.making) { await this.making; }
    return this.made.has(sha);
  }

  private remember(sha: string | undefined): void {
    if (sha === undefined) { return; }
    this.made.add(sha);
    if (this.made.size > this.keep) { this.made.delete(this.made.values().next().value as string); }
  }
}
