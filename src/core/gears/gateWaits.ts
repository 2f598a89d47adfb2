/**
 * The time a run stood at a manual approval (`approval: manual`) waiting for a person (review39
 * L4). The runner records it on the stage when a person approved (`approvalWaitMs`, from the
 * question to the answer); a gate approved in advance (`--yes`) or a stage that had no gate when
 * it ran records none, so today's `.gearshift.yml` never puts a wait into runs nobody was asked
 * in (review40 M3). A run from before the runner timed gates that says a person approved one
 * (`approvedBy`, neither field) has its wait inferred from the gap (rereview40 F3). The gauge counts that wait as a step of its own ("Deploy Prod approval:
 * waited 6.0s", the talk's longest step) and keeps it out of the pipeline's duration and top
 * speed, which say what the machine could do. History's duration stays wall time: it is the record.
 */
import type { Pipeline, Stage } from '../config';
import type { CompactRun, CompactStage } from './compact';

/** The step a gate's wait is shown as: "Deploy Prod approval". */
export const approvalStep = (stage: string): string => `${stage} approval`;

/** The stages of the pipeline that wait for a person (`approval: manual`). */
export function gatedStages(pipeline: Pick<Pipeline, 'stages'>): Set<string> {
  return new Set(pipeline.stages.filter((s) => s.approval === 'manual').map((s) => s.name));
}

/** Each gated stage of `run` a person approved, with how long its gate waited for them (ms, ≥ 0). */
export function gateWaits(run: CompactRun, gated: ReadonlySet<string>): { stage: string; ms: number }[] {
  if (gated.size === 0) { return []; }
  const out: { stage: string; ms: number }[] = [];
  for (const stage of run.stages) {
    if (!gated.has(stage.name)) { continue; }
    const ms = stage.approvalWaitMs ?? (stage.untimedApproval ? gapBefore(run, stage) : undefined);
    if (ms !== undefined) { out.push({ stage: stage.name, ms }); }
  }
  return out;
}

/**
 * A run from before the runner timed gates (rereview40 F3) that says a person approved: its wait is
 * the gap before the stage (the runner launches it after the answer), from the end of the last
 * stage that ended before it started, or the run's start.
 */
function gapBefore(run: CompactRun, stage: CompactStage): number | undefined {
  const start = stage.endMs - stage.durationMs;
  if (!Number.isFinite(start)) { return undefined; }
  let ready = Number.isFinite(run.startMs) ? run.startMs : -Infinity;
  for (const other of run.stages) {
    if (other !== stage && Number.isFinite(other.endMs) && other.endMs <= start && other.endMs > ready) { ready = other.endMs; }
  }
  return Number.isFinite(ready) ? Math.max(0, start - ready) : undefined;
}

/** The run's time without its waits at gates: what the machine took. */
export function machineMs(run: CompactRun, wallMs: number, gated: ReadonlySet<string>): number {
  if (!Number.isFinite(wallMs)) { return wallMs; }
  const waited = gateWaits(run, gated).reduce((sum, w) => sum + w.ms, 0);
  return Math.max(0, wallMs - waited);
}

/**
 * The pipeline's stages with each gate's wait as a step before its stage, for the window's medians
 * (gaugeFacts.ts records the waits under these names). A stage already named so keeps its name.
 */
export function withApprovalSteps(pipeline: Pick<Pipeline, 'stages'>): { stages: Stage[]; approvals: Set<string> } {
  const names = new Set(pipeline.stages.map((s) => s.name));
  const approvals = new Set<string>();
  const stages: Stage[] = [];
  for (const s of pipeline.stages) {
    const step = approvalStep(s.name);
    // Only its name is read (the medians' order): the step is the stage's wait, not a stage to run.
    if (s.approval === 'manual' && !names.has(step)) { stages.push({ ...s, name: step }); approvals.add(step); }
    stages.push(s);
  }
  return { stages, approvals };
}
