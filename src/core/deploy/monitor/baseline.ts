/**
 * The normal error rate before a deploy, per probe: the mean over the baseline intervals in
 * which the probe could measure anything. A probe that was down throughout has no baseline
 * (not 0, not 1: unknown), and only the absolute threshold applies to it; the notes say so,
 * because an alarm that silently ignores a rule is worse than one that explains itself.
 */
import type { MonitorConfig } from '../../config';
import { percent } from './decide';
import type { Baseline, ProbeBaseline, ProbeSample } from './types';

export function summariseBaseline(config: MonitorConfig, samples: ReadonlyMap<string, ProbeSample[]>, cancelled: boolean): Baseline {
  const abs = `only the absolute threshold (${percent(config.threshold)}) applies`;
  if (config.baselineMs <= 0) {
    return { probes: config.probes.map((p) => ({ probe: p.name, samples: 0 })), notes: [`no baseline (baseline: 0): ${abs}`], cancelled };
  }
  const probes: ProbeBaseline[] = [];
  const notes: string[] = [];
  for (const probe of config.probes) {
    if (probe.kind === 'compare') {
      notes.push(`${probe.name}: compares the live slot with the previous one, which is its baseline`);
      probes.push({ probe: probe.name, samples: 0 });
      continue;
    }
    const all = (samples.get(probe.name) ?? []).filter((s) => !s.partial);
    const usable = all.filter((s) => !s.down);
    if (usable.length === 0) {
      const why = all.at(-1)?.detail ?? (cancelled ? 'cancelled before a sample' : 'no sample');
      notes.push(`${probe.name}: ${all.length > 0 ? 'down before the deploy' : 'not measured'} (${why}); baseline unknown, so ${abs}`);
      probes.push({ probe: probe.name, samples: 0 });
      continue;
    }
    const rate = usable.reduce((sum, s) => sum + s.rate, 0) / usable.length;
    probes.push({ probe: probe.name, rate, samples: usable.length });
    const skipped = all.length - usable.length;
    notes.push(`${probe.name}: baseline ${percent(rate)} over ${usable.length} interval${usable.length === 1 ? '' : 's'}${skipped > 0 ? ` (${skipped} down, left out)` : ''}`);
    if (rate > 0 && rate >= config.threshold) {
      notes.push(`${probe.name}: the baseline is already at or above the threshold (${percent(config.threshold)}); expect an alarm at once`);
    }
  }
  return { probes, notes, cancelled };
}
