/**
 * One production deploy, start to end:
 *   lock → baseline (before anything changes) → production stages into the idle slot
 *   (GEARSHIFT_SLOT) → switch → record → watch → on alert: record it and, with autoRollback,
 *   switch back → unlock.
 *
 * Monitoring runs AFTER the switch: with blue/green the new release serves no traffic until
 * then, so there is nothing real to watch before it. A trip therefore means "live and bad",
 * and the rollback is a switch back to the previous slot, which still holds the old release.
 * Cancel before the switch leaves the live slot as it was; cancel after it only stops the
 * watching (the release stays live, and is recorded as such). The lock is released in every case.
 *
 * Running stages is the caller's job (the engine owns config, git, history); it gets the extra
 * env and the run id to use, and must stop the run when the signal aborts.
 */
import { randomUuid } from '../ids';
import type { DeployConfig, MonitorConfig } from '../config';
import { SafeEmitter } from '../pipeline';
import type { RunState } from '../pipeline';
import { idleSlot, slotEnv, switchTo, unconfiguredLive } from './blueGreen';
import type { DeployLock } from './deployLock';
import type { DeployStateStore } from './stateStore';
import type { DeployEvent, DeployOutcome } from './events';
import { Monitor } from './monitor/releaseMonitor';
import type { Clock, MonitorResult } from './monitor/types';
import { planRedeploy, rollback, type RollbackResult } from './rollback';
import { type DeployRecord, findRecord, makeRecord } from './stateModel';
import { NO_COMMIT_TO_DEPLOY, pausedMessage } from './refusals';
import { shortSha } from '../format';
import type { ResolvedSecrets } from '../secrets';
import { missingSwitchSecrets } from './switchSecrets';


export interface StagesRequest {
  /** Pass as RunOptions.extraEnv: GEARSHIFT_SLOT=<idle slot> with blue/green. */
  extraEnv: Record<string, string>;
  /** Pass as RunOptions.runId, so records and history agree. */
  runId: string;
  /** Aborts on cancel: cancel the run. */
  signal: AbortSignal;
}

export interface ProductionDeployOptions {
  root: string;
  sha: string;
  /** Runs the production stages (e.g. engine with `from`/`only`) and resolves with the run's end. */
  runStages: (request: StagesRequest) => Promise<{ id: string; state: RunState }>;
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
  /** The run's stage processes as they start: each group goes into the deploy lock while held. */
  onStageStarted?(listener: (pgid: number, start?: string) => void): () => void;
  /** Asked right before the production stages: why they would no longer deploy `sha` (HEAD moved under a workspace checkout); undefined: they would. */
  headMoved?(): Promise<string | undefined>;
}

export class ProductionDeploy {
  private readonly emitter = new SafeEmitter<DeployEvent>();
  private readonly abort = new AbortController();
  private readonly problems: string[] = [];
  /** Handed to runStages; if the caller's run used another id, that one wins from then on. */
  private runId: string;
  private runPromise: Promise<DeployOutcome> | undefined;
  private stagesRan = false;

  constructor(private readonly opts: ProductionDeployOptions) {
    this.runId = opts.runId ?? randomUuid();
  }

  onEvent(listener: (e: DeployEvent) => void): () => void { return this.emitter.on(listener); }

  /** Safe at any time, twice, or after the end. */
  cancel(): void { this.abort.abort(); }

  /** Resolves (never rejects) once everything it started has ended and the lock is released. Idempotent. */
  run(): Promise<DeployOutcome> {
    this.runPromise ??= this.runLocked().then((outcome) => {
      this.emitter.emit({ type: 'deployEnded', outcome });
      return outcome;
    });
    return this.runPromise;
  }

  private async runLocked(): Promise<DeployOutcome> {
    const { sha } = this.opts;
    const lock = await this.opts.lock.acquire(`production deploy of ${shortSha(sha)}`, this.runId).catch((err: Error) => ({ ok: false as const, message: `cannot take the deploy lock: ${err.message}` }));
    if (!lock.ok) { return this.outcome('refused', lock.message, {}); }
    // A holder killed mid-stage must not free the lock while its production stages still run.
    const off = this.opts.onStageStarted?.((pgid, start) => { void lock.addGroup?.({ pgid, ...(start ? { start } : {}) }).catch(() => undefined); });
    try {
      return await this.deploy();
    } catch (err) {
      // deploy.json or its lock unwritable, a probe that cannot be built…: nothing switched unless it says so.
      // Before the production stages nothing ran either: refused as for a held lock (exit 2), with the cause, never "cancelled".
      if (!this.stagesRan) { return this.outcome('refused', `not deploying: ${(err as Error).message}; nothing was deployed`, {}); }
      const { state } = await this.opts.store.read();
      return this.outcome('failed', `deploy failed: ${(err as Error).message}`, { ...(state.live !== undefined ? { live: state.live } : {}) });
    } finally {
      off?.();
      await lock.release();
    }
  }

