/**
 * Keep a release whose monitoring was inconclusive: the person looked and it stays. Records the
 * decision in history as a run with trigger `decision` and no stage run (so it is never counted
 * as a deploy or a failure), then clears the pause in deploy.json, all under the deploy lock.
 * The other answer, Roll Back, is rollbackProduction, which records the same `decision` field.
 * Refused while an interrupted switch leaves the live slot unknown (switchIntent.ts).
 *
 * In that order, so a Keep killed at any point (kill -9, a crash) leaves the release paused or
 * its record written, never neither: the record's id is put in the pending decision first, and
 * Keep asked again writes the record under that same id (history folds the lines of one id into
 * one record) and then clears the pause.
 */
import { randomUuid } from '../ids';
import { decisionStateIn, deployContext, type DeployStateStore, interruptedSwitch, liveUnknownText, type PendingDecision } from '../deploy';
import type { PipelineEngine } from '../engine';
import { getRepoInfo } from '../git';
import type { RunRecord } from '../pipeline';
import { shortSha } from '../format';
import { DECISION_TRIGGER } from '../redgreen';
import { formatConfigErrors } from './messages';
import type { ConfigError } from '../config';

/** History's record of a person's answer to an inconclusive release (field `decision` of a run record). */
export interface DecisionRecord {
  choice: 'keep' | 'rollback';
  /** The paused deploy's run id and commit. */
  runId: string;
  sha: string;
  /** Why monitoring could not tell. */
  reason: string;
  by?: string;
  /** ISO 8601. */
  at: string;
}

export type KeepOutcome =
  | { result: 'ok'; message: string; history: RunRecord }
  | { result: 'refused'; message: string }
  | { result: 'invalid'; message: string; errors: readonly ConfigError[] };

export const NOTHING_TO_DECIDE = 'no release is waiting for a decision';

export function decisionRecord(choice: DecisionRecord['choice'], d: PendingDecision, by: string | undefined): DecisionRecord {
  return { choice, runId: d.runId, sha: d.sha, reason: d.message, ...(by !== undefined ? { by } : {}), at: new Date().toISOString() };
}

/** The release waiting for Keep / Roll Back, if any. */
export async function pendingDecision(engine: PipelineEngine): Promise<PendingDecision | undefined> {
  return (await releaseDecisionState(engine)).decision;
}

/** The release waiting for Keep / Roll Back, or why deploy.json cannot tell (then nobody may decide). */
export async function releaseDecisionState(engine: PipelineEngine): Promise<{ decision?: PendingDecision; corrupt?: string }> {
  const { decision, corrupt } = await decisionStateIn(await engine.dataDir());
  if (corrupt !== undefined) { return { corrupt: `not deciding: ${corrupt}` }; }
  return decision ? { decision } : {};
}

export async function keepRelease(engine: PipelineEngine, opts: { approvedBy?: string } = {}): Promise<KeepOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const { store, lock } = await deployContext(engine);
  // The pending decision is unknown too: deciding blind could let the next deploy overwrite the rollback target.
  const { corrupt } = await releaseDecisionState(engine);
  if (corrupt !== undefined) { return { result: 'refused', message: corrupt }; }
  const got = await lock.acquire('keep release', randomUuid());
  if (!got.ok) { return { result: 'refused', message: got.message }; }
  try {
    const unknown = await liveUnknown(store, loaded.pipeline.deploy?.slots);
    if (unknown !== undefined) { return { result: 'refused', message: `not keeping: ${unknown}` }; }
    return await keepLocked(engine, store, opts.approvedBy, loaded.pipeline.stages.map((s) => s.name));
  } finally {
    await got.release();
  }
}

/**
 * Holding the deploy lock, any switch intent left is an interrupted one: which slot serves the
 * release is unknown, so keeping it (and letting deploys go on) is refused as deploy, switch and
 * rollback are, with the same way out.
 */
async function liveUnknown(store: DeployStateStore, slots: readonly string[] | undefined): Promise<string | undefined> {
  const intent = interruptedSwitch((await store.read()).state, () => false);
  return intent !== undefined ? liveUnknownText(intent, slots) : undefined;
}

/** Holding the deploy lock: the record's id into the pending decision, the record, then the pause cleared (see the top of the file). */
async function keepLocked(engine: PipelineEngine, store: DeployStateStore, by: string | undefined, stages: string[]): Promise<KeepOutcome> {
  const { value: decided } = await store.update((s): (PendingDecision & { keepId: string }) | undefined => {
    if (!s.decision) { return undefined; }
    s.decision.keepId ??= randomUuid();
    return { ...s.decision, keepId: s.decision.keepId };
  });
  if (!decided) { return { result: 'refused', message: NOTHING_TO_DECIDE }; }
  const runId = decided.keepId;
  const message = `kept ${shortSha(decided.sha)}${decided.slot !== undefined ? ` in ${decided.slot}` : ''}: production deploys may go on`;
  engine.report({ type: 'deploy', runId, event: { type: 'operationStarted', operation: 'keep', message: `keep the release of ${shortSha(decided.sha)}` } });
  const history = await recordDecision(engine, runId, decisionRecord('keep', decided, by), stages).catch((e: Error) => e);
  if (history instanceof Error) {
    const why = `not kept: ${history.message}; the release still waits for a decision`;
    engine.report({ type: 'deploy', runId, event: { type: 'operationEnded', operation: 'keep', result: 'refused', message: why } });
    return { result: 'refused', message: why };
  }
  await store.update((s) => { if (s.decision?.runId === decided.runId) { delete s.decision; } });
  engine.report({ type: 'deploy', runId, event: { type: 'operationEnded', operation: 'keep', result: 'ok', message } });
  return { result: 'ok', message, history };
}

/** Masked by the engine with every secret that is set (a branch named like one). */
async function recordDecision(engine: PipelineEngine, runId: string, decision: DecisionRecord, stages: string[]): Promise<RunRecord> {
  const repo = await getRepoInfo(engine.folder).catch(() => undefined);
  // One line (no start line): no process runs, and a single write is there whole or not at all.
  return engine.recordRun({
    id: runId, sha: decision.sha, branch: repo?.branch ?? '', trigger: DECISION_TRIGGER, startedAt: decision.at, endedAt: decision.at, durationMs: 0,
    state: 'green',
    stages: stages.map((name) => ({ name, state: 'skipped', exitCode: null, durationMs: 0, reason: 'not run: a decision on a release' })),
    decision,
    ...(decision.by !== undefined ? { approvedBy: decision.by } : {}),
  }, 'end', true);
}
