import type { RunRecord } from '../pipeline';

/** What the status bar (and `gearshift status`) says about a set of repositories. */
export type PipelineStatus =
  | { kind: 'noPipeline' }
  | { kind: 'untrusted' }
  | { kind: 'notRun' }
  /** The history could not be read: no run known does not mean none ran (it may be red). */
  | { kind: 'unknown'; problem: string }
  | { kind: 'running'; run: RunRecord; stage?: string; index: number; total: number }
  | { kind: 'red' | 'green' | 'cancelled' | 'interrupted'; run: RunRecord };

/** Worse first: a red repository must never hide behind a green one. */
const SEVERITY: Record<PipelineStatus['kind'], number> = {
  red: 6, running: 5, unknown: 4.5, interrupted: 4, cancelled: 3, green: 2, notRun: 1, untrusted: 7, noPipeline: 0,
};

export function statusOfRun(run: RunRecord | undefined): PipelineStatus {
  if (!run) { return { kind: 'notRun' }; }
  if (run.state === 'running') {
    const selected = run.stages.filter((s) => !(s.state === 'skipped' && /^not selected|^before --from/.test(s.reason ?? '')));
    const current = run.stages.find((s) => s.state === 'running' || s.state === 'waiting-approval');
    const done = selected.filter((s) => s.state !== 'pending' && s.state !== 'running' && s.state !== 'waiting-approval').length;
    return { kind: 'running', run, stage: current?.name, index: Math.min(done + 1, selected.length), total: selected.length };
  }
  return { kind: run.state, run };
}

/** Several repositories: the worst state wins. */
export function worstStatus(statuses: readonly PipelineStatus[]): PipelineStatus {
  let worst: PipelineStatus = { kind: 'noPipeline' };
  for (const s of statuses) { if (SEVERITY[s.kind] > SEVERITY[worst.kind]) { worst = s; } }
  return worst;
}