  private async deploy(): Promise<DeployOutcome> {
    const { opts } = this;
    const signal = this.abort.signal;
    const read = await opts.store.read();
    // Without the live slot, the "idle" slot could be the live one: refuse (the reason says the way out).
    // Before the first commit there is nothing to deploy: a release of sha 'none' would fill a slot.
    const unknownLive = read.corrupt ?? (opts.deploy ? unconfiguredLive(read.state, opts.deploy) : undefined);
    const refusal = unknownLive ?? (opts.sha === 'none' ? NO_COMMIT_TO_DEPLOY : undefined);
    if (refusal !== undefined) { return this.outcome('refused', `not deploying: ${refusal}`, {}); }
    for (const p of read.problems) { this.problem(p); }
    const waiting = read.state.decision;
    if (waiting && opts.rollback !== true) { return this.outcome('refused', pausedMessage(waiting), {}); }
    const liveBefore = read.state.live;
    const slot = opts.deploy ? idleSlot(read.state, opts.deploy) : undefined;
    const where = { runId: this.runId, ...(slot !== undefined ? { slot } : {}), ...(liveBefore !== undefined ? { live: liveBefore } : {}) };
    this.emitter.emit({ type: 'deployStarted', sha: opts.sha, at: new Date().toISOString(), ...where });
    const stillLive = liveBefore === undefined ? 'nothing was switched' : `${liveBefore} is still live`;

    const monitor = opts.monitor && opts.monitor.probes.length > 0 ? this.makeMonitor(opts.monitor) : undefined;
    const baseline = monitor ? await monitor.baseline(signal) : undefined;
    if (baseline) { this.emitter.emit({ type: 'baseline', baseline }); }
    const extra = { ...(baseline ? { baseline } : {}) };
    if (signal.aborted) { return this.outcome('cancelled', `deploy cancelled before the production stages; ${stillLive}`, { ...where, ...extra }); }
    // Checked after the baseline (which may take a while), right before the stages run in the tree: the nearest point to what they ship.
    const moved = await opts.headMoved?.();
    if (moved !== undefined) { return this.outcome('refused', `not deploying: ${moved}; ${stillLive}`, { ...where, ...extra }); }

    const staged = await this.runProductionStages(slot, waiting !== undefined, { ...where, ...extra }, stillLive);
    if (staged) { return staged; }
    const switched = await this.makeLive(slot, liveBefore, { ...where, ...extra });
    if ('result' in switched) { return switched; }
    const { record } = switched;
    const live = { ...where, ...(slot !== undefined ? { live: slot } : {}) };
    const what = slot ? `${shortSha(opts.sha)} is live in ${slot}` : `${shortSha(opts.sha)} is deployed`;
    if (!monitor) { return this.outcome('ok', what, { ...live, record }); }
    return this.watch(monitor, record, live, extra, what, liveBefore);
  }

