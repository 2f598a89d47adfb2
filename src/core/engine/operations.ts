/**
 * Work an engine does outside a run: monitoring on its own, a switch or a rollback by hand. A
 * run's stages die with engine.dispose(); these ran on until they ended by themselves, though
 * their probe or switch script runs in its own process group: the editor's extension host exits
 * about 5 s after deactivate, and such a process outlived it, with no run in history to name it
 * for a later clean-up. So each runs with a signal that also aborts on dispose, which waits for it.
 */
export class EngineOperations {
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work` with a signal that aborts with `signal` (the caller's cancel) or on stop(); stop() waits for it. */
  run<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const either = new AbortController();
    const abort = (): void => either.abort();
    const sources = [this.stopping.signal, ...(signal ? [signal] : [])];
    for (const s of sources) {
      if (s.aborted) { either.abort(); } else { s.addEventListener('abort', abort, { once: true }); }
    }
    const done = work(either.signal).finally(() => {
      this.running.delete(done);
      for (const s of sources) { s.removeEventListener('abort', abort); }
    });
    this.running.add(done);
    return done;
  }

  /** Aborts every operation, and any started from now on; resolves once all have ended (never rejects). */
  async stop(): Promise<void> {
    this.stopping.abort();
    while (this.running.size > 0) { await Promise.allSettled([...this.running]); }
  }
}
