/**
 * A tiny typed event emitter whose listeners cannot break the emitter's owner: a listener that
 * throws is reported (the editor's log, the CLI's stderr) and the other listeners still run. A
 * broken view must never stop a pipeline or leave processes behind, nor fail in silence.
 */

export type Listener<T> = (event: T) => void;
export type ListenerErrorHandler = (error: unknown, event: unknown) => void;

const describe = (e: unknown): string => (e instanceof Error ? e.stack ?? e.message : String(e));
const toStderr: ListenerErrorHandler = (error) => { console.error(`gearshift: an event listener failed: ${describe(error)}`); };
let reportError: ListenerErrorHandler = toStderr;

/**
 * Where listener failures go (the extension: its log channel). Returns a function that puts the
 * previous handler back, for disposal.
 */
export function reportListenerErrors(handler: ListenerErrorHandler): () => void {
  const previous = reportError;
  reportError = handler;
  return () => { if (reportError === handler) { reportError = previous; } };
}

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
      } catch (e) {
        report(e, event);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

function report(error: unknown, event: unknown): void {
  try {
    reportError(error, event);
  } catch {
    // The reporter itself failed (a closed log): nothing better is left to do.
  }
}
