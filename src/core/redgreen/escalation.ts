/**
 * Escalation schedule: a `wentRed` notification when a run goes red, reminders every
 * `reminderMs` (level 1, 2, 3… each firmer) until a run is green again, then `backToGreen` once.
 * A commit made while red gets one gentle "is this the fix?" per red period.
 *
 * Pure apart from the injected clock. One schedule per repository (pass `repo`). The next
 * reminder is due `reminderMs` after the previous notification; the delay is clamped to
 * [0, reminderMs], so a wall clock set backwards cannot postpone reminders for hours, and a
 * laptop waking from sleep gets one reminder (one level up), not a burst of missed ones.
 */
import { SafeEmitter } from '../pipeline';
import type { RunRecord } from '../pipeline';
import type { Clock } from './clock';
import { elapsedSince } from './duration';
import { backToGreenMessage, commitWhileRedMessage, redAgainMessage, reminderMessage, wentRedMessage, type MessageFacts } from './messages';
import { endTimeOf, failingNow, type RedPeriod, type Recovery } from './period';
import { step } from './transition';

export const DEFAULT_REMINDER_MS = 15 * 60_000;
/** A cause told before in a red period is said again, when it is not the one on top, no sooner than this after the last (rereview39b). */
export const CAUSE_AGAIN_MS = 2 * 60_000;
/** Below this a non-zero interval is raised to it: "15" meant as minutes must not spam every 15 ms. */
export const MIN_REMINDER_MS = 60_000;
/** setTimeout's ceiling (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface EventBase {
  repo: string;
  /** 0 for wentRed, n for the nth reminder; backToGreen and commitWhileRed carry the current level. */
  level: number;
  /** Epoch ms the red period began. */
  redSince: number;
  /** How long it has been red (backToGreen: how long it was red). Never negative. */
  redForMs: number;
  /** The stage failing now (the latest red run's); for backToGreen, the one stage that passes again. */
  failedStage?: string;
  /** The stage that turned it red, when the one failing now is another. */
  firstFailedStage?: string;
  /** The latest red run; for backToGreen, the green run. */
  run: RunRecord;
  /** The run that turned the pipeline red, when it is not `run`. */
  brokenBy?: RunRecord;
  /** Ready-to-show plain text. */
  message: string;
}

export type EscalationEvent =
  | EventBase & { type: 'wentRed' | 'reminder' }
  | EventBase & { type: 'backToGreen'; recovery: Recovery }
  /** `runs`: the commit starts its own run (trigger: commit), so nobody needs to be offered one. */
  | EventBase & { type: 'commitWhileRed'; sha: string; runs: boolean }
  /**
   * Another red run while red (every one, for the log). `causeChanged`: it fails at a stage no red notification named in
   * this period, so it is said again with the new cause; a cause already told is not (no toast per red run, even when it flaps).
   */
  | EventBase & { type: 'stillRed'; causeChanged: boolean };

export interface EscalationOptions {
  clock: Clock;
  /** Reminder interval in ms; 0 turns reminders off. Default 15 minutes. */
  reminderMs?: number;
  /** Folder name shown in messages when several repositories are open. */
  repo?: string;
}

export class EscalationSchedule {
  private readonly clock: Clock;
  private readonly repo: string;
  private readonly events = new SafeEmitter<EscalationEvent>();
  private reminderMs: number;
  private period: RedPeriod | undefined;
  private level = 0;
  private lastNotifiedAt = 0;
  private askedAboutCommit = false;
  /**
   * The causes red notifications (went red, a new cause, a reminder) named in this period, the last one named and when: a
   * red run failing at a stage not yet told is said at once; at a stage told before, but not the one on top now, it is
   * said again once CAUSE_AGAIN_MS have passed since the last cause was said (so a flapping cause toasts a few times an
   * hour, not every run, and the notification on top names what fails within minutes).
   */
  private toldStages = new Set<string | undefined>();
  private lastTold: { stage: string | undefined; at: number } | undefined;
  private timer: unknown;
  private disposed = false;

  constructor(options: EscalationOptions) {
    this.clock = options.clock;
    this.repo = options.repo ?? '';
    this.reminderMs = normalizeReminderMs(options.reminderMs ?? DEFAULT_REMINDER_MS);
  }

