/** Which saved run and which stage a request means: shared by `gearshift logs` and the editor's pickers. */
import type { SavedRun, SavedStage } from './runLogRead';

export type RunPick =
  | { kind: 'found'; run: SavedRun; /** How many runs of that commit are saved (the newest is taken). */ ofCommit?: number }
  | { kind: 'none' }
  | { kind: 'ambiguous'; ids: string[] };

/**
 * `ref`: a run id or the start of one (4 characters at least), or the start of a commit sha:
 * runs of one commit are told apart by their ids, and the commit's newest run is taken. Runs come
 * newest first.
 */
export function pickRun(runs: readonly SavedRun[], ref: string): RunPick {
  const exact = runs.find((r) => r.meta.id === ref);
  if (exact) { return { kind: 'found', run: exact }; }
  if (ref.length < 4) { return { kind: 'none' }; }
  const byId = runs.filter((r) => r.meta.id.startsWith(ref));
  if (byId.length === 1) { return { kind: 'found', run: byId[0] }; }
  if (byId.length > 1) { return { kind: 'ambiguous', ids: byId.map((r) => r.meta.id) }; }
  const lower = ref.toLowerCase();
  const bySha = /^[0-9a-f]+$/.test(lower) ? runs.filter((r) => r.meta.sha.startsWith(lower)) : [];
  if (bySha.length === 0) { return { kind: 'none' }; }
  const commits = new Set(bySha.map((r) => r.meta.sha));
  if (commits.size > 1) { return { kind: 'ambiguous', ids: bySha.map((r) => r.meta.id) }; }
  return { kind: 'found', run: bySha[0], ...(bySha.length > 1 ? { ofCommit: bySha.length } : {}) };
}

/** A red run's first failed (or timed out) stage; else the last stage that ran. Stages in pipeline order. */
export function defaultStage(stages: readonly SavedStage[]): { stage: SavedStage; why: 'failed' | 'last' } | undefined {
  const failed = stages.find((s) => s.header.state === 'failed' || s.header.state === 'timedOut');
  if (failed) { return { stage: failed, why: 'failed' }; }
  const last = stages[stages.length - 1];
  return last ? { stage: last, why: 'last' } : undefined;
}
