/**
 * What every step of one production deploy shares (productionDeploy.ts runs the steps): its
 * options, its run id, the cancel signal, the events it tells its views, the problems it met,
 * and the writes to deploy.json that are not a switch (slot marks, deploy records).
 */
import { randomUuid } from '../ids';
import type { DeployConfig, MonitorConfig } from '../config';
import type { ConfirmedSlots } from '../engine';
import { SafeEmitter } from '../pipeline';
import type { RunState } from '../pipeline';
import type { ResolvedSecrets } from '../secrets';
import type { DeployLock } from './deployLock';
import type { DeployEvent, DeployOutcome } from './events';
import type { Clock } from './monitor/types';
import type { HeadMove } from './refusals';
import { addRecord, type DeployRecord, makeRecord, type SlotInfo } from './stateModel';
import { markUnsettled, settleUnsettled, type UnsettledDeploy } from './unsettledDeploy';
import type { DeployStateStore } from './stateStore';

export interface StagesRequest {
  /** Pass as RunOptions.extraEnv: GEARSHIFT_SLOT=<idle slot> with blue/green. */
  extraEnv: Record<string, string>;
  /** Pass as RunOptions.runId, so records and history agree. */
  runId: string;
  /** Aborts on cancel: cancel the run. */
  signal: AbortSignal;
}

export interface StagesEnded { id: string; state: RunState; approvedBy?: string }

export interface ProductionDeployOptions {
  root: string;
  sha: string;
  /** Runs the production stages (e.g. engine with `from`/`only`) and resolves with the run's end. */
  /** `approvedBy`: who approved a production stage's manual gate, for a record with no `approvedBy` of its own. */
  runStages: (request: StagesRequest) => Promise<StagesEnded>;
  store: DeployStateStore;
  lock: DeployLock;
  deploy?: DeployConfig;
  monitor?: MonitorConfig;
  runId?: string;
  approvedBy?: string;
  /** Env for the switch script and command probes. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The run's resolved secrets: fill `deploy.env`'s references and mask the switch script's output. */
  secrets?: ResolvedSecrets;
  clock?: Clock;
  switchTimeoutMs?: number;
  killGraceMs?: number;
  /** A rollback redeploy (no blue/green): allowed while a release waits for a decision, and decides it. */
  rollback?: boolean;
  /** The slots a person confirmed (RunRequest.slots): refused under the lock when production changed since. */
  expectSlots?: ConfirmedSlots;
  /** The run's stage processes as they start: each group goes into the deploy lock while held. */
  onStageStarted?(listener: (pgid: number, start?: string) => void): () => void;
  /**
   * Asked right before the production stages and again as they end, before the switch: where
   * HEAD went if it is no longer `sha` (the stages run in the workspace folder as it is). Absent
   * with `checkout: clean`, whose worktree of `sha` does not move.
   */
  headMove?(): Promise<HeadMove | undefined>;
}

export type SlotMark = SlotInfo['status'];

export class DeployRun {
  readonly emitter = new SafeEmitter<DeployEvent>();
  readonly abort = new AbortController();
  private readonly problems: string[] = [];
  /** Handed to runStages; if the caller's run used another id, that one wins from then on. */
  runId: string;
  /** Set as the production stages start: a failure before them is a refusal (nothing ran). */
  stagesRan = false;
  /** Who approved a production stage's manual gate (runStages says): recorded when the deploy has no approver of its own. */
  gateApprovedBy?: string;
  /** Without blue/green: the run id deploy.json's `unsettled` mark was written with (unsettledDeploy.ts), and the mark. */
  private unsettledAs?: string;
  unsettled?: UnsettledDeploy;

  constructor(readonly opts: ProductionDeployOptions) {
    this.runId = opts.runId ?? randomUuid();
  }

  get signal(): AbortSignal { return this.abort.signal; }

  /** Who approved: the deploy's own approver (palette, CLI, a confirmed run), else a production gate's. */
  get approvedBy(): string | undefined { return this.opts.approvedBy ?? this.gateApprovedBy; }

  emit(e: DeployEvent): void { this.emitter.emit(e); }

  readonly switchOutput = (stream: 'stdout' | 'stderr', chunk: string): void => {
    this.emitter.emit({ type: 'switchOutput', stream, chunk });
  };

  processOptions(): { env?: NodeJS.ProcessEnv; secrets?: ResolvedSecrets; timeoutMs?: number; killGraceMs?: number } {
    const { env, secrets, switchTimeoutMs, killGraceMs } = this.opts;
    return { ...(env ? { env } : {}), ...(secrets ? { secrets } : {}), ...(switchTimeoutMs !== undefined ? { timeoutMs: switchTimeoutMs } : {}), ...(killGraceMs !== undefined ? { killGraceMs } : {}) };
  }

  /** `reason`: why it stopped, where the status alone does not say (switch and rollback show it). */
  async markSlot(slot: string, status: SlotMark, reason?: string): Promise<void> {
    const { sha } = this.opts;
    await this.opts.store.update((s) => {
      s.slots[slot] = { sha, deployedAt: new Date().toISOString(), runId: this.runId, ...(status ? { status } : {}), ...(reason !== undefined ? { reason } : {}) };
    });
  }

  /** Without blue/green, right before the production stages: from now on production may hold part of this release. */
  async markUnsettled(): Promise<void> {
    const runId = this.runId;
    const read = await this.opts.store.update((s) => { markUnsettled(s, { runId, sha: this.opts.sha, kind: this.opts.rollback === true ? 'rollback' : 'deploy' }); });
    this.unsettledAs = runId;
    this.unsettled = read.state.unsettled;
  }

  /** The stages were cancelled: the mark stays, saying so. (A failure says so in its record's write, a pass clears it there.) */
  async stoppedUnsettled(): Promise<void> {
    const runId = this.unsettledAs;
    if (runId !== undefined) { await this.opts.store.update((s) => { settleUnsettled(s, runId, 'cancelled'); }); }
  }

  async record(fields: { slot: string | undefined; result: DeployRecord['result']; message?: string }): Promise<DeployRecord> {
    const { sha } = this.opts;
    const { approvedBy } = this;
    const record = makeRecord({
      environment: 'production', kind: 'deploy', sha, runId: this.runId, result: fields.result,
      ...(fields.slot !== undefined ? { slot: fields.slot } : {}),
      ...(approvedBy !== undefined ? { approvedBy } : {}),
      ...(fields.message !== undefined ? { message: fields.message } : {}),
    });
    const marked = this.unsettledAs;
    const { store } = this.opts;
    await store.update((s) => {
      addRecord(s, record, store.recordLimit);
      // Passed: production holds the release; failed: it may hold part of it.
      if (marked !== undefined) { settleUnsettled(s, marked, fields.result === 'failed' ? 'failed' : undefined); }
    });
    return record;
  }

  problem(message: string): void {
    this.problems.push(message);
    this.emitter.emit({ type: 'stateProblem', message });
  }

  outcome(result: DeployOutcome['result'], message: string, rest: Partial<DeployOutcome>): DeployOutcome {
    return { ...rest, result, message, sha: this.opts.sha, runId: this.runId, problems: [...this.problems] };
  }
}
