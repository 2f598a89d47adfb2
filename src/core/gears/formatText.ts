/** The gauge as plain text for `gearshift gear`: no colour, no width tricks, one fact a line. */
import type { CheckStatus } from './checklist';
import { formatDuration, printable } from '../format';

import { DORA_KEYS } from './dora';
import type { GaugeModel } from './gaugeState';

const MARK: Record<CheckStatus, string> = { done: '✔', missing: '✖', unknown: '?' };

export function formatGaugeText(model: GaugeModel): string {
  const { gear } = model;
  const lines: string[] = [];
  const provisional = gear.provisional ? `, ${gear.provisional}` : '';
  // Neutral's rhythm says why: no deploys yet, none in the window, or a pipeline file that did not load.
  // After a comma, not in parentheses: 5th gear's rhythm has its own (walkcli32 L7).
  lines.push(`Gear: ${gear.name}, ${gear.rhythm}${provisional}`);
  const reason = model.classification.reason;
  if (gear.number === null && gear.limitingFactor === gear.rhythm) {
    // Neutral for want of a deploy: the headline says it once, then why (firsthour34 F8: it said so three times in four lines).
    lines.push(`  why: ${gear.why.startsWith(`${reason}: `) ? gear.why.slice(reason.length + 2) : gear.why}`);
  } else {
    lines.push(`  ${reason}`);
    lines.push('', `Limiting factor: ${gear.limitingFactor}`, `  why: ${gear.why}`);
  }
  if (gear.next.length) {
    lines.push('', 'Next, to shift up:');
    for (const step of gear.next) { lines.push(`  - ${step}`); }
  }
  lines.push('', `DORA metrics (bands: ${model.source.bandSource}; definitions: ${model.source.definitions}):`);
  const dora = DORA_KEYS.map((k) => model.dora[k]);
  const width = Math.max(...dora.map((m) => m.label.length), ...model.metrics.map((m) => m.label.length));
  for (const m of dora) {
    // No tag where there are no published bands (rework rate): the detail line below says so.
    const band = m.band ? `  [${m.band}, ${m.bandYear}]` : m.bandWithheld ? `  [no band: ${m.bandWithheld}]` : '';
    lines.push(`  ${m.label.padEnd(width)}  ${m.display}${band}`);
    lines.push(`  ${' '.repeat(width)}  ${m.detail}; sample ${m.sampleSize}`);
  }
  lines.push('', 'Speed limits (the talk; no DORA band):');
  for (const m of model.metrics) {
    lines.push(`  ${m.label.padEnd(width)}  ${m.display}`);
    if (m.detail) { lines.push(`  ${' '.repeat(width)}  ${m.detail}`); }
  }
  if (model.stageDurations.length) {
    lines.push('', 'Stages (median of green runs):');
    for (const s of model.stageDurations) { lines.push(`  ${s.longest ? '▶' : ' '} ${s.name}: ${formatDuration(s.medianMs)}${s.longest ? '  (longest)' : ''}`); }
  }
  lines.push('', 'Readiness checklist:');
  for (const item of model.checklist) {
    // The gear a practice shifts up from: "[gear 2]" read as "needed for gear 2" (walkcli32 L7).
    lines.push(`  ${MARK[item.status]} [${checklistTag(item.gear)}] ${item.label} — ${item.how}`);
  }
  lines.push('', `Window: last ${model.source.windowDays} days, sprint ${model.source.sprintDays} days. Model: ${model.source.talk}.`);
  // Each line printable here, where the text goes to a terminal: a stage name from a cloned .gearshift.yml (the checklist's
  // "approval: manual on …") is data (security39 F2). The editor's gauge shows the model's own text, HTML-escaped (textContent).
  return lines.map((line) => printable(line)).join('\n') + '\n';
}

/** The gear an item shifts up from; the top gear has none above it, so its items make it faster. As media/gauge.js says it. */
export function checklistTag(gear: number): string {
  return gear >= 5 ? `to go faster in gear ${gear}` : `to leave gear ${gear}`;
}
