/**
 * Until when the gauge's figures (the gear, DORA's metrics, the speed limits, the checklist:
 * what `status --json` and `gear --json` print) stay what they are as the clock moves on and
 * nothing else changes. They read the clock only through which runs, deploys, outcomes,
 * recoveries, red periods and commits fall inside the window (`now − window … now`), the window
 * before it (rework's trend), a day's lead (the 5th gear's share) and git's bounded log (a day
 * of slack before the window). An item's membership flips once, when the clock passes its
 * time plus one of those offsets. So the figures hold until the first such instant after
 * `now`, and a caller may print them again without computing them (cli/gaugeAnswer.ts).
 *
 * Nothing is stable where a figure changes with every millisecond instead: a red period still
 * open or cut by the window's start (the longest red), a history younger than the window (rates
 * divide by the time observed), or an item dated after `now` (the window's end clamps it).
 */
import { CONTINUOUS_LEAD_MS, type CommitSample } from './classify';
import { type Deploy, FUTURE_SKEW_MS } from './deploys';
import type { GaugeRunFacts } from './gaugeFacts';
import { SLACK_MS } from './gaugeLog';
import type { RedSpan } from './redPeriods';

export interface StabilityInput {
  /** The clock the figures were computed at. */
  readonly now: number;
  readonly windowMs: number;
  readonly facts: GaugeRunFacts;
  /** Every production deploy the gauge took (history and tags), oldest first. */
  readonly deploys: readonly Deploy[];
  readonly commits: readonly CommitSample[];
  readonly redSpans: readonly RedSpan[];
  /** Every commit time (seconds) in git's answers: HEAD's bounded log and the deployed tips' logs. */
  readonly gitTimes: ArrayLike<number>;
}

/** The first instant after `now` the figures may differ; `now` itself when they may change at any instant. */
export function gaugeStableUntil(input: StabilityInput): number {
  const { now, windowMs: w, facts } = input;
  const observedSince = Math.min(facts.firstRunAt, input.deploys.length ? input.deploys[0].at : Infinity);
  if (facts.future > 0 || !(observedSince <= now - w) || input.redSpans.some((p) => !isClosedOutside(p, now - w))) { return now; }
  const h = new Horizon(now);
  for (const at of facts.runAt) { h.add(at, [w]); }
  for (const d of input.deploys) { h.add(d.at, [w, w + SLACK_MS]); }
  // Rework's window before this one is [start − (window + skew), start − 1]: an outcome leaves
  // this window (+ w) just before it enters that one (+ w + 1), and leaves that at + 2w + skew.
  for (const o of facts.timeline.outcomes) { h.add(o.at, [w, 2 * w + FUTURE_SKEW_MS]); }
  for (const r of facts.timeline.recoveries) { h.add(r.recoveredAt, [w]); h.add(r.failedAt, []); }
  for (const p of input.redSpans) { h.add(p.since, [w]); h.add(p.until as number, [w]); }
  for (const c of input.commits) { h.add(c.at, [w, CONTINUOUS_LEAD_MS]); }
  // git's bound is whole seconds (--max-age=floor((now − w − slack) / 1000)): a commit of second t
  // stays in its answer until the bound passes t, a second after now − w − slack reached it.
  for (let i = 0; i < input.gitTimes.length; i++) { h.add(input.gitTimes[i] * 1000, [w, w + SLACK_MS + 1000]); }
  return h.ok ? h.until : now;
}

/** Closed, and not across the window's start (then its part inside shrinks as the clock moves). */
function isClosedOutside(p: RedSpan, windowStart: number): boolean {
  return typeof p.until === 'number' && Number.isFinite(p.until) && !(p.since < windowStart && p.until > windowStart);
}

/** The earliest flip at or after `now`; not ok once an item is dated after `now`. */
class Horizon {
  until = Infinity;
  ok = true;

  constructor(private readonly now: number) {}

  add(at: number, offsets: readonly number[]): void {
    if (!Number.isFinite(at)) { return; } // never inside any window: compared, it is always false
    if (at > this.now) { this.ok = false; return; }
    for (const offset of offsets) {
      const flip = at + offset;
      if (flip >= this.now && flip < this.until) { this.until = flip; }
    }
  }
}
