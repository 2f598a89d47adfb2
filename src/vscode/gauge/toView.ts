import type { GaugeModel } from '../../core/gears';
import { formatDuration, shortSha } from '../../core/format';
import type { RunRecord } from '../../core/pipeline';
import type { GaugeView } from './protocol';

/** Core gauge model → what the webview renders (strings stay data; the page uses textContent). */
/** What commit tracking and deploys add to the gauge (null until they know). */
export type GaugeExtras = Pick<GaugeView, 'pending' | 'liveSlot' | 'monitor'>;

export const NO_EXTRAS: GaugeExtras = { pending: null, liveSlot: null, monitor: null };

export function toGaugeView(model: GaugeModel, lastRun: RunRecord | undefined, extras: GaugeExtras = NO_EXTRAS, now = Date.now()): GaugeView {
  return {
    gear: model.gear,
    metrics: model.metrics.map((m) => ({ id: m.id, label: m.label, display: m.detail ? `${m.display} · ${m.detail}` : m.display, band: m.band })),
    bandSource: model.source.bandSource,
    sparklines: { deploysPerWeek: model.sparklines.deploysPerWeek, pipelineDurationsMs: model.sparklines.pipelineDurations },
    stages: model.stageDurations.map((s) => ({ name: s.name, medianMs: s.medianMs, display: formatDuration(s.medianMs), longest: s.longest })),
    checklist: model.checklist,
    rules: model.rules,
    lastRun: lastRun ? {
      state: lastRun.state,
      sha: shortSha(lastRun.sha),
      branch: lastRun.branch,
      subject: typeof lastRun.subject === 'string' ? lastRun.subject : '',
      when: `${lastRun.trigger} run, ${formatDuration(Math.max(0, now - Date.parse(lastRun.endedAt ?? lastRun.startedAt)))} ago`,
    } : null,
    ...extras,
  };
}
