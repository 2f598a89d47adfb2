/**
 * The `next` line of `status` for a run between stages. Its own module, not describe.ts: only `status` needs it, and
 * describe.ts is copied into several lazy chunks (the packaging test bounds those copies).
 */
import { printable } from '../core/format';
import { beforeProductionDeploy } from '../core/history';
import type { RunRecord } from '../core/pipeline';

/**
 * Between stages no history line says what the run waits for: the stage ahead is named, not the one before
 * (faults38 F2). Before the run's first production stage, when the pipeline samples a monitoring baseline
 * (`baseline`), that is the likeliest wait: it is named first (rereview38b F6).
 */
export function nextStageLines(run: RunRecord, baseline: boolean): string[] {
  const next = run.stages.find((st) => st.state === 'pending');
  if (!next) { return []; }
  const waits = baseline && beforeProductionDeploy(run, next.name)
    ? '(waiting: the monitoring baseline, an approval or the deploy lock)' : '(an approval or the deploy lock may hold it)';
  return [`  next      ${printable(next.name)}, not started yet ${waits}`];
}

