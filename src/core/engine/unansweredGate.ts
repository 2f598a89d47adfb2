/**
 * A manual gate nobody can answer (the CLI with no terminal or in CI, without --yes) on a
 * production stage stops the run right before its first production stage, not at the gate: a
 * deploy that cannot finish must not start, and Provision Prod before an unanswerable Deploy
 * Prod would change production for nothing (walkcli32 M1). Non-prod stages run as usual; a
 * non-prod stage's gate is declined when it is reached, as before. The editor asks (a notification,
 * and the gate waits for its answer) and never says nobody can answer, so its runs reach each gate as before.
 */
import type { Pipeline } from '../config';
import { planRun, type RunOptions, type RunRecord, type StageGate } from '../pipeline';
import type { RunRequest } from './events';

export interface UnansweredGateOptions {
  pipeline: Pipeline;
  request: RunRequest;
  /** Why nobody can answer (EngineOptions.nobodyCanApprove); undefined: a person can, nothing changes. */
  why: string | undefined;
  approve: RunOptions['approve'];
  /** The run's record, for the approver (known once the run exists, before any gate opens). */
  record(): RunRecord;
}

/** The production gate, closed before it opens when a selected production stage has a gate nobody can answer. */
export function closedWhenUnanswered(gate: StageGate | undefined, o: UnansweredGateOptions): StageGate | undefined {
  if (!gate || o.why === undefined) { return gate; }
  const { needs: selected } = planRun(o.pipeline, { only: o.request.only, from: o.request.from, target: o.request.target, environment: o.request.environment });
  const gated = o.pipeline.stages.find((s) => gate.stages.has(s.name) && s.approval === 'manual' && selected.has(s.name));
  if (!gated) { return gate; }
  const why = o.why;
  return {
    stages: gate.stages,
    open: async (signal) => {
      // Asked now, not when its stage is ready: the approver says how to approve it (its own words), and declines.
      const answer = await Promise.resolve().then(() => o.approve?.(gated, o.record(), signal)).catch(() => false);
      const approved = answer === true || (typeof answer === 'object' && 'approvedBy' in answer);
      if (approved) { return gate.open(signal); } // its stage is asked again when ready
      return { ok: false, reason: `"${gated.name}" needs approval and nobody can be asked (${why}), so no production stage runs` };
    },
  };
}
