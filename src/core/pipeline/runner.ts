/**
 * The pipeline runner: schedules a Pipeline's stages as a DAG and emits RunEvents.
 *
 * Policy (shared by the terminal, CLI and history; change it here and in README together):
 * - Fail-fast: once a stage fails or times out, no NEW stage starts. Stages already running in
 *   independent branches finish on their own (killing a half-done deploy is worse than
 *   waiting). Every stage not started is `skipped`: "needs X, which failed" when it depends on
 *   a stage that did not pass, else "pipeline stopped after X failed".
 * - A declined (or failed) manual approval stops the pipeline the same way; the gated stage is
 *   `cancelled` ("approval declined") and the run is `cancelled`. So does a closed `gate` (a
 *   production deploy that could not take the deploy lock), its reason on the stage.
 * - cancel(): every running stage's process group gets SIGTERM, then SIGKILL after the grace;
 *   those stages and every stage not started become `cancelled`; the run is `cancelled`.
 * - Run state: `red` if any stage failed or timed out, even if the run was later cancelled (a
 *   real failure is never hidden); else `cancelled` if cancelled or a gate was declined; else
 *   `green`.
 * - Every stage in the record gets exactly one `stageEnded`; `stageStarted` only for stages
 *   whose process was started. `runEnded` comes last, once every process of the run is gone.
 */

import { randomUuid } from '../ids';
import { isoTime } from '../format';
import { monotonicMs } from './monotonic';
import type { RunEvent, RunRecord, StageRecord, StageState } from './types';
import { SafeEmitter } from './emitter';
import { planRun } from './graph';
import { APPROVAL_DECLINED, approvalFacts, blockedBy, readApproval, stageOutcome, type ApprovalReading } from './outcome';
import { GateKeeper } from './gate';
import type { ProcessResult, StageProcess } from './process';
import { stageEnv, stageSpec } from './stageSpec';
import { certainNext, Prelaunches, type SlotView } from './prelaunches';
import { assertSecretsResolved } from './stageSecrets';
import type { RunOptions } from './options';

export { DEFAULT_KILL_GRACE_MS, type RunOptions } from './options';

const DEFAULT_CANCEL_REASON = 'run cancelled';

interface Slot extends SlotView {
  readonly record: StageRecord;
  proc?: StageProcess;
  abortApproval?: () => void;
  /** Waiting (state `pending`) for the gate to answer. */
  gating?: boolean;
}

const TERMINAL: ReadonlySet<StageState> = new Set(['passed', 'failed', 'skipped', 'cancelled', 'timedOut']);

export class PipelineRun {
  /** Live record, mutated as the run goes; events carry this same object. */
  readonly record: RunRecord;

  private readonly emitter = new SafeEmitter<RunEvent>();
  private readonly slots: Slot[];
  private readonly byName = new Map<string, Slot>();
  private readonly total: number;
  private readonly gate: GateKeeper;
  private startedCount = 0;
  private runPromise?: Promise<RunRecord>;
  private resolveRun?: (record: RunRecord) => void;
  private cancelReason?: string;
  /** Set by the first failure/timeout/declined gate: no new stage starts after it. */
  private stopReason?: string;
  private anyFailed = false;
  private gateDeclined = false;
  private ended = false;
  private pumping = false;
  private pumpAgain = false;
  private startClock = 0;
  private readonly sweeps: Promise<unknown>[] = []; // each started stage's `done`: all it left is gone
  private readonly prelaunches = new Prelaunches(); // the next stages, forked while these run

  /** Throws on a graph the scheduler could not finish (cycle, unknown needs, unknown only/from, an empty environment) or a selected stage's secret missing. */
  constructor(private readonly opts: RunOptions) {
    const plan = planRun(opts.pipeline, { only: opts.only, from: opts.from, target: opts.target, environment: opts.environment });
    assertSecretsResolved(opts.pipeline.stages.filter((s) => plan.needs.has(s.name)), opts.secrets);
    this.gate = new GateKeeper(opts.gate);
    this.total = plan.needs.size;
    this.slots = opts.pipeline.stages.map((stage) => {
      const skipReason = plan.notSelected.get(stage.name);
      const record: StageRecord = { name: stage.name, state: skipReason === undefined ? 'pending' : 'skipped', exitCode: null, durationMs: 0 };
      if (skipReason !== undefined) { record.reason = skipReason; }
      return { stage, record, needs: plan.needs.get(stage.name) ?? [] };
    });
    for (const slot of this.slots) { this.byName.set(slot.stage.name, slot); }
    this.record = {
      id: opts.runId ?? randomUuid(), sha: opts.sha, branch: opts.branch, trigger: opts.trigger,
      startedAt: isoTime(), state: 'running', stages: this.slots.map((s) => s.record),
    };
  }

