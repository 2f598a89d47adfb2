/** The gauge as plain text for `gearshift gear`: no colour, no width tricks, one fact a line. */
import type { CheckStatus } from './checklist';
import { formatDuration } from '../format';

import type { GaugeModel } from './gaugeState';

const MARK: Record<CheckStatus, string> = { done: '✔', missing: '✖', unknown: '?' };

export function formatGaugeText(model: GaugeModel): string {
  const { gear } = model;
  const lines: string[] = [];
  lines.push(gear.number === null ? 'Gear: neutral (no production deploys in the window)' : `Gear: ${gear.name} (${gear.rhythm})`);
  lines.push(`  ${model.classification.reason}`);
  lines.push('', `Limiting factor: ${gear.limitingFactor}`, `  why: ${gear.why}`);
  if (gear.next.length) {
    lines.push('', 'Next, to shift up:');
    for (const step of gear.next) { lines.push(`  - ${step}`); }
  }
  lines.push('', `Metrics (bands: ${model.source.bandSource}):`);
  const width = Math.max(...model.metrics.map((m) => m.label.length));
  for (const m of model.metrics) {
    const band = m.band ? `  [${m.band}]` : '';
    lines.push(`  ${m.label.padEnd(width)}  ${m.display}${band}`);
    if (m.detail) { lines.push(`  ${' '.repeat(width)}  ${m.detail}`); }
  }
  if (model.stageDurations.length) {
    lines.push('', 'Stages (median of green runs):');
    for (const s of model.stageDurations) { lines.push(`  ${s.longest ? '▶' : ' '} ${s.name}: ${formatDuration(s.medianMs)}${s.longest ? '  (longest)' : ''}`); }
  }
  lines.push('', 'Readiness checklist:');
  for (const item of model.checklist) {
    lines.push(`  ${MARK[item.status]} [gear ${item.gear}] ${item.label} — ${item.how}`);
  }
  lines.push('', `Window: last ${model.source.windowDays} days, sprint ${model.source.sprintDays} days. Model: ${model.source.talk}.`);
  return lines.join('\n') + '\n';
}
