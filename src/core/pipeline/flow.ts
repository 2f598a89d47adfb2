/**
 * Backpressure for stage output. A consumer that cannot keep up (the CLI's stdout whose write()
 * returned false, a terminal feed over its budget) takes a hold; while any hold is open every
 * stage pipe of the engine is paused, so the kernel pipe fills and the stage's own write()
 * blocks. Memory then no longer depends on how much a stage prints or how slowly it is read.
 */
export class OutputFlow {
  private holds = 0;
  private readonly listeners = new Set<(paused: boolean) => void>();

  get paused(): boolean { return this.holds > 0; }

  /** Pauses output until the returned function is called (once; later calls do nothing). */
  hold(): () => void {
    let released = false;
    this.holds++;
    if (this.holds === 1) { this.notify(true); }
    return () => {
      if (released) { return; }
      released = true;
      this.holds--;
      if (this.holds === 0) { this.notify(false); }
    };
  }

  /** Called with true when output must pause, false when it may flow again. */
  onChange(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  private notify(paused: boolean): void {
    for (const listener of [...this.listeners]) { listener(paused); }
  }
}
