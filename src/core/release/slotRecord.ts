/**
 * History's record of a switch by hand or an instant rollback: no stage ran, so every stage is
 * left out ("not selected": a green one ends only a red period in which no stage failed, a
 * failure in production), and what happened is in
 * `deploy` (result, message), `slot` and `approvedBy` (who). Trigger `rollback` with
 * `rollback: true` makes the gauge count the deploy it undid as failed; trigger `switch` is
 * neither a deploy nor a failure. Its start line goes in as the script starts, so a switch
 * killed (kill -9) half-way still reads back, `interrupted`; a refusal writes nothing. The
 * engine masks both lines with every secret that is set.
 */
import type { Pipeline } from '../config';
import type { PipelineEngine } from '../engine';
import { getRepoInfo } from '../git';
import type { RunRecord, RunState } from '../pipeline';
import type { DecisionRecord } from './keepRelease';
import { NOT_SELECTED_ROLLBACK, NOT_SELECTED_SWITCH } from './messages';

/** The name the switch script's process group is recorded under in history (a switch by hand runs no stage). */
export const SWITCH_SCRIPT = 'deploy.switch';

export interface SlotChange {
  kind: 'switch' | 'rollback';
  runId: string;
  sha: string;
  slot: string;
  approvedBy?: string;
  decision?: DecisionRecord;
}

/** Refusals change nothing and are not recorded. A cancelled switch may have partly run: it is. */
export type SlotChangeResult = 'ok' | 'failed' | 'cancelled';

const STATES: Record<SlotChangeResult, RunState> = { ok: 'green', failed: 'red', cancelled: 'cancelled' };

export class SlotChangeRecord {
  private readonly startedAt = new Date().toISOString();
  private branch: Promise<string> | undefined;
  private begun = false;
  private scriptLine: Promise<void> = Promise.resolve();

  constructor(private readonly engine: PipelineEngine, private readonly pipeline: Pipeline, private readonly c: SlotChange) {}

  /** switchTo's `beforeScript`: the start line, before the script can change production. */
  readonly begin = async (): Promise<void> => {
    await this.engine.recordRun(await this.record('running', this.c.sha), 'start');
    this.begun = true;
  };

  /** switchTo's `onScriptStarted`: the script's group goes into history after the start line (unwritable history already failed the start line's write, reported). */
  readonly scriptStarted = (pgid: number, start: string | undefined): void => {
    const proc = { stage: SWITCH_SCRIPT, pgid, ...(start !== undefined ? { start } : {}) };
    this.scriptLine = this.engine.history().then((h) => h.recordStage(this.c.runId, proc)).catch(() => undefined);
  };

  /** The end line (both lines if the script never started); the record as written (masked). */
  async end(result: SlotChangeResult, message: string, sha = this.c.sha): Promise<RunRecord> {
    await this.scriptLine; // the end line after it: a reader then sees the run finished
    const record = await this.record(STATES[result], sha, { result, message });
    return this.engine.recordRun(record, this.begun ? 'end' : 'both');
  }

  private async record(state: RunState, sha: string, deploy?: { result: SlotChangeResult; message: string }): Promise<RunRecord> {
    this.branch ??= getRepoInfo(this.engine.folder).then((repo) => repo.branch, () => '');
    const c = this.c;
    const endedAt = deploy ? new Date().toISOString() : undefined;
    const reason = c.kind === 'rollback' ? NOT_SELECTED_ROLLBACK : NOT_SELECTED_SWITCH;
    return {
      id: c.runId, sha, branch: await this.branch, trigger: c.kind, startedAt: this.startedAt,
      ...(endedAt !== undefined ? { endedAt, durationMs: Math.max(0, Date.parse(endedAt) - Date.parse(this.startedAt)) } : {}),
      state,
      stages: this.pipeline.stages.map((s) => ({ name: s.name, state: 'skipped', exitCode: null, durationMs: 0, reason })),
      environment: 'production', ...(c.kind === 'rollback' ? { rollback: true } : {}), slot: c.slot,
      ...(c.approvedBy !== undefined ? { approvedBy: c.approvedBy } : {}),
      ...(c.decision ? { decision: c.decision } : {}),
      ...(deploy ? { deploy } : {}),
    };
  }
}
