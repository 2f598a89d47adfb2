/**
 * The watch's running tally: each probe's measurement per interval (a partial failure replaced
 * by the interval's final sample), judged by analysis.ts after every sample.
 */
import type { MonitorConfig } from '../../config';
import { analyse, classify, limitsOf, type AnalysisLimits, type Measurement, type Verdict } from './analysis';
import type { ProbeSample } from './types';

export class Judge {
  private readonly measurements = new Map<string, Measurement>();
  private readonly limits: AnalysisLimits;

  constructor(private readonly config: MonitorConfig, private readonly probes: readonly string[], private readonly baselines: ReadonlyMap<string, number>) {
    this.limits = limitsOf(config);
  }

  /** Records a sample; true when the release is decided early (failed, or inconclusive on errors). */
  add(sample: ProbeSample, interval: number, partial: boolean): boolean {
    const m = classify(sample, interval, this.baselines.get(sample.probe), this.config);
    if (partial && m.outcome !== 'failure') { return false; }
    this.measurements.set(`${interval}\u0000${sample.probe}`, m);
    const v = this.verdict(false);
    return v.state === 'failed' || v.state === 'inconclusive';
  }

  verdict(ended: boolean): Verdict {
    const ordered = [...this.measurements.values()].sort((a, b) => a.interval - b.interval);
    return analyse(ordered, this.limits, ended, this.probes);
  }
}
