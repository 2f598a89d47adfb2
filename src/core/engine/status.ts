import type { RunRecord } from '../pipeline';

/** What the status bar (and `gearshift status`) says about a set of repositories. */
export type PipelineStatus =
  | { kind: 'noPipeline' }
  | { kind: 'untrusted' }
  /** `loading`: the history is not read yet (a window starting up), so no run known is not yet "not run". */
  | { kind: 'notRun'; loading?: true }
  /** The history could not be read: no run known does not mean none ran (it may be red). */
  | { kind: 'unknown'; problem: string }
  /** `finishing`: every stage has settled (the rest skipped after a failure) and the run is ending: no stage is starting. */
  /** `baseline`: no stage runs because the production deploy samples the monitoring baseline before its stages (deploy/baselinePhase.ts). */
  | { kind: 'running'; run: RunRecord; stage?: string; index: number; total: number; finishing?: true; baseline?: true }
  /** `after`: a later cancelled run, which gave no verdict and left this state standing (redgreen/verdict.ts). */
  | { kind: 'red' | 'green' | 'cancelled' | 'interrupted'; run: RunRecord; after?: RunRecord };

/** Worse first: a red repository must never hide behind a green one. */
const SEVERITY: Record<PipelineStatus['kind'], number> = {
  red: 6, running: 5, unknown: 4.5, interrupted: 4, cancelled: 3, green: 2, notRun: 1, untrusted: 7, noPipeline: 0,
};

/** What a stage of another process's run reads before its `stageEnd` line (runMerger.ts). */
const UNENDED: ReadonlySet<string> = new Set(['pending', 'running', 'waiting-approval']);

export function statusOfRun(run: RunRecord | undefined): PipelineStatus {
  if (!run) { return { kind: 'notRun' }; }
  if (run.state === 'running') {
    const selected = run.stages.filter((s) => !(s.state === 'skipped' && /^not selected|^before --from/.test(s.reason ?? '')));
    const current = run.stages.find((s) => s.state === 'running' || s.state === 'waiting-approval');
    if (!current) {
      // A begun stage whose `stageEnd` line came is not running (faults38 F2: the stage before a waiting gate was named).
      const begun = stagesBegun(run);
      const open = begun.filter((name) => run.stages.some((s) => s.name === name && UNENDED.has(s.state)));
      if (open.length > 0) { return { kind: 'running', run, stage: open[open.length - 1], index: Math.min(begun.length, selected.length), total: selected.length }; }
    }
    const done = selected.filter((s) => s.state !== 'pending' && s.state !== 'running' && s.state !== 'waiting-approval').length;
    // review26 F8: after a failure the stages left are skipped at once; "starting (8/8)" named one that never starts.
    const finishing = !current && selected.length > 0 && done === selected.length ? { finishing: true as const } : {};
    return { kind: 'running', run, stage: current?.name, index: Math.min(done + 1, selected.length), total: selected.length, ...finishing };
  }
  return { kind: run.state, run };
}

/**
 * Another process's run, read from history: its start line lists every stage `pending`, and a
 * `stage` line (the record's `processes`, in start order) is added as each stage starts, and
 * a `stageEnd` line as one ends. So the stage shown is the one that began last and has not ended, and n counts the stages begun:
 * for stages in sequence, what the running process shows itself. Between stages (an approval, the deploy
 * lock, the baseline: no line records those waits) no stage is named; the next one is said to be ahead.
 */
function stagesBegun(run: RunRecord): string[] {
  const procs: unknown = (run as { processes?: unknown }).processes;
  if (!Array.isArray(procs)) { return []; }
  const names: string[] = [];
  for (const p of procs as Array<{ stage?: unknown }>) {
    // Only the run's stages: a switch by hand records its script's group too (release/slotRecord.ts), which is no stage.
    if (typeof p?.stage === 'string' && !names.includes(p.stage) && run.stages.some((s) => s.name === p.stage)) { names.push(p.stage); }
  }
  return names;
}

/** Several repositories: the worst state wins. */
export function worstStatus(statuses: readonly PipelineStatus[]): PipelineStatus {
  let worst: PipelineStatus = { kind: 'noPipeline' };
  for (const s of statuses) { if (SEVERITY[s.kind] > SEVERITY[worst.kind]) { worst = s; } }
  return worst;
}
