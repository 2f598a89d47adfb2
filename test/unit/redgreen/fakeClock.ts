/**
 * A clock for tests: time moves only when the test says so, and due timers fire in order.
 * Like Node's, its timers run on a monotonic clock: `jump` moves the wall clock (`now()`) only.
 */
import type { Clock } from '../../../src/core/redgreen/clock';

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;
  /** Monotonic time, for timers. */
  private mono = 0;
  /** Wall clock − monotonic time. */
  private offset: number;

  constructor(start = Date.parse('2024-05-01T10:00:00.000Z')) {
    this.offset = start;
  }

  now(): number {
    return this.mono + this.offset;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, due: this.mono + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Pending timers. */
  get size(): number {
    return this.timers.length;
  }

  /** Move forward, firing each timer at its own due time (timers set meanwhile fire too). */
  advance(ms: number): void {
    const end = this.mono + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) { break; }
      this.timers = this.timers.filter((t) => t !== next);
      this.mono = Math.max(this.mono, next.due);
      next.callback();
    }
    this.mono = end;
  }

  /** The wall clock jumps (NTP, a user changing the time) without firing anything. */
  jump(ms: number): void {
    this.offset += ms;
  }
}