  /** The production stages into the idle slot (marked meanwhile): an outcome when they did not pass, else undefined. */
  private async runProductionStages(slot: string | undefined, decides: boolean, at: Partial<DeployOutcome>, stillLive: string): Promise<DeployOutcome | undefined> {
    const { opts } = this;
    const signal = this.abort.signal;
    // The idle slot is about to be overwritten: from now on it is no rollback target.
    if (slot) { await this.markSlot(slot, 'deploying'); }
    this.stagesRan = true;
    const run = await opts.runStages({ extraEnv: slot ? slotEnv(slot) : {}, runId: this.runId, signal })
      .catch((err: Error) => {
        this.problem(`the production stages could not run: ${err.message}`);
        return { id: this.runId, state: 'red' as const };
      });
    this.runId = run.id;
    this.emitter.emit({ type: 'stagesEnded', runId: run.id, state: run.state });
    if (run.state !== 'green') {
      const cancelled = run.state !== 'red';
      if (slot) { await this.markSlot(slot, cancelled ? 'cancelled' : 'failed'); }
      if (cancelled) { return this.outcome('cancelled', `deploy cancelled during the production stages; ${stillLive}`, at); }
      const record = await this.record({ slot, result: 'failed', message: 'production stages failed' });
      return this.outcome('failed', `production stages failed; ${stillLive}`, { ...at, record });
    }
    if (slot) { await this.markSlot(slot, undefined); }
    // A rollback redeploy went through: the paused release is decided (rolled back).
    if (decides) { await opts.store.update((s) => { delete s.decision; }); }
    if (signal.aborted) { return this.outcome('cancelled', `deploy cancelled before the switch; ${stillLive}`, at); }
    return undefined;
  }

