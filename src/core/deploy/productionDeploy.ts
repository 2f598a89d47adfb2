/**
 * One production deploy, start to end:
 *   lock → baseline (before anything changes) → HEAD still the run's commit? → production
 *   stages into the idle slot (GEARSHIFT_SLOT) → HEAD still the run's commit? → switch → record
 *   → watch → on alert: record it and, with autoRollback, switch back → unlock.
 * (The HEAD checks only under `checkout: workspace`, where the stages ship the folder as it is.)
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
import type { MonitorConfig } from '../config';
import { idleSlot, slotsChangedSince, unconfiguredLive } from './blueGreen';
import { interruptedSwitch, liveUnknownText } from './switchIntent';
import type { DeployState } from './stateModel';
import { DeployRun, type ProductionDeployOptions } from './deployRun';
import type { DeployEvent, DeployOutcome } from './events';
import { Monitor } from './monitor/releaseMonitor';
import { headMovedBeforeStages, NO_COMMIT_TO_DEPLOY, pausedMessage } from './refusals';
import { watchRelease } from './releaseWatch';
import { makeLive, NOTHING_SWITCHED, runProductionStages } from './stagesAndSwitch';
import { shortSha } from '../format';

export type { ProductionDeployOptions, StagesRequest } from './deployRun';

export class ProductionDeploy {
  private readonly job: DeployRun;
  private runPromise: Promise<DeployOutcome> | undefined;

  constructor(private readonly opts: ProductionDeployOptions) {
    this.job = new DeployRun(opts);
  }

  onEvent(listener: (e: DeployEvent) => void): () => void { return this.job.emitter.on(listener); }

  /** Safe at any time, twice, or after the end. */
  cancel(): void { this.job.abort.abort(); }

  /** Resolves (never rejects) once everything it started has ended and the lock is released. Idempotent. */
  run(): Promise<DeployOutcome> {
    this.runPromise ??= this.runLocked().then((outcome) => {
      this.job.emit({ type: 'deployEnded', outcome });
      return outcome;
    });
    return this.runPromise;
  }

  private async runLocked(): Promise<DeployOutcome> {
    const { sha } = this.opts;
    const run = this.job;
    const lock = await this.opts.lock.acquire(`production deploy of ${shortSha(sha)}`, run.runId).catch((err: Error) => ({ ok: false as const, message: `cannot take the deploy lock: ${err.message}` }));
    if (!lock.ok) { return run.outcome('refused', lock.message, {}); }
    // A holder killed mid-stage must not free the lock while its production stages still run.
    const off = this.opts.onStageStarted?.((pgid, start) => { void lock.addGroup?.({ pgid, ...(start ? { start } : {}) }).catch(() => undefined); });
    try {
      return await this.deploy();
    } catch (err) {
      // deploy.json or its lock unwritable, a probe that cannot be built…: nothing switched unless it says so.
      // Before the production stages nothing ran either: refused as for a held lock (exit 2), with the cause, never "cancelled".
      if (!run.stagesRan) { return run.outcome('refused', `not deploying: ${(err as Error).message}; nothing was deployed`, {}); }
      const { state } = await this.opts.store.read();
      return run.outcome('failed', `deploy failed: ${(err as Error).message}`, { ...(state.live !== undefined ? { live: state.live } : {}) });
    } finally {
      off?.();
      await lock.release();
    }
  }

  private async deploy(): Promise<DeployOutcome> {
    const { opts } = this;
    const run = this.job;
    const signal = run.signal;
    const read = await opts.store.read();
    // Without the live slot, the "idle" slot could be the live one: refuse (the reason says the way out).
    // Before the first commit there is nothing to deploy: a release of sha 'none' would fill a slot.
    const unknownLive = read.corrupt ?? (opts.deploy ? unconfiguredLive(read.state, opts.deploy) ?? switchLeftUnknown(read.state, opts.deploy.slots) : undefined);
    const refusal = unknownLive ?? (opts.sha === 'none' ? NO_COMMIT_TO_DEPLOY : undefined);
    if (refusal !== undefined) { return run.outcome('refused', `not deploying: ${refusal}`, {}); }
    for (const p of read.problems) { run.problem(p); }
    const waiting = read.state.decision;
    if (waiting && opts.rollback !== true) { return run.outcome('refused', pausedMessage(waiting), {}); }
    const liveBefore = read.state.live;
    const slot = opts.deploy ? idleSlot(read.state, opts.deploy) : undefined;
    // Checked here, under the lock: another deploy may have landed while the person was asked.
    const changed = opts.expectSlots ? slotsChangedSince(opts.expectSlots, slot, liveBefore) : undefined;
    if (changed !== undefined) { return run.outcome('refused', `not deploying: ${changed}; nothing was deployed`, {}); }
    const where = { runId: run.runId, ...(slot !== undefined ? { slot } : {}), ...(liveBefore !== undefined ? { live: liveBefore } : {}) };
    const watched = opts.monitor && opts.monitor.probes.length > 0 ? opts.monitor : undefined;
    run.emit({ type: 'deployStarted', sha: opts.sha, at: new Date().toISOString(), ...where, ...(watched && watched.baselineMs > 0 ? { baselineMs: watched.baselineMs } : {}) });
    const stillLive = liveBefore === undefined ? NOTHING_SWITCHED : `${liveBefore} is still live`;

    const monitor = watched ? this.makeMonitor(watched, run.runId) : undefined;
    const baseline = monitor ? await monitor.baseline(signal) : undefined;
    if (baseline) { run.emit({ type: 'baseline', baseline }); }
    const extra = { ...(baseline ? { baseline } : {}) };
    if (signal.aborted) { return run.outcome('cancelled', `deploy cancelled before the production stages; ${stillLive}`, { ...where, ...extra }); }
    // Checked after the baseline (which may take a while), right before the stages run in the tree: the nearest point to what they ship.
    const moved = await opts.headMove?.();
    if (moved !== undefined) { return run.outcome('refused', `not deploying: ${headMovedBeforeStages(opts.sha, moved)}; ${stillLive}`, { ...where, ...extra }); }

    const staged = await runProductionStages(run, slot, waiting !== undefined, { ...where, ...extra }, stillLive);
    if (staged) { return staged; }
    const switched = await makeLive(run, slot, liveBefore, { ...where, ...extra });
    if ('result' in switched) { return switched; }
    const { record } = switched;
    const live = { ...where, ...(slot !== undefined ? { live: slot } : {}) };
    const what = slot ? `${shortSha(opts.sha)} is live in ${slot}` : `${shortSha(opts.sha)} is deployed`;
    if (!monitor) { return run.outcome('ok', what, { ...live, record }); }
    return watchRelease(run, monitor, { record, live, extra, what, liveBefore });
  }

  private makeMonitor(config: MonitorConfig, runId: string): Monitor {
    const monitor = new Monitor(config, { root: this.opts.root, runId, ...(this.opts.env ? { env: this.opts.env } : {}), ...(this.opts.clock ? { clock: this.opts.clock } : {}) });
    monitor.onSample((sample) => this.job.emit({ type: 'monitorSample', sample }));
    return monitor;
  }
}

/** Holding the deploy lock, a switch intent left in deploy.json is an interrupted one: the "idle" slot may be live. */
function switchLeftUnknown(state: DeployState, slots: readonly string[]): string | undefined {
  const intent = interruptedSwitch(state, () => false);
  return intent ? liveUnknownText(intent, slots) : undefined;
}
