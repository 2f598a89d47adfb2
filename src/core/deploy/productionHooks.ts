/**
 * Every run that reaches production deploys through a ProductionDeploy (src/core/deploy),
 * however it was started (palette, CLI, a commit): otherwise a commit-triggered 5th-gear run
 * would deploy over the live slot, unlocked and unwatched.
 *
 * - A gate in front of the production stages (pipeline/gate.ts): when the first of them is
 *   ready, the deploy takes the deploy lock (one deploy at a time per pipeline) and the
 *   monitoring baseline, marks the idle blue/green slot, and opens with GEARSHIFT_SLOT. Stages
 *   before production (tests, non-prod) run unlocked and never touch deploy state.
 * - A hold after the stages (StagesHold): the switch, monitoring and auto-rollback. The engine
 *   ends the run only then, so history, the terminal and the status bar show one run whose
 *   verdict includes them.
 * If the lock is held elsewhere the gate stays closed: the production stage is cancelled with
 * the holder's name and nothing is deployed. So it does when, under `checkout: workspace`, HEAD
 * is no longer the run's commit right before the production stages (refusals.ts `headMove`); if
 * HEAD moves while they run, the slot they filled is not switched to (stagesAndSwitch.ts).
 */
import type { Pipeline } from '../config';
import type { DeployLock } from './deployLock';
import type { DeployStateStore } from './stateStore';
import type { DeployOutcome } from './events';
import { ProductionDeploy } from './productionDeploy';
import type { ProductionDeployOptions, StagesEnded } from './deployRun';
import { headMove } from './refusals';
import type { GateAnswer, StageGate, RunRecord, RunState } from '../pipeline';
import type { ConfirmedSlots, EngineEvent, StagesHold } from '../engine';
import type { ResolvedSecrets } from '../secrets';

export interface ProductionHooksOptions {
  runId: string;
  /** The run's pipeline: its production stages are gated; `deploy:` and `monitor:` drive the deploy. */
  pipeline: Pipeline;
  /** Where the switch script and command probes run: the workspace folder. */
  root: string;
  sha: string;
  store: DeployStateStore;
  lock: DeployLock;
  /** For the switch script and command probes. */
  env: NodeJS.ProcessEnv;
  /** The run's resolved secrets: `deploy.env`'s values and the masks for the switch script's output. */
  secrets?: ResolvedSecrets;
  killGraceMs?: number;
  approvedBy?: string;
  /** The run redeploys a previous release as a rollback (no blue/green). */
  rollback?: boolean;
  /** The slots a person confirmed (RunRequest.slots). */
  expectSlots?: ConfirmedSlots;
  /** The run's stage processes as they start: recorded in the deploy lock. */
  onStageStarted?(listener: (pgid: number, start?: string) => void): () => void;
  /** The stages run in a clean worktree of `sha`: HEAD moving in the workspace changes nothing they ship. */
  cleanCheckout?: boolean;
  emit(e: EngineEvent): void;
}

export interface ProductionHooks {
  gate: StageGate;
  hold: StagesHold;
  /** The deploy's outcome; undefined when the run never reached production (e.g. a unit test failed). */
  outcome: Promise<DeployOutcome | undefined>;
}

/** The deploy's options from the run's (all but runStages, which opens the gate). */
function deployOptions(o: ProductionHooksOptions): Omit<ProductionDeployOptions, 'runStages'> {
  return {
    root: o.root, sha: o.sha, runId: o.runId, store: o.store, lock: o.lock, env: o.env,
    ...(o.pipeline.deploy ? { deploy: o.pipeline.deploy } : {}),
    ...(o.pipeline.monitor ? { monitor: o.pipeline.monitor } : {}),
    ...(o.approvedBy !== undefined ? { approvedBy: o.approvedBy } : {}),
    ...(o.secrets ? { secrets: o.secrets } : {}),
    ...(o.rollback === true ? { rollback: true } : {}),
    ...(o.expectSlots ? { expectSlots: o.expectSlots } : {}),
    ...(o.killGraceMs !== undefined ? { killGraceMs: o.killGraceMs } : {}),
    ...(o.onStageStarted ? { onStageStarted: o.onStageStarted } : {}),
    ...(o.cleanCheckout === true ? {} : { headMove: () => headMove(o.root, o.sha) }),
  };
}

