/** The clock the red/green schedule runs on; injected so tests can move time without sleeping. */

export interface Clock {
  /** Wall-clock milliseconds since the epoch (may jump backwards: callers clamp). */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers. Reminder timers are unref'd: a reminder is never a reason to keep a CLI alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
