/**
 * What a production deploy's confirmation must show before anyone says yes: the sha, the
 * commits not in the live release, the slot it goes to, and whatever stands in the
 * way (red pipeline, a deploy or run in progress). Reads only; changes nothing (history's writability is
 * checked without creating the file).
 */
import type { LoadResult } from '../config';
import type { ConfirmedSlots, PipelineEngine } from '../engine';
import { NO_COMMIT_TO_DEPLOY, deployContext, type DeployContext, idleSlot, type LockHolder, pausedMessage, productionUnknownText, type StateRead, unconfiguredLive } from '../deploy';
import { getRepoInfo } from '../git';
import { describeHeld } from '../lock';
import { NO_PRODUCTION_STAGE } from '../config';
import { formatConfigErrors } from './messages';
import { type CommitList, commitsBetween, lastProduction, liveHolder, madeLiveField, redNow, removedCommits, rolledBackField } from './facts';
import type { PlanResult, ProductionPlan } from './types';
import { runPipeline } from './runPipeline';

/** The slots a plan's question names, for the deploy to check again under its lock (RunRequest.slots). */
export function confirmedSlots(plan: ProductionPlan): ConfirmedSlots | undefined {
  if (plan.targetSlot === undefined) { return undefined; }
  return { target: plan.targetSlot, ...(plan.liveSlot !== undefined ? { live: plan.liveSlot } : {}) };
}

/**
 * The slots a confirmed run pins (RunRequest.slots), for the deploy to check again under its lock:
 * those its question named, unless the run waits for another to end first (queued in the editor,
 * `gearshift run --wait`): the run before it may deploy, so its slot is decided when its turn comes.
 */
export function slotsToPin(plan: ProductionPlan, waits: boolean): ConfirmedSlots | undefined {
  return waits || plan.sha === 'none' ? undefined : confirmedSlots(plan);
}

/** `blocked` when the engine runs: a run asked for meanwhile may wait for it (whenRunning), a deploy may not. */
export const RUN_IN_PROGRESS = 'a pipeline run is already in progress';

/**
 * `target`: plan a deploy of that commit instead of HEAD (Promote: the last non-prod pass, run
 * in a clean checkout of it, so the working tree's changes do not ship).
 */
export async function planProductionDeploy(engine: PipelineEngine, target?: { sha: string }): Promise<PlanResult> {
  const repo = await commitToDeploy(engine.folder, target);
  const loaded = await pipelineOfRun(engine, repo, target);
  if (!loaded.ok) { return { kind: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const { pipeline } = loaded;
  const [context, red, missingSecrets, unwritable] = await Promise.all([deployContext(engine), redNow(engine), engine.secrets.missingFor(pipeline, {}), engine.historyUnwritable()]);
  const { state, problems, corrupt, holder, productionUnknown } = await deployFacts(context);
  const unknownLive = corrupt ?? (pipeline.deploy ? unconfiguredLive(state, pipeline.deploy) : undefined);
  const last = lastProduction(state);
  const [list, removed] = await commitsBothWays(engine.folder, last?.sha, repo.sha);
  const productionStages = pipeline.stages.filter((s) => s.environment === 'production').map((s) => s.name);
  const plan: ProductionPlan = {
    kind: 'plan',
    sha: repo.sha,
    ...(repo.subject !== undefined ? { subject: repo.subject } : {}),
    branch: repo.branch,
    dirty: repo.dirty === true,
    ...(last ? { lastProduction: { ...last, ...madeLiveField(state, last.sha) } } : {}), ...(productionUnknown !== undefined ? { productionUnknown } : {}),
    ...rolledBackField(state, repo.sha),
    ...(corrupt !== undefined ? { stateCorrupt: true as const } : {}),
    ...(list.commits ? { commits: list.commits } : {}),
    moreCommits: list.more,
    ...(list.note ? { commitsNote: list.note } : {}),
    ...(removed ? { removed } : {}),
    blueGreen: pipeline.deploy !== undefined,
    // Corrupt: no slot is named, since the "idle" one could be live (and the deploy is blocked).
    ...(pipeline.deploy && unknownLive === undefined ? { targetSlot: idleSlot(state, pipeline.deploy) } : {}),
    ...(state.live !== undefined ? { liveSlot: state.live } : {}),
    productionStages,
    ...(pipeline.monitor ? {
      monitor: {
        windowMs: pipeline.monitor.windowMs, intervalMs: pipeline.monitor.intervalMs,
        autoRollback: pipeline.monitor.autoRollback, probes: pipeline.monitor.probes.map((p) => p.name),
      },
    } : {}),
    ...(red ? { red } : {}),
    ...(holder ? { deployInProgress: holder } : {}),
    ...(missingSecrets.length > 0 ? { missingSecrets } : {}),
    // Corrupt: said once, by `blocked`.
    problems: corrupt !== undefined ? [] : [...problems],
  };
  const blocked = productionStages.length === 0 ? NO_PRODUCTION_STAGE
    : holder ? `another deploy is in progress: ${describeHeld(holder)}`
      : unknownLive !== undefined ? unknownLive
        : state.decision ? pausedMessage(state.decision)
          : engine.busy ? RUN_IN_PROGRESS
            : unwritable ?? (repo.sha === 'none' ? NO_COMMIT_TO_DEPLOY : undefined); // a deploy history cannot record is refused by the engine too
  if (blocked) { plan.blocked = blocked; }
  return plan;
}

/** deploy.json, the deploy lock's live holder, and why production is unknown when a deploy stopped part-way (core/deploy productionIn, as `gearshift status`). */
async function deployFacts(context: DeployContext): Promise<StateRead & { holder: LockHolder | undefined; productionUnknown: string | undefined }> {
  const [read, holder] = await Promise.all([context.store.read(), liveHolder(context.lock)]);
  return { ...read, holder, productionUnknown: await productionUnknownText(read, context.lock) };
}

/**
 * The file the run will follow, for its slots, stages and secrets: a promote of a commit HEAD has moved on from runs a
 * clean checkout of it (redeploy.ts), so that commit's own `.gearshift.yml`; else the working copy's (the commit's under `checkout: clean`).
 */
function pipelineOfRun(engine: PipelineEngine, repo: { sha: string; clean?: true }, target: { sha: string } | undefined): Promise<LoadResult> {
  return runPipeline(engine, repo.clean ? { sha: repo.sha, checkout: 'clean' } : target ? { sha: target.sha } : {});
}

/** HEAD as git says it, or `target` with its subject; `clean`: the run is a clean checkout of it (never dirty), as promote's when HEAD has moved on. */
async function commitToDeploy(folder: string, target: { sha: string } | undefined): Promise<{ sha: string; subject?: string; branch: string; dirty?: boolean; clean?: true }> {
  const repo = await getRepoInfo(folder);
  // HEAD is the target: promote runs in the workspace, as it is.
  if (!target || target.sha === repo.sha) { return repo; }
  const own = await commitsBetween(folder, undefined, target.sha, 1);
  const subject = own.commits?.[0]?.sha === target.sha ? own.commits[0].subject : undefined;
  return { sha: target.sha, ...(subject !== undefined ? { subject } : {}), branch: repo.branch, dirty: false, clean: true };
}

/** What a deploy of `head` adds to production (live..head) and what it takes out (head..live: absent when nothing, or unknown). */
async function commitsBothWays(folder: string, live: string | undefined, head: string): Promise<[CommitList, ProductionPlan['removed']]> {
  return Promise.all([commitsBetween(folder, live, head), removedCommits(folder, head, live)]);
}
