/**
 * The status bar's words for a production release after its stages: "monitoring production
 * (3/24 intervals)" while the window runs (rather than the finished stage count, "starting
 * (7/7)"), and "release needs a decision" while an inconclusive release waits for a person.
 */
import type { ReleasePhase } from './statusModel';

export function releaseStatusText(phase: ReleasePhase): string {
  return phase.kind === 'monitoring'
    ? `monitoring production (${Math.min(phase.interval, phase.of)}/${phase.of} interval${phase.of === 1 ? '' : 's'})`
    : 'release needs a decision';
}