  /** Subscribe before start() to see every event. Returns an unsubscribe function. */
  onEvent(listener: (event: RunEvent) => void): () => void {
    return this.emitter.on(listener);
  }

  /** Runs the pipeline; resolves (never rejects) once every process of the run is gone. Idempotent. */
  start(): Promise<RunRecord> {
    this.runPromise ??= new Promise<RunRecord>((resolve) => {
      this.resolveRun = resolve;
      this.startClock = monotonicMs();
      this.record.startedAt = isoTime();
      this.emitter.emit({ type: 'runStarted', run: this.record });
      for (const slot of this.slots) {
        if (slot.record.state === 'skipped') { this.emitter.emit({ type: 'stageEnded', run: this.record, stage: slot.record, atStart: true }); }
      }
      this.pump();
    });
    return this.runPromise;
  }

  /** Safe before start, twice, or after the end. */
  cancel(reason: string = DEFAULT_CANCEL_REASON): void {
    if (this.ended || this.cancelReason !== undefined) { return; }
    this.cancelReason = reason;
    this.gate.abortIfPending();
    for (const slot of this.slots) { slot.proc?.terminate(); }
    this.pump();
  }

  /** Settle what cannot run, start what can, and end the run when nothing is left. */
  private pump(): void {
    if (this.ended || !this.resolveRun) { return; }
    // A listener may call cancel() from inside an event we emit here: fold that into this pass.
    if (this.pumping) { this.pumpAgain = true; return; }
    this.pumping = true;
    try {
      this.pumpOnce();
    } finally {
      this.pumping = false;
    }
    if (!this.ended && this.slots.every((s) => TERMINAL.has(s.record.state))) { this.finish(); } else { this.prelaunchNext(); }
  }

  /** Forks the stages certain to start next while the current ones run (prelaunches.ts); a gate's env must be known. */
  private prelaunchNext(): void {
    if (this.stopReason !== undefined || this.cancelReason !== undefined) { return; }
    const ready = certainNext(this.slots, (name) => !this.gate.covers(name) || this.gate.isOpen);
    ready.forEach((next) => this.prelaunches.prepare(next, () => stageEnv(next, this.record.id, this.opts, this.gate.env)));
  }

  private pumpOnce(): void {
    let changed = true;
    while (changed || this.pumpAgain) {
      changed = false;
      this.pumpAgain = false;
      for (const slot of this.slots) {
        const state = slot.record.state;
        if (state !== 'pending' && state !== 'waiting-approval') { continue; }
        const blocked = this.blockedReason(slot);
        if (blocked) {
          this.settle(slot, blocked.state, blocked.reason);
          changed = true;
        } else if (state === 'pending' && !slot.gating && slot.needs.every((n) => this.slot(n).record.state === 'passed')) {
          this.advance(slot);
          changed = true;
        }
      }
    }
  }

  private blockedReason(slot: Slot): { state: StageState; reason: string } | undefined {
    if (this.cancelReason !== undefined) { return { state: 'cancelled', reason: this.cancelReason }; }
    for (const need of slot.needs) {
      const rec = this.slot(need).record;
      if (TERMINAL.has(rec.state) && rec.state !== 'passed') {
        return { state: 'skipped', reason: blockedBy(need, rec.state, rec.reason) };
      }
    }
    if (this.stopReason !== undefined) { return { state: 'skipped', reason: this.stopReason }; }
    return undefined;
  }

  private advance(slot: Slot): void {
    if (slot.stage.approval === 'manual') {
      slot.record.state = 'waiting-approval';
      this.emitter.emit({ type: 'approvalNeeded', run: this.record, stage: slot.stage.name });
      void this.askApproval(slot);
    } else {
      this.proceed(slot);
    }
  }

  /** Through the gate when it covers the stage, then launch; a closed gate stops the pipeline. */
  private proceed(slot: Slot): void {
    if (!this.gate.covers(slot.stage.name)) { this.launch(slot); return; }
    slot.record.state = 'pending';
    slot.gating = true;
    void this.gate.pass().then((answer) => {
      slot.gating = false;
      if (slot.record.state !== 'pending' || this.ended) { return; } // cancelled or stopped meanwhile
      if (answer.ok) {
        this.launch(slot);
      } else {
        this.gateDeclined = true;
        this.settle(slot, 'cancelled', answer.reason);
        this.stopReason ??= `pipeline stopped: ${answer.reason}`;
      }
      this.pump();
    });
  }

