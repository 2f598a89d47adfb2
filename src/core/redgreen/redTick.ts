/**
 * The red timer's one clock. The status bar, the gauge and `gearshift status` all say
 * "red for 14m" for the same period: the same start, the same rounding (redForAt), and in the
 * editor the same tick, fired on the period's own boundaries (when the text changes) rather
 * than on a fixed interval that drifts up to a minute behind it.
 */
import { type Clock, systemClock } from './clock';
import { elapsedSince, formatRedFor } from './duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "red for 14m" for a period that began at `since`, read at `now`: the one text every view shows. */
export function redForAt(since: number, now: number): string {
  return formatRedFor(elapsedSince(since, now));
}

/**
 * Milliseconds from `now` until redForAt(since, ·) next changes: seconds in the first minute,
 * minutes up to a day ("2h 05m"), hours after ("3d 4h"). A clock set back (now < since)
 * reads "0s" until a second into the period.
 */
export function msToNextRedTick(since: number, now: number): number {
  const elapsed = now - since;
  const t = Math.max(0, elapsed);
  const unit = t < MINUTE ? SECOND : t < DAY ? MINUTE : HOUR;
  return (Math.floor(t / unit) + 1) * unit - elapsed;
}

/**
 * Ticks while any view shows a red timer, at the next boundary of any of them, and tells
 * every listener with one `now`: views that render from it cannot disagree. No timer when
 * nothing is red.
 */
export class RedTicker {
  private readonly shown = new Map<string, number>();
  private readonly listeners = new Set<(now: number) => void>();
  private handle: unknown;
  private disposed = false;

  constructor(private readonly clock: Clock = systemClock) {}

  now(): number { return this.clock.now(); }

  /** `view` shows a timer for a period that began at `since` (undefined: it shows none). */
  show(view: string, since: number | undefined): void {
    const before = this.shown.get(view);
    if (since === undefined || !Number.isFinite(since)) { this.shown.delete(view); } else { this.shown.set(view, since); }
    if (before !== this.shown.get(view)) { this.schedule(); }
  }

  /** Called at each tick with the time every view renders from; returns its unsubscribe. */
  onTick(listener: (now: number) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => { this.listeners.delete(listener); } };
  }

  private schedule(): void {
    if (this.handle !== undefined) { this.clock.clearTimeout(this.handle); this.handle = undefined; }
    if (this.disposed || this.shown.size === 0) { return; }
    const now = this.clock.now();
    const wait = Math.min(...[...this.shown.values()].map((since) => msToNextRedTick(since, now)));
    this.handle = this.clock.setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.handle = undefined;
    const now = this.clock.now();
    try {
      for (const listener of [...this.listeners]) { listener(now); }
    } finally {
      // A listener that called show() has scheduled already; one that threw does not stop the clock.
      if (this.handle === undefined) { this.schedule(); }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.shown.clear();
    this.schedule();
  }
}
