/**
 * The timers and fs watchers a test body created (itself, or anything it started, however much
 * later) that are still alive: what it would leave behind. Counting the process's resources
 * instead (getActiveResourcesInfo) also counts a timer an earlier test's leftover work arms
 * meanwhile in the in-process unit tier (tests38 R3); this counts only the body's own.
 */
import { AsyncLocalStorage, createHook } from 'async_hooks';

/** async_hooks' names: setTimeout/setInterval, and fs.watch. */
export type Owned = 'Timeout' | 'FSEVENTWRAP';

export class OwnResources {
  private readonly context = new AsyncLocalStorage<object>();
  private readonly mine = {};
  private readonly live = new Map<number, string>();
  private readonly hook = createHook({
    // The creator's context is current in init: a resource made inside `run` (or by a callback of one) is the body's.
    init: (id, type) => { if ((type === 'Timeout' || type === 'FSEVENTWRAP') && this.context.getStore() === this.mine) { this.live.set(id, type); } },
    destroy: (id) => { this.live.delete(id); },
  });

  /** Runs `body`, counting what it creates; `close` when done. */
  run<T>(body: () => Promise<T>): Promise<T> {
    this.hook.enable();
    return this.context.run(this.mine, body);
  }

  /** Alive now, of `type`. */
  count(type: Owned): number { return [...this.live.values()].filter((t) => t === type).length; }

  /** What is alive, for a failure's message. */
  describe(): string { return JSON.stringify([...this.live.values()]); }

  close(): void { this.hook.disable(); }
}
