/**
 * What the gauge webview shows (the data of the webview protocol, src/vscode/gauge/protocol.ts):
 * the core gauge model turned into display strings. Strings stay data; the page sets them with
 * textContent only.
 */
import type { Band } from './bands';
import { DORA_KEYS, type DoraKey, type DoraMetric } from './dora';
import type { GaugeModel } from './gaugeState';
import { formatDuration, formatElapsed, shortSha, treeText } from '../format';
import type { RunRecord } from '../pipeline';
import { sparkLabels, type SparkLabels } from './sparkLabels';

/** What commit tracking and deploys add to the gauge (null until they know). */
export type GaugeExtras = Pick<GaugeView, 'pending' | 'liveSlot' | 'monitor'> & Partial<Pick<GaugeView, 'nextStep' | 'productionUnknown'>>;

export const NO_EXTRAS: GaugeExtras = { pending: null, liveSlot: null, monitor: null };

export function toGaugeView(model: GaugeModel, lastRun: RunRecord | undefined, extras: GaugeExtras = NO_EXTRAS, now = Date.now()): GaugeView {
  return {
    gear: model.gear,
    dora: DORA_KEYS.map((key) => doraRow(key, model.dora[key])),
    metrics: model.metrics.map((m) => ({ id: m.id, label: m.label, display: m.detail ? `${m.display} · ${m.detail}` : m.display })),
    bandSource: model.source.bandSource,
    bandYear: model.source.bandYear,
    sparklines: { deploysPerWeek: model.sparklines.deploysPerWeek, pipelineDurationsMs: model.sparklines.pipelineDurations },
    sparkLabels: sparkLabels(model.sparklines.deploysPerWeek, model.sparklines.pipelineDurations, extras.monitor),
    stages: model.stageDurations.map((s) => ({ name: treeText(s.name), medianMs: s.medianMs, display: formatDuration(s.medianMs), longest: s.longest })),
    checklist: model.checklist,
    rules: model.rules,
    lastRun: lastRun ? lastRunLine(lastRun, now) : null,
    ...extras,
    pending: extras.pending ? { ...extras.pending, everGreen: model.greenSeen } : null,
    nextStep: walkthroughLink(model, extras.nextStep),
  };
}

/** What waits for production (or a green run), as the gauge lists it: the newest 10, each with its age and its time (the ages tick). */
export function pendingView(waiting: {
  readonly count: number; readonly finish: 'production' | 'green run'; readonly oldest?: { readonly time: string };
  readonly commits: readonly { readonly sha: string; readonly subject: string; readonly time: string }[];
}, now: number): NonNullable<GaugeView['pending']> {
  const oldestAt = waiting.oldest ? Date.parse(waiting.oldest.time) : NaN;
  return {
    count: waiting.count, finish: waiting.finish,
    oldestAge: Number.isFinite(oldestAt) ? formatElapsed(now - oldestAt) : '', ...(Number.isFinite(oldestAt) ? { oldestAt } : {}),
    commits: [...waiting.commits].reverse().slice(0, 10).map((c) => {
      const at = Date.parse(c.time);
      return { sha: shortSha(c.sha), subject: treeText(c.subject), age: `${formatElapsed(now - at)} ago`, ...(Number.isFinite(at) ? { at } : {}) };
    }),
  };
}

/** The last run's line; its age ticks (gaugeAges) from `at`, the run's end (or start while it goes). */
function lastRunLine(run: RunRecord, now: number): NonNullable<GaugeView['lastRun']> {
  const at = Date.parse(run.endedAt ?? run.startedAt);
  const trigger = treeText(String(run.trigger));
  return {
    state: run.state, sha: shortSha(run.sha), branch: treeText(run.branch),
    subject: typeof run.subject === 'string' ? treeText(run.subject) : '',
    trigger, at: Number.isFinite(at) ? at : null, when: lastRunWhen(trigger, at, now),
  };
}

function lastRunWhen(trigger: string, at: number, now: number): string {
  return Number.isFinite(at) ? `${trigger} run, ${ageText(at, now)}` : `${trigger} run`;
}

/** "12s ago", "4m ago": whole units rounded down, as the red timer (formatElapsed), so it ticks on the same boundaries (redTick.ts). */
export function ageText(at: number, now: number): string {
  return `${formatElapsed(now - at)} ago`;
}

/** The page's "… ago" texts, read again at `now`: the provider posts them on each tick, the page redraws them in place (review39 L5). */
export interface GaugeAges {
  readonly lastRun: string | null;
  readonly oldestAge: string | null;
  readonly commitAges: readonly string[];
}

export function gaugeAges(view: Pick<GaugeView, 'lastRun' | 'pending'>, now: number): GaugeAges {
  const last = view.lastRun;
  const p = view.pending;
  return {
    lastRun: last ? (last.at !== null && last.at !== undefined ? lastRunWhen(last.trigger ?? '', last.at, now) : last.when) : null,
    oldestAge: p ? (typeof p.oldestAt === 'number' ? formatElapsed(now - p.oldestAt) : p.oldestAge) : null,
    commitAges: p ? p.commits.map((c) => (typeof c.at === 'number' ? ageText(c.at, now) : c.age)) : [],
  };
}

