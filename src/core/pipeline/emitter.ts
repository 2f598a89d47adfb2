/** A tiny typed event emitter whose listeners cannot break the emitter's owner. */

export type Listener<T> = (event: T) => void;

export class SafeEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  /** Subscribe; the returned function unsubscribes (safe to call twice). */
  on(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  emit(event: T): void {
    // Copy so a listener may unsubscribe (or subscribe) while we iterate.
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken view must never stop a pipeline or leave processes behind: ignore it.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