  onEvent(listener: (event: EscalationEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Feed every run record (started and ended); only verdicts move the schedule. */
  onRun(run: RunRecord): void {
    if (this.disposed) { return; }
    const now = this.clock.now();
    const before = this.period;
    const next = step(before, run, this.repo, now);
    this.period = next.period;
    const change = next.change;
    if (change?.type === 'wentRed') {
      this.level = 0;
      this.lastNotifiedAt = now;
      this.askedAboutCommit = false;
      this.toldStages.clear();
      this.lastTold = undefined;
      this.emit('wentRed', change.period.latestRedRun, now);
      this.schedule();
    } else if (change?.type === 'stillRed') {
      this.redAgain(now);
    } else if (change?.type === 'recovered') {
      this.cancelTimer();
      const { recovery, greenRun } = change;
      // brokenBy: the last red run, where the stage that passes again last failed (a stage it had that the green run lacks was removed).
      const facts = {
        repo: this.repo, ...(recovery.fixedStage !== undefined ? { failedStage: recovery.fixedStage } : {}), ...(recovery.severalFixed === true ? { severalFixed: true } : {}),
        run: greenRun, brokenBy: before?.latestRedRun, redForMs: recovery.durationMs,
      };
      this.events.emit({
        type: 'backToGreen', ...facts, level: this.level, redSince: recovery.redSince, recovery, message: backToGreenMessage(facts),
      });
    }
  }

  /** A new local commit. While red, asks once per red period whether it is the fix. */
  onCommit(sha: string, runs = false): void {
    if (this.disposed || !this.period || this.askedAboutCommit) { return; }
    this.askedAboutCommit = true;
    const p = this.period;
    const facts = this.factsOf(p, p.latestRedRun, this.clock.now());
    this.events.emit({ type: 'commitWhileRed', ...facts, sha, runs, level: this.level, redSince: p.redSince, message: commitWhileRedMessage(facts, sha, runs) });
  }

  /**
   * After a reload: continue a red period found in history (redPeriodFromHistory) without
   * announcing it again. The level picks up where the reminders would have been. `told`: the
   * causes its red runs named before (causesOfPeriod); they are not "a new reason" when they fail again.
   */
  restore(period: RedPeriod | undefined, told: ReadonlyArray<string | undefined> = []): void {
    if (this.disposed) { return; }
    this.cancelTimer();
    this.period = period;
    this.askedAboutCommit = false;
    this.toldStages = new Set(period ? [...told, failingNow(period)] : []);
    this.lastTold = period ? { stage: failingNow(period), at: this.clock.now() } : undefined;
    if (!period) { this.level = 0; return; }
    const elapsed = elapsedSince(period.redSince, this.clock.now());
    this.level = this.reminderMs > 0 ? Math.floor(elapsed / this.reminderMs) : 0;
    this.lastNotifiedAt = period.redSince + this.level * this.reminderMs;
    this.schedule();
  }

  /** The same red period as read again from history (another process added to it): its facts, no new announcement. */
  refresh(period: RedPeriod): void {
    if (this.disposed || this.period?.redRun.id !== period.redRun.id) { return; }
    const was = this.period.latestRedRun;
    // A newer red run only: a read that missed our own latest run must not say an older one again.
    const newRed = was.id !== period.latestRedRun.id && endTimeOf(period.latestRedRun, 0) >= endTimeOf(was, 0);
    this.period = period;
    // That process said its red in its own terminal; this window still hears a red run that fails elsewhere (review39 M4).
    if (newRed) { this.redAgain(this.clock.now()); }
  }

  /** Change the interval (a setting changed); applies to the current red period at once. */
  setReminderMs(ms: number): void {
    this.reminderMs = normalizeReminderMs(ms);
    if (!this.disposed) { this.schedule(); }
  }

  /** The open red period, if the pipeline is red. */
  get redPeriod(): RedPeriod | undefined {
    return this.period;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.events.clear();
  }

  private remind(): void {
    this.timer = undefined;
    if (this.disposed || !this.period) { return; }
    const now = this.clock.now();
    this.level += 1;
    this.lastNotifiedAt = now;
    this.emit('reminder', this.period.latestRedRun, now);
    this.schedule();
  }

  /**
   * A red run in the open period: always an event (the log names every red run's cause). A cause not told in this period
   * is said (causeChanged); it does not move the reminders, which keep their cadence from the period's start (rereview39 F2).
   */
  private redAgain(now: number): void {
    const p = this.period as RedPeriod;
    const facts = this.factsOf(p, p.latestRedRun, now);
    const stage = facts.failedStage;
    const causeChanged = !this.toldStages.has(stage)
      || (this.lastTold !== undefined && this.lastTold.stage !== stage && now - this.lastTold.at >= CAUSE_AGAIN_MS);
    if (causeChanged) { this.told(stage, now); }
    this.events.emit({ type: 'stillRed', ...facts, causeChanged, level: this.level, redSince: p.redSince, message: redAgainMessage(facts, causeChanged) });
  }

  private told(stage: string | undefined, now: number): void {
    this.toldStages.add(stage);
    this.lastTold = { stage, at: now };
  }

  /** What a red event says: the stage failing now (the latest red run's), and the one that turned it red when that is another. */
  private factsOf(p: RedPeriod, run: RunRecord, now: number): MessageFacts & { redForMs: number } {
    const stage = failingNow(p);
    return {
      repo: this.repo, ...(stage !== undefined ? { failedStage: stage } : {}),
      ...(p.failedStage !== undefined && p.failedStage !== stage ? { firstFailedStage: p.failedStage } : {}),
      run, brokenBy: p.redRun, redForMs: elapsedSince(p.redSince, now),
    };
  }

  private emit(type: 'wentRed' | 'reminder', run: RunRecord, now: number): void {
    const p = this.period as RedPeriod;
    const facts = this.factsOf(p, run, now);
    this.told(facts.failedStage, now);
    const message = type === 'wentRed' ? wentRedMessage(facts) : reminderMessage(facts, this.level);
    this.events.emit({ type, ...facts, level: this.level, redSince: p.redSince, message });
  }

  private schedule(): void {
    this.cancelTimer();
    if (!this.period || this.reminderMs === 0) { return; }
    const due = this.lastNotifiedAt + this.reminderMs;
    const delay = Math.min(this.reminderMs, Math.max(0, due - this.clock.now()));
    this.timer = this.clock.setTimeout(() => this.remind(), delay);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

/** 0, negative or not a number → off; otherwise between MIN_REMINDER_MS and setTimeout's ceiling. */
export function normalizeReminderMs(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) { return 0; }
  return Math.min(MAX_TIMER_MS, Math.max(MIN_REMINDER_MS, Math.round(ms)));
}