  /** Blue/green: the switch (which writes the deploy record); without slots, just the record. */
  private async makeLive(slot: string | undefined, liveBefore: string | undefined, at: Partial<DeployOutcome>): Promise<DeployOutcome | { record: DeployRecord }> {
    const { opts } = this;
    if (!opts.deploy || !slot) { return { record: await this.record({ slot, result: 'ok' }) }; }
    // switchTo writes the deploy record with the new live slot, in one state update.
    const sw = await switchTo({
      root: opts.root, config: opts.deploy, store: opts.store, slot, kind: 'deploy', runId: this.runId, sha: opts.sha, signal: this.abort.signal,
      ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}), ...this.processOptions(), onOutput: this.switchOutput,
    });
    if (!sw.ok) {
      return this.outcome(sw.cancelled ? 'cancelled' : 'failed', sw.message, { ...at, ...(sw.record ? { record: sw.record } : {}) });
    }
    this.emitter.emit({ type: 'slotSwitched', to: slot, kind: 'deploy', ...(liveBefore !== undefined ? { from: liveBefore } : {}) });
    return { record: sw.record ?? await this.record({ slot, result: 'ok' }) };
  }

  /** Monitoring after the switch: passed, paused for a decision, cancelled, or an alert. */
  private async watch(monitor: Monitor, record: DeployRecord, live: Partial<DeployOutcome>, extra: Partial<DeployOutcome>, what: string, liveBefore: string | undefined): Promise<DeployOutcome> {
    const slot = live.slot;
    const watched = await monitor.watch(this.abort.signal, { ...(slot !== undefined ? { live: slot } : {}), ...(liveBefore !== undefined ? { previous: liveBefore } : {}) });
    if (!watched.tripped && watched.inconclusive === true) { return this.pause(watched, record, live, extra, what); }
    if (!watched.tripped) {
      return watched.cancelled
        ? this.outcome('cancelled', `monitoring cancelled; ${what}`, { ...live, ...extra, record, monitor: watched })
        : this.outcome('ok', `${what}; ${watched.message}`, { ...live, ...extra, record, monitor: watched });
    }
    return this.alert(watched, record, live, extra);
  }

  private async alert(trip: Extract<MonitorResult, { tripped: true }>, record: DeployRecord, where: Partial<DeployOutcome>, extra: Partial<DeployOutcome>): Promise<DeployOutcome> {
    const { opts } = this;
    const wanted = opts.monitor?.autoRollback ?? false;
    // The alert must not promise a rollback that cannot run: it says why, and asks a person instead.
    const missing = wanted ? missingSwitchSecrets(opts.deploy, opts.secrets) : [];
    const autoRollback = wanted && missing.length === 0;
    const updated = await opts.store.update((s) => {
      const r = findRecord(s, record.id);
      if (r) { r.result = 'alert'; r.message = trip.message; }
      return r ?? record;
    });
    const why = missing.length > 0 ? `; automatic rollback cannot run: secret${missing.length === 1 ? '' : 's'} not set: ${missing.join(', ')} (deploy.env)` : '';
    this.emitter.emit({ type: 'alert', result: why ? { ...trip, message: `${trip.message}${why}` } : trip, autoRollback });
    const base = { ...where, ...extra, record: updated.value, monitor: trip };
    if (!wanted) {
      return this.outcome('alert', `alert: ${trip.message}; auto-rollback is off`, base);
    }
    // Not cancellable by this deploy's cancel: once a bad release is live, going back must finish.
    const rb: RollbackResult = opts.deploy
      ? await rollback({ root: opts.root, config: opts.deploy, store: opts.store, runId: this.runId, ...this.processOptions(), onOutput: this.switchOutput })
      : planRedeploy(updated.state);
    this.emitter.emit({ type: 'rolledBack', result: rb });
    const after = (await opts.store.read()).state.live;
    const outcome = { ...base, rollback: rb, ...(after !== undefined ? { live: after } : {}) };
    switch (rb.kind) {
      case 'switched': return this.outcome('alert', `alert: ${trip.message}; rolled back to ${rb.to} (${shortSha(rb.sha)})`, outcome);
      case 'redeploy': return this.outcome('alert', `alert: ${trip.message}; to roll back, ${rb.message}`, outcome);
      default: return this.outcome('alert', `alert: ${trip.message}; automatic rollback did not happen: ${rb.message}`, outcome);
    }
  }

  /** Inconclusive: the release stays live and waits for a person; no later production deploy until then. */
  private async pause(result: Extract<MonitorResult, { inconclusive: true }>, record: DeployRecord, where: Partial<DeployOutcome>, extra: Partial<DeployOutcome>, what: string): Promise<DeployOutcome> {
    const { sha } = this.opts;
    const updated = await this.opts.store.update((s) => {
      const r = findRecord(s, record.id);
      if (r) { r.result = 'inconclusive'; r.message = result.message; }
      s.decision = { runId: this.runId, recordId: record.id, sha, at: result.at, message: result.message, ...(record.slot !== undefined ? { slot: record.slot } : {}) };
      return r ?? record;
    });
    this.emitter.emit({ type: 'inconclusive', result, sha, ...(record.slot !== undefined ? { slot: record.slot } : {}) });
    return this.outcome('inconclusive', `inconclusive: ${result.message}; ${what}, waiting for a decision: keep it or roll back`, { ...where, ...extra, record: updated.value, monitor: result });
  }

  private readonly switchOutput = (stream: 'stdout' | 'stderr', chunk: string): void => {
    this.emitter.emit({ type: 'switchOutput', stream, chunk });
  };

  private makeMonitor(config: MonitorConfig): Monitor {
    const monitor = new Monitor(config, { root: this.opts.root, ...(this.opts.env ? { env: this.opts.env } : {}), ...(this.opts.clock ? { clock: this.opts.clock } : {}) });
    monitor.onSample((sample) => this.emitter.emit({ type: 'monitorSample', sample }));
    return monitor;
  }

  private processOptions(): { env?: NodeJS.ProcessEnv; secrets?: ResolvedSecrets; timeoutMs?: number; killGraceMs?: number } {
    const { env, secrets, switchTimeoutMs, killGraceMs } = this.opts;
    return { ...(env ? { env } : {}), ...(secrets ? { secrets } : {}), ...(switchTimeoutMs !== undefined ? { timeoutMs: switchTimeoutMs } : {}), ...(killGraceMs !== undefined ? { killGraceMs } : {}) };
  }

  private async markSlot(slot: string, status: 'deploying' | 'failed' | 'cancelled' | undefined): Promise<void> {
    const { sha } = this.opts;
    await this.opts.store.update((s) => {
      s.slots[slot] = { sha, deployedAt: new Date().toISOString(), runId: this.runId, ...(status ? { status } : {}) };
    });
  }

  private async record(fields: { slot: string | undefined; result: DeployRecord['result']; message?: string }): Promise<DeployRecord> {
    const { sha, approvedBy } = this.opts;
    const record = makeRecord({
      environment: 'production', kind: 'deploy', sha, runId: this.runId, result: fields.result,
      ...(fields.slot !== undefined ? { slot: fields.slot } : {}),
      ...(approvedBy !== undefined ? { approvedBy } : {}),
      ...(fields.message !== undefined ? { message: fields.message } : {}),
    });
    await this.opts.store.addRecord(record);
    return record;
  }

  private problem(message: string): void {
    this.problems.push(message);
    this.emitter.emit({ type: 'stateProblem', message });
  }

  private outcome(result: DeployOutcome['result'], message: string, rest: Partial<DeployOutcome>): DeployOutcome {
    return { ...rest, result, message, sha: this.opts.sha, runId: this.runId, problems: [...this.problems] };
  }
}

