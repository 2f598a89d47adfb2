/**
 * `gearshift status`'s lines on the repository's other pipelines (core/monorepo
 * otherRepoPipelines): "don't let the pipeline stay red" holds for each of them, so at a
 * monorepo's top a red `apps/api` is named, as the editor's status item names it. Each one that
 * is not green gets a line (red first, in red); the green ones share one. Paths and stage names
 * are data: printed as one printable line each.
 */
import type { RepoPipeline } from '../core/monorepo';
import { printable } from '../core/format';
import { elapsedSince } from '../core/redgreen';
import { otherStateWords, type Style } from '../core/render';

/** Green ones named on their line before "…": a monorepo of fifty must not print fifty names on each call. */
const GREEN_NAMED = 5;

const label = (p: RepoPipeline): string => printable(p.path === '' ? '(top)' : p.path);

export function otherPipelinesLines(others: readonly RepoPipeline[], now: number, s: Style): string[] {
  if (others.length === 0) { return []; }
  const notGreen = others.filter((o) => o.status.kind !== 'green');
  const green = others.filter((o) => o.status.kind === 'green');
  const width = Math.max(...notGreen.map((o) => label(o).length), 0);
  const lines = ['other pipelines in this repository'];
  for (const o of notGreen) {
    const words = printable(otherStateWords(o, now));
    lines.push(`  ${label(o).padEnd(width)}  ${o.status.kind === 'red' ? s.red(words) : words}`);
  }
  if (green.length > 0) {
    const names = green.slice(0, GREEN_NAMED).map(label).join(', ');
    const more = green.length > GREEN_NAMED ? `, … ${green.length - GREEN_NAMED} more` : '';
    lines.push(`  ${notGreen.length > 0 ? `${green.length} green` : `all ${green.length} green`}: ${names}${more}`);
  }
  return lines;
}

/** --json's `otherPipelines`: each one's path ('' the top), verdict (as `verdict`), and its red period. */
export function otherPipelinesJson(others: readonly RepoPipeline[], now: number): Array<Record<string, unknown>> {
  return others.map((o) => ({
    path: o.path,
    verdict: o.status.kind === 'notRun' ? 'unknown' : o.status.kind,
    redSince: o.redSince !== undefined ? new Date(o.redSince).toISOString() : null,
    redForMs: o.redSince !== undefined ? elapsedSince(o.redSince, now) : null,
    failedStage: o.failedStage ?? null,
  }));
}