export function productionHooks(o: ProductionHooksOptions): ProductionHooks {
  let deploy: ProductionDeploy | undefined;
  let resolveStages!: (r: StagesEnded) => void;
  const stagesEnded = new Promise<StagesEnded>((resolve) => { resolveStages = resolve; });
  let resolveOutcome!: (outcome: DeployOutcome | undefined) => void;
  const outcome = new Promise<DeployOutcome | undefined>((resolve) => { resolveOutcome = resolve; });

  const gate: StageGate = {
    stages: new Set(o.pipeline.stages.filter((s) => s.environment === 'production').map((s) => s.name)),
    open: (signal) => new Promise<GateAnswer>((open) => {
      const d = new ProductionDeploy({
        ...deployOptions(o),
        // Locked, baseline taken, slot marked: let the production stages run, and wait for the run's stages to end.
        runStages: ({ extraEnv }) => { open({ ok: true, env: extraEnv }); return stagesEnded; },
      });
      deploy = d;
      d.onEvent((event) => o.emit({ type: 'deploy', runId: o.runId, event }));
      if (signal.aborted) { d.cancel(); } else { signal.addEventListener('abort', () => d.cancel(), { once: true }); }
      void d.run()
        // run() reports problems as outcomes; should it ever throw, the gate and hold must still settle.
        .catch((e: Error): DeployOutcome => ({ result: 'failed', message: `deploy failed: ${e.message}`, sha: o.sha, runId: o.runId, problems: [] }))
        .then((result) => {
          open({ ok: false, reason: result.message }); // a no-op once the gate opened
          resolveOutcome(result);
        });
    }),
  };

  const hold: StagesHold = {
    afterStages: async (record, verdict) => {
      if (!deploy) {
        resolveOutcome(undefined);
        return verdict;
      }
      resolveStages({ id: record.id, state: verdict, ...gateApprover(record, gate.stages) });
      const result = await outcome;
      return result ? applyDeployOutcome(record, verdict, result) : verdict;
    },
    cancel: () => deploy?.cancel(),
  };
  return { gate, hold, outcome };
}

/** Who approved the first production stage's manual gate, if one was approved: the deploy record's approver when the run has none. */
function gateApprover(record: RunRecord, production: ReadonlySet<string>): Pick<StagesEnded, 'approvedBy'> {
  const approvedBy = record.stages.find((s) => production.has(s.name) && s.approvedBy !== undefined)?.approvedBy;
  return approvedBy !== undefined ? { approvedBy } : {};
}

/**
 * The deploy's verdict on the run record. Stages that did not pass keep their verdict; after
 * green stages, a failed switch is red, a monitoring alert is red with `alert: true` (and
 * `rollback: true` when it rolled back), which is what the gauge's change failure rate reads.
 */
export function applyDeployOutcome(record: RunRecord, verdict: RunState, o: DeployOutcome): RunState {
  record.deploy = {
    result: o.result, message: o.message, ...(o.live !== undefined ? { live: o.live } : {}), ...(o.liveUnknown === true ? { liveUnknown: true } : {}),
    ...(o.partial === true ? { partial: true } : {}),
    ...(o.result === 'alert' && o.rollback !== undefined && o.rollback.kind !== 'switched' ? { rollbackFailed: rollbackFailure(o.rollback) } : {}),
  };
  if (o.slot !== undefined) { record.slot = o.slot; }
  if (o.result === 'alert') {
    record.alert = true;
    if (o.rollback?.kind === 'switched') { record.rollback = true; }
  }
  // Live and not failed: green, marked so history and the gauge know a person had to decide.
  if (o.result === 'inconclusive') { record.inconclusive = true; }
  if (verdict !== 'green') { return verdict; }
  switch (o.result) {
    case 'ok': case 'inconclusive': return 'green';
    case 'cancelled': case 'refused': return 'cancelled';
    default: return 'red';
  }
}

/** Why an automatic rollback left the alerting release live, for the went-red words (core/redgreen messages.ts). */
function rollbackFailure(rb: Exclude<NonNullable<DeployOutcome['rollback']>, { kind: 'switched' }>): string {
  return rb.kind === 'redeploy' ? `to roll back, ${rb.message}` : rb.message;
}
