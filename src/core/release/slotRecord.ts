/**
 * History's record of a switch by hand or an instant rollback: no stage ran, so every stage is
 * left out ("not selected": a green one never ends a red period), and what happened is in
 * `deploy` (result, message), `slot` and `approvedBy` (who). Trigger `rollback` with
 * `rollback: true` makes the gauge count the deploy it undid as failed; trigger `switch` is
 * neither a deploy nor a failure. The engine masks it with every secret that is set.
 */
import type { Pipeline } from '../config';
import type { PipelineEngine } from '../engine';
import { getRepoInfo } from '../git';
import type { RunRecord, RunState } from '../pipeline';
import type { DecisionRecord } from './keepRelease';
import { NOT_SELECTED_ROLLBACK, NOT_SELECTED_SWITCH } from './messages';

export interface SlotChange {
  kind: 'switch' | 'rollback';
  runId: string;
  startedAt: string;
  sha: string;
  slot: string;
  /** Refusals change nothing and are not recorded. A cancelled switch may have partly run: it is. */
  result: 'ok' | 'failed' | 'cancelled';
  message: string;
  approvedBy?: string;
  decision?: DecisionRecord;
}

const STATES: Record<SlotChange['result'], RunState> = { ok: 'green', failed: 'red', cancelled: 'cancelled' };

/** Writes the record and returns it as written (masked). */
export async function recordSlotChange(engine: PipelineEngine, pipeline: Pipeline, c: SlotChange): Promise<RunRecord> {
  const repo = await getRepoInfo(engine.folder).catch(() => undefined);
  const endedAt = new Date().toISOString();
  const reason = c.kind === 'rollback' ? NOT_SELECTED_ROLLBACK : NOT_SELECTED_SWITCH;
  return engine.recordRun({
    id: c.runId, sha: c.sha, branch: repo?.branch ?? '', trigger: c.kind, startedAt: c.startedAt, endedAt,
    durationMs: Math.max(0, Date.parse(endedAt) - Date.parse(c.startedAt)),
    state: STATES[c.result],
    stages: pipeline.stages.map((s) => ({ name: s.name, state: 'skipped', exitCode: null, durationMs: 0, reason })),
    environment: 'production', ...(c.kind === 'rollback' ? { rollback: true } : {}), slot: c.slot,
    ...(c.approvedBy !== undefined ? { approvedBy: c.approvedBy } : {}),
    ...(c.decision ? { decision: c.decision } : {}),
    deploy: { result: c.result, message: c.message },
  });
}
