/**
 * The status item's words while a run is in progress, icon included. The baseline comes before
 * the release phase: a run samples its baseline before its monitor watches anything, so a
 * monitoring count then is another watch's (walkedit33 M2). After a failure the stages left are
 * skipped at once: "failed at Unit Tests" rather than "finishing (8/8)", as none finished (L2).
 * Between stages (the deploy lock, the baseline, the check that HEAD has not moved) the stage
 * about to start is named: a bare "starting (6/8)" said nothing of what was going on (L2).
 */
import { escapeIcons, printable } from '../format';
import type { PipelineStatus } from '../engine';
import { releaseStatusText } from './releaseText';
import type { ReleasePhase, StatusModel } from './statusModel';

type Running = Extract<PipelineStatus, { kind: 'running' }>;

/** The item and its tooltip while a run samples production before its production stages: the monitor's first phase, as "monitoring production (3/10 intervals)" is its last. */
export const BASELINE_WORDS = 'monitoring production: baseline';

/** A stage name in the item: one line, no control or bidi character, a `$(…)` shown as written. It is data. */
export function barText(name: string): string {
  return escapeIcons(printable(name, { controls: 'space' }));
}

export function runningStatusText(s: Running, release: ReleasePhase | undefined): string {
  if (s.baseline === true) { return `$(pulse) Gearshift: ${BASELINE_WORDS}`; }
  if (release?.kind === 'monitoring' && s.stage === undefined) { return `$(pulse) Gearshift: ${releaseStatusText(release)}`; }
  if (s.stage !== undefined && waitsForApproval(s)) { return `$(question) Gearshift: ${barText(s.stage)} waits for approval (${s.index}/${s.total})`; }
  if (s.stage !== undefined) { return `$(sync~spin) Gearshift: ${barText(s.stage)} (${s.index}/${s.total})`; }
  const failed = s.finishing ? s.run.stages.find((st) => st.state === 'failed' || st.state === 'timedOut') : undefined;
  if (failed) { return `$(sync~spin) Gearshift: failed at ${barText(failed.name)}`; }
  if (s.finishing) { return `$(sync~spin) Gearshift: finishing (${s.index}/${s.total})`; }
  const next = s.run.stages.find((st) => st.state === 'pending')?.name;
  return `$(sync~spin) Gearshift: starting ${next !== undefined ? `${barText(next)} ` : ''}(${s.index}/${s.total})`;
}

/** The stage named is a manual gate waiting for its answer: said, as nothing runs until someone answers (review37a F1). */
export function waitsForApproval(s: Running): boolean {
  return s.stage !== undefined && s.run.stages.some((st) => st.name === s.stage && st.state === 'waiting-approval');
}

/**
 * Some folder's run has a gate waiting (rereview37 F4): the status item's click then asks it (a pick
 * when several wait), though the headline may name a parallel stage or another folder's run.
 */
export function gateWaitsAnywhere(model: StatusModel): boolean {
  return model.folders.some((f) => f.status.kind === 'running' && f.status.run.stages.some((st) => st.state === 'waiting-approval'));
}

/**
 * Whether a click on the status item asks a waiting gate. Not while it shows red: that click is about
 * red, and a dialog approving another folder's stage would answer a question the item never asked (rereview37b F3).
 */
export function statusClickAsksGate(model: StatusModel): boolean {
  return model.status.kind !== 'red' && gateWaitsAnywhere(model);
}
