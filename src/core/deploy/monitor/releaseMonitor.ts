/**
 * Post-deploy monitoring. `baseline()` samples the probes before a deploy; `watch()` samples
 * them after it, interval by interval, and returns as soon as one interval trips the alarm
 * (decide.ts), or `{ tripped: false }` once the window has passed. Every interval each probe
 * yields one rate; listeners get every sample live (terminal lines, sparklines).
 *
 * Intervals are back to back: the next starts when the current one has lasted `intervalMs`
 * and every probe has finished (a probe slower than its interval stretches it; the window is
 * `ceil(windowMs / intervalMs)` intervals). Cancel (AbortSignal) or a trip abandons the
 * interval: timers are cleared, requests destroyed, commands' process groups killed, and the
 * call returns only once all of that is done.
 */
import type { MonitorConfig, MonitorProbe } from '../../config';
import { RUN_COOKIE_VAR, SafeEmitter } from '../../pipeline';
import { formatDuration } from '../../format';
import { summariseBaseline } from './baseline';
import { CommandProbe } from './commandProbe';
import { CompareProbe } from './compareProbe';
import { Judge } from './judge';
import { limitsOf, type Verdict } from './analysis';
import { HttpProbe } from './httpProbe';
import { LogProbe } from './logProbe';
import { type Baseline, type Clock, delay, type LiveSlots, type MonitorResult, type MonitorSample, type Probe, type ProbeSample, systemClock } from './types';

export interface MonitorOptions {
  /** Repository root: command probes run here, log paths resolve from here. */
  root: string;
  clock?: Clock;
  /** Env for command probes. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * The run the monitoring belongs to (a production deploy's): its command probes carry the run's
   * cookie, so a run killed (-9) mid-window leaves no probe the next command's clean-up cannot find.
   */
  runId?: string;
}

export class Monitor {
  private readonly probes: Probe[];
  private readonly clock: Clock;
  private readonly emitter = new SafeEmitter<MonitorSample>();
  private baselineRates = new Map<string, number>();
  private lastBaseline: Baseline | undefined;
  private watchIntervals = 0;

  /** Throws on a probe that cannot work at all (bad URL scheme, invalid regex). */
  constructor(readonly config: MonitorConfig, opts: MonitorOptions) {
    this.clock = opts.clock ?? systemClock;
    const env = { ...(opts.env ?? process.env), ...(opts.runId !== undefined ? { [RUN_COOKIE_VAR]: opts.runId } : {}) };
    this.probes = config.probes.map((p) => makeProbe(p, opts.root, env));
  }

  onSample(listener: (sample: MonitorSample) => void): () => void {
    return this.emitter.on(listener);
  }

  /** The last baseline taken, if any. */
  get lastBaselineResult(): Baseline | undefined { return this.lastBaseline; }

  /** Samples for `baselineMs` (at least one interval) and remembers the result for watch(). */
  async baseline(signal?: AbortSignal): Promise<Baseline> {
    const samples = new Map<string, ProbeSample[]>(this.probes.map((p) => [p.name, []]));
    if (this.config.baselineMs > 0) {
      await Promise.all(this.probes.map((p) => p.prime()));
      const count = Math.max(1, Math.round(this.config.baselineMs / this.config.intervalMs));
      for (let i = 1; i <= count && !signal?.aborted; i++) {
        const { samples: got } = await this.interval('baseline', i, signal);
        for (const s of got) { samples.get(s.probe)?.push(s); }
      }
    }
    const result = summariseBaseline(this.config, samples, signal?.aborted ?? false);
    this.baselineRates = new Map(result.probes.flatMap((p) => (p.rate !== undefined ? [[p.probe, p.rate] as const] : [])));
    this.lastBaseline = result;
    return result;
  }

  /**
   * Watches for the window and judges it (analysis.ts); resolves early on a failure, on too many
   * probe errors in a row, or on cancel. `slots`: live and previous, for compare probes. Never rejects.
   */
  async watch(signal?: AbortSignal, slots?: LiveSlots): Promise<MonitorResult> {
    const count = Math.max(1, Math.ceil(this.config.windowMs / this.config.intervalMs));
    this.watchIntervals = count;
    const judge = new Judge(this.config, this.probes.map((p) => p.name), this.baselineRates);
    await Promise.all(this.probes.map((p) => p.prime()));
    for (let i = 1; i <= count; i++) {
      if (signal?.aborted) { return cancelled(i - 1); }
      await this.interval('watch', i, signal, judge, slots);
      const verdict = judge.verdict(i === count && !signal?.aborted);
      if (verdict.state !== 'running' && verdict.state !== 'passed') { return this.result(verdict, i); }
      if (signal?.aborted) { return cancelled(i - 1); } // this interval was cut short
      if (verdict.state === 'passed') { return passed(count, this.config.intervalMs, verdict.tolerated, limitsOf(this.config).failureLimit); }
    }
    return cancelled(count); // not reached: the last interval always ends in a verdict
  }