/** The times the ages count from: what the ticker waits on (each changes its text on its own boundaries). */
export function ageSinces(view: Pick<GaugeView, 'lastRun' | 'pending'>): number[] {
  const out: number[] = [];
  if (typeof view.lastRun?.at === 'number') { out.push(view.lastRun.at); }
  for (const c of view.pending?.commits ?? []) { if (typeof c.at === 'number') { out.push(c.at); } }
  if (typeof view.pending?.oldestAt === 'number') { out.push(view.pending.oldestAt); }
  return out;
}

/**
 * While red, the one next step is bringing it back to green (firsthour34 F8): a walkthrough link
 * to a later step (deploy to non-prod …) would compete with "fix or revert it", so only the
 * steps about getting green are linked then.
 */
function walkthroughLink(model: GaugeModel, next: GaugeView['nextStep'] | undefined): GaugeView['nextStep'] {
  if (!next) { return null; }
  return model.gear.redTimer && next.id !== 'greenRun' && next.id !== 'redToGreen' ? null : next;
}

function doraRow(key: DoraKey, m: DoraMetric): GaugeView['dora'][number] {
  return {
    key, label: m.label, group: m.group, display: m.display, detail: m.detail, sampleSize: m.sampleSize,
    band: m.band ?? null, bandYear: m.bandYear ?? null, enough: m.value !== null, trend: m.trend ?? null, withheld: m.bandWithheld ?? null, notMeasured: m.notMeasured ?? null,
  };
}

export interface GaugeView {
  readonly gear: {
    /** null = neutral: no production deploy seen in the window. */
    readonly number: 1 | 2 | 3 | 4 | 5 | null;
    readonly name: string;
    readonly rhythm: string;
    readonly limitingFactor: string;
    readonly why: string;
    readonly next: readonly string[];
    /** "provisional: 20 minutes of deploy history" while the first production deploy is under a week old; null otherwise. */
    readonly provisional: string | null;
    /** 5th gear's rule holds but the pipeline is red now. */
    readonly heldBack: boolean;
    /** Red now: the timer `why` starts with, the period's start and the rest of `why`; the page redraws the timer alone on each `redTimer` message. */
    readonly redTimer: { readonly since: number; readonly text: string; readonly rest: string } | null;
  };
  /** DORA's five, throughput then instability. `bandYear` null: no published bands (rework rate). */
  readonly dora: readonly {
    readonly key: string; readonly label: string; readonly group: 'throughput' | 'instability'; readonly display: string; readonly detail: string;
    readonly sampleSize: number; readonly band: Band | null; readonly bandYear: number | null; readonly enough: boolean;
    readonly trend: 'up' | 'down' | 'flat' | null;
    /** Why a band is not shown although the metric has a value: too little history. */
    readonly withheld: string | null;
    /** Why there is no value although it is not the sample: "not measured: the pipeline file has errors". */
    readonly notMeasured: string | null;
  }[];
  /** The talk's speed limits (no band). */
  readonly metrics: readonly { readonly id: string; readonly label: string; readonly display: string }[];
  readonly bandSource: string;
  readonly bandYear: number;
  readonly sparklines: { readonly deploysPerWeek: readonly number[]; readonly pipelineDurationsMs: readonly number[] };
  /** The sparklines (the monitor's too) in words: their names for a screen reader. */
  readonly sparkLabels: SparkLabels;
  readonly stages: readonly { readonly name: string; readonly display: string; readonly medianMs: number; readonly longest: boolean }[];
  readonly checklist: readonly { readonly id: string; readonly gear: number; readonly label: string; readonly status: 'done' | 'missing' | 'unknown'; readonly how: string }[];
  readonly rules: readonly string[];
  /** `at`: when it ended (started, while it goes), epoch ms; `when` is "commit run, 12s ago" at the view's time, redrawn by `ages` messages. */
  readonly lastRun: {
    readonly state: string; readonly sha: string; readonly branch: string; readonly subject: string; readonly when: string;
    readonly trigger?: string; readonly at?: number | null;
  } | null;
  /**
   * Commits not yet deployed to production; `finish` 'green run': the pipeline has no production stage, so they wait for a green run.
   * `oldestAt` and each commit's `at` (commit time, epoch ms) let the ages tick; `everGreen` false: no run of the pipeline was ever green.
   */
  readonly pending: {
    readonly count: number; readonly finish?: 'production' | 'green run'; readonly oldestAge: string; readonly oldestAt?: number;
    readonly everGreen?: boolean;
    /** 'head': HEAD's commits production does not serve (counted from what is live); absent: the commits made since the window opened. */
    readonly scope?: 'head';
    readonly commits: readonly { readonly sha: string; readonly subject: string; readonly age: string; readonly at?: number }[];
  } | null;
  /** Blue/green: the live slot, when configured. */
  readonly liveSlot: string | null;
  /**
   * Without blue/green, a deploy stopped in its production stages: what is live is unknown, in
   * `gearshift status`'s words (core/deploy productionUnknownText); null or absent when known.
   */
  readonly productionUnknown?: string | null;
  /** Error rate per interval of the last monitoring window, when there was one. */
  readonly monitor: readonly number[] | null;
  /** The walkthrough's next unfinished step (the gauge links to it); null when all are done or unknown. */
  readonly nextStep: { readonly id: string; readonly title: string } | null;
}
