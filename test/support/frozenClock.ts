/**
 * `Date.now` frozen at `start` for every test of the calling suite, restored after each: what
 * the CLI tests that compare answers across calls (caches, memos) need, since the answer
 * depends on the clock. `advance` moves it within a test.
 */
export interface FrozenClock {
  readonly now: number;
  advance(ms: number): void;
}

export function useFrozenClock(start: number): FrozenClock {
  const realNow = Date.now;
  let now = start;
  beforeEach(() => { now = start; Date.now = () => now; });
  afterEach(() => { Date.now = realNow; });
  return { get now() { return now; }, advance(ms) { now += ms; } };
}