  private async askApproval(slot: Slot): Promise<void> {
    const abort = new AbortController();
    const asked = monotonicMs();
    slot.abortApproval = () => abort.abort();
    const aborted = new Promise<false>((resolve) => { abort.signal.addEventListener('abort', () => resolve(false), { once: true }); });
    let answer: ApprovalReading = { approved: false };
    let failure: string | undefined;
    const approve = this.opts.approve;
    try {
      if (approve) {
        // then(): a synchronous throw in approve() becomes a rejection we catch here.
        answer = readApproval(await Promise.race([Promise.resolve().then(() => approve(slot.stage, this.record, abort.signal)), aborted]));
      }
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    } finally {
      slot.abortApproval = undefined;
    }
    // Cancelled or stopped while we waited: that path already settled the stage.
    if (slot.record.state !== 'waiting-approval' || this.ended) { return; }
    Object.assign(slot.record, approvalFacts(answer, monotonicMs() - asked)); // who, and a person's time (--yes: nobody waited)
    if (answer.approved) { this.proceed(slot); return; }
    this.gateDeclined = true;
    this.settle(slot, 'cancelled', failure !== undefined ? `approval failed: ${failure}` : answer.notAsked ?? APPROVAL_DECLINED);
    this.stopReason ??= `pipeline stopped: ${slot.stage.name} was not approved`;
    this.pump();
  }

  private launch(slot: Slot): void {
    const { stage, record } = slot;
    record.state = 'running';
    record.startedAt = isoTime();
    const proc = this.prelaunches.start(stage.name, stageSpec(stage, this.record.id, this.opts, this.gate.env, (stream, chunk) => {
      this.emitter.emit({ type: 'stageOutput', run: this.record, stage: stage.name, stream, chunk });
    }));
    slot.proc = proc;
    if (proc.pid !== undefined) { record.pgid = proc.pid; }
    if (proc.startTime !== undefined) { record.pgidStart = proc.startTime; }
    this.startedCount += 1;
    // Output events are asynchronous, so this always precedes the stage's first output.
    this.emitter.emit({
      type: 'stageStarted', run: this.record, stage: stage.name,
      index: this.startedCount, total: this.total, pid: proc.pid,
      ...(proc.startTime !== undefined ? { startTime: proc.startTime } : {}), ...(stage.keep ? { keep: true } : {}),
    });
    // The outcome starts the dependents; the /proc sweep for escaped processes follows (see finish).
    void proc.ended.then((result) => this.stageDone(slot, result));
    this.sweeps.push(proc.done);
  }

  private stageDone(slot: Slot, result: ProcessResult): void {
    slot.proc = undefined;
    const outcome = stageOutcome(result, slot.stage.timeoutMs, this.cancelReason);
    slot.record.exitCode = result.exitCode;
    slot.record.signal = result.signal;
    slot.record.durationMs = Math.round(result.durationMs);
    if (result.kept) { slot.record.kept = result.kept; }
    this.settle(slot, outcome.state, outcome.reason);
    if (outcome.state === 'failed' || outcome.state === 'timedOut') {
      this.anyFailed = true;
      this.stopReason ??= `pipeline stopped after ${slot.stage.name} ${outcome.state === 'failed' ? 'failed' : 'timed out'}`;
    }
    this.pump();
  }

  private settle(slot: Slot, state: StageState, reason: string | undefined): void {
    slot.abortApproval?.();
    this.prelaunches.drop(slot.stage.name);
    slot.record.state = state;
    if (reason !== undefined) { slot.record.reason = reason; }
    this.emitter.emit({ type: 'stageEnded', run: this.record, stage: slot.record });
  }

  private finish(): void {
    this.ended = true;
    this.gate.abortIfPending();
    this.record.state = this.anyFailed ? 'red'
      : this.cancelReason !== undefined || this.gateDeclined ? 'cancelled'
        : 'green';
    // runEnded only once every started stage's leftovers are swept (their scans run after the outcome).
    void Promise.all([...this.sweeps, this.prelaunches.dropAll()]).then(() => this.announceEnd());
  }

  private announceEnd(): void {
    this.record.endedAt = isoTime();
    this.record.durationMs = Math.round(monotonicMs() - this.startClock);
    this.emitter.emit({ type: 'runEnded', run: this.record });
    this.resolveRun?.(this.record);
  }

  private slot(name: string): Slot {
    const slot = this.byName.get(name);
    if (!slot) { throw new Error(`unknown stage "${name}"`); }
    return slot;
  }
}
