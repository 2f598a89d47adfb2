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
 * open or cut by the window's start (the longest red, and "red for 4m" while red now), or an item
 * dated after `now` (the window's end clamps it). Rates divide by the time observed, counted in
 * whole minutes (historySpan.ts rateSpan): on a history between a day and the window old they hold
 * until the next minute since it began. Deploys under a week old make the gear provisional and
 * withhold bands, citing their span in whole minutes, hours or days (historySpan.ts): stable until
 * that ticks over. Deploy rates (and the gear's pace) divide by the time since the first production
 * deploy or deployment; a gear whose rhythm is short (rhythm.ts) is provisional until the time since
 * the last deploy fills its week: stable until then. Change lead time counts commits still waiting at
 * their age in whole hours, naming the oldest in whole days (leadTime.ts), and the gear says "no
 * production deploy for 25 days" in whole days (rhythm.ts): stable until those tick over where they show.
 */
import { DEFAULT_GEARS } from '../config';
import { CONTINUOUS_LEAD_MS, type CommitSample } from './classify';
import { type Deploy, FUTURE_SKEW_MS, windowDeploys } from './deploys';
import type { GaugeRunFacts } from './gaugeFacts';
import { earliest, FULL_HISTORY_MS, rateSpanChangesAt, shortSpanChangesAt, spanTextChangesAt } from './historySpan';
import { SLACK_MS } from './gaugeLog';
import { leadTimeChangesAt } from './leadTime';
import { quietChangesAt, rhythmFlipTimes } from './rhythm';
import type { RedSpan } from './redPeriods';
import { DAY_MS } from './stats';

export interface StabilityInput {
  /** The clock the figures were computed at. */
  readonly now: number;
  readonly windowMs: number;
  readonly facts: GaugeRunFacts;
  /** Every production deploy the gauge took (history and tags), oldest first. */
  readonly deploys: readonly Deploy[];
  /** Oldest first, as gatherGaugeInputs gives them. */
  readonly commits: readonly CommitSample[];
  readonly redSpans: readonly RedSpan[];
  /** Every commit time (seconds) in git's answers: HEAD's bounded log and the deployed tips' logs. */
  readonly gitTimes: ArrayLike<number>;
  /** `gears.sprint` (2nd gear's limit: rhythm.ts); default DEFAULT_GEARS.sprintMs. */
  readonly sprintMs?: number;
}

/** The first instant after `now` the figures may differ; `now` itself when they may change at any instant. */
export function gaugeStableUntil(input: StabilityInput): number {
  const { now, windowMs: w, facts } = input;
  if (facts.future > 0 || input.redSpans.some((p) => !isClosedOutside(p, now - w))) { return now; }
  const h = new Horizon(now);
  // Rates divide by the time observed in the window (classify.ts): at least a day, whole minutes, at most the window.
  const observedSince = Math.min(facts.firstRunAt, input.deploys[0]?.at ?? Infinity, input.commits[0]?.at ?? Infinity);
  h.add(observedSince, rateChangesAt(observedSince, now, w) - observedSince);
  // Under a week, commits per day reads as counted over that time ("9 commits in 20 minutes"): until it ticks over.
  if (Number.isFinite(observedSince) && observedSince > now - w) { h.add(now, spanTextChangesAt(observedSince, now, FULL_HISTORY_MS, true) - now); }
  // Deploy rates (and the gear's pace) divide by the time since the first production deploy or deployment: the same.
  const deploysSince = Math.min(input.deploys[0]?.at ?? Infinity, earliest(facts.timeline.outcomes));
  h.add(deploysSince, rateChangesAt(deploysSince, now, w) - deploysSince);
  // A gear whose rhythm is short (rhythm.ts) stops being provisional when the time since the last deploy fills its week.
  const inWindow = windowDeploys(input.deploys, now, w).deploys;
  for (const at of rhythmFlipTimes(inWindow, now, w, input.sprintMs ?? DEFAULT_GEARS.sprintMs)) { h.add(now, at - now); }
  // The gear's "no production deploy for 25 days" (rhythm.ts quietText): whole days since the last deploy.
  h.add(now, quietChangesAt(inWindow.length > 0 ? inWindow[inWindow.length - 1].at : NaN, now, input.sprintMs ?? DEFAULT_GEARS.sprintMs) - now);
  // Deploys or deployments under a week old: the gear is provisional and bands withheld, citing
  // their span ("20 minutes of deploy history"): until it ticks over (historySpan.ts).
  const provisional = Math.min(shortSpanChangesAt(input.deploys[0]?.at ?? Infinity, now, w), shortSpanChangesAt(earliest(facts.timeline.outcomes), now, w));
  if (provisional <= now) { return now; }
  if (Number.isFinite(provisional)) { h.add(now, provisional - now); }
  // Runs or deploys on record for less than the window: the checklist's "never red" cites that span ("in 3 days of history"): until it ticks over.
  const recordedSince = Math.min(facts.firstRunAt, input.deploys[0]?.at ?? Infinity);
  if (Number.isFinite(recordedSince) && recordedSince > now - w) { h.add(now, spanTextChangesAt(recordedSince, now, w) - now); }
  h.addTimes(facts.runAt, w);
  h.addAts(input.deploys, w).addAts(input.deploys, w + SLACK_MS);
  // Rework's window before this one is [start − (window + skew), start − 1]: an outcome leaves this
  // window after + w, enters that one at + w + 1 (not the same instant for a time with a fraction
  // of a millisecond, a stage's measured duration), and leaves it after + 2w + skew.
  h.addAts(facts.timeline.outcomes, w).addAts(facts.timeline.outcomes, w + 1).addAts(facts.timeline.outcomes, 2 * w + FUTURE_SKEW_MS);
  for (const r of facts.timeline.recoveries) { h.add(r.recoveredAt, w); h.check(r.failedAt); }
  for (const p of input.redSpans) { h.add(p.since, w); h.add(p.until as number, w); }
  h.addAts(input.commits, w).addAts(input.commits, CONTINUOUS_LEAD_MS);
  // Change lead time counts a waiting commit at its age so far (leadTime.ts): until that reads otherwise.
  h.add(now, leadTimeChangesAt(input.commits, now - w, now) - now);
  // git's bound is whole seconds (--max-age=floor((now − w − slack) / 1000)): a commit of second t
  // stays in its answer until the bound passes t, a second after now − w − slack reached it.
  h.addTimes(input.gitTimes, w, 1000).addTimes(input.gitTimes, w + SLACK_MS + 1000, 1000);
  return h.ok ? h.until : now;
}

/**
 * When a rate over the time since `since` (classify.ts: a day at least, whole minutes, the window
 * at most) may next change: younger than a day it is a day until then; Infinity without a `since`.
 */
function rateChangesAt(since: number, now: number, windowMs: number): number {
  if (!Number.isFinite(since)) { return Infinity; }
  return since > now - DAY_MS ? since + DAY_MS : rateSpanChangesAt(since, now, windowMs);
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

  /** An item at `at` whose membership flips at `at + offset`. */
  add(at: number, offset: number): void {
    if (this.check(at)) { this.flipsAt(at + offset); }
  }

  // The two loops below run over every run, deploy, outcome and commit on a call that keeps the
  // figures, in code still cold then: one inline loop each, no call per item (10,000 lived-in runs,
  // load 3: the scan ≈ 11.6 → 8 ms of a 152 ms call; the figures are kept on a second call only).

  /** add(times[i] × scale, offset) for each i. */
  addTimes(times: ArrayLike<number>, offset: number, scale = 1): this {
    const now = this.now;
    let until = this.until;
    for (let i = 0; i < times.length; i++) {
      const at = times[i] * scale;
      if (at - at !== 0) { continue; } // NaN or ±Infinity: never inside any window
      if (at > now) { this.ok = false; continue; }
      const flip = at + offset;
      if (flip >= now && flip < until) { until = flip; }
    }
    this.until = until;
    return this;
  }

  /** add(items[i].at, offset) for each i. */
  addAts(items: readonly { readonly at: number }[], offset: number): this {
    const now = this.now;
    let until = this.until;
    for (let i = 0; i < items.length; i++) {
      const at = items[i].at;
      if (at - at !== 0) { continue; }
      if (at > now) { this.ok = false; continue; }
      const flip = at + offset;
      if (flip >= now && flip < until) { until = flip; }
    }
    this.until = until;
    return this;
  }

  private flipsAt(flip: number): void {
    if (flip >= this.now && flip < this.until) { this.until = flip; }
  }

  /** Whether `at` is a time at or before `now` (a NaN is never inside any window: compared, it is always false). */
  check(at: number): boolean {
    if (!Number.isFinite(at)) { return false; }
    if (at > this.now) { this.ok = false; return false; }
    return true;
  }
}