  private result(v: Extract<Verdict, { state: 'failed' | 'inconclusive' }>, interval: number): MonitorResult {
    const at = new Date(this.clock.now()).toISOString();
    if (v.state === 'inconclusive') {
      return { tripped: false, inconclusive: true, cancelled: false, intervals: interval, probe: v.probe, why: v.why, at, message: v.message };
    }
    const base = this.baselineRates.get(v.probe);
    return {
      tripped: true, probe: v.probe, rate: v.last.rate, ...(base !== undefined ? { baseline: base } : {}), at, interval: v.last.interval,
      reason: v.last.reason === 'spike' || v.last.reason === 'compare' ? v.last.reason : 'threshold', failures: v.failures, message: v.message,
    };
  }

  private async interval(phase: MonitorSample['phase'], index: number, outer: AbortSignal | undefined, judge?: Judge, slots?: LiveSlots): Promise<{ samples: ProbeSample[] }> {
    const stop = new AbortController();
    const onOuter = (): void => stop.abort();
    if (outer?.aborted) { stop.abort(); } else { outer?.addEventListener('abort', onOuter, { once: true }); }
    const startedAt = this.clock.now();
    const consider = (s: ProbeSample, partial: boolean): void => {
      if (!judge || stop.signal.aborted) { return; }
      // A partial rate is a lower bound: it can only prove a failure early, never a success.
      if (!judge.add(s, index, partial)) { return; }
      // A stop on partial numbers is still shown: it is the reason the sparkline ends here.
      if (partial) { this.emit(phase, index, s); }
      stop.abort();
    };
    const probes = phase === 'baseline' ? this.probes.filter((p) => p.kind !== 'compare') : this.probes;
    try {
      const samples = await Promise.all(probes.map(async (probe) => {
        const s = await safeSample(probe, {
          intervalMs: this.config.intervalMs, startedAt, clock: this.clock, signal: stop.signal,
          progress: (sofar) => consider(sofar, true), ...(slots ? { slots } : {}),
        });
        if (!s.partial) {
          this.emit(phase, index, s);
          consider(s, false);
        }
        return s;
      }));
      await delay(this.clock, startedAt + this.config.intervalMs - this.clock.now(), stop.signal);
      return { samples };
    } finally {
      outer?.removeEventListener('abort', onOuter);
    }
  }

  private emit(phase: MonitorSample['phase'], interval: number, s: ProbeSample): void {
    const base = phase === 'watch' ? this.baselineRates.get(s.probe) : undefined;
    const of = phase === 'watch' ? { of: this.watchIntervals } : {};
    this.emitter.emit({ ...s, phase, interval, ...of, at: new Date(this.clock.now()).toISOString(), ...(base !== undefined ? { baseline: base } : {}) });
  }
}

function makeProbe(p: MonitorProbe, root: string, env: NodeJS.ProcessEnv): Probe {
  switch (p.kind) {
    case 'http': return new HttpProbe(p);
    case 'command': return new CommandProbe(p, root, env);
    case 'log': return new LogProbe(p, root);
    case 'compare': return new CompareProbe(p);
  }
}

/** A probe bug must not end monitoring (or leave it hanging): it becomes a down sample. */
async function safeSample(probe: Probe, ctx: Parameters<Probe['sample']>[0]): Promise<ProbeSample> {
  try {
    return await probe.sample(ctx);
  } catch (err) {
    return { probe: probe.name, kind: probe.kind, rate: 0, errors: 0, total: 0, down: true, detail: `probe failed: ${(err as Error).message}` };
  }
}

function passed(count: number, intervalMs: number, tolerated: number, limit: number): MonitorResult {
  const within = tolerated > 0 ? `; ${tolerated} failed measurement${tolerated === 1 ? '' : 's'} within failureLimit ${limit}` : '';
  return { tripped: false, intervals: count, cancelled: false, message: `no alarm in ${count} interval${count === 1 ? '' : 's'} (${formatDuration(count * intervalMs)})${within}` };
}

function cancelled(intervals: number): MonitorResult {
  return { tripped: false, intervals, cancelled: true, message: `monitoring cancelled after ${intervals} interval${intervals === 1 ? '' : 's'}` };
}
