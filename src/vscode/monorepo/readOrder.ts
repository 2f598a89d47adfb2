/**
 * Numbers the reads of one pipeline's state and says which answers to show: one newer than the
 * last shown. Not "only the newest started": its history watch calls every 250 ms while a run
 * writes, and on a loaded machine a read takes longer than that, so every read was overtaken by
 * the next and none shown until the run stopped writing (review35 F3). Plain: tested in node.
 */
export class ReadOrder {
  private started = 0;
  private applied = 0;

  /** The number of a read starting now. */
  start(): number { return ++this.started; }

  /** Whether read `n`'s answer is newer than the one shown; if so, it is the one shown from now on. */
  apply(n: number): boolean {
    if (n <= this.applied) { return false; }
    this.applied = n;
    return true;
  }
}
