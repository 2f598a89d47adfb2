/**
 * How parts above the engine add work to a run without the engine knowing them: a production
 * deploy (core/deploy) gates the production stages, holds the run open for its switch and
 * monitoring, and records non-prod passes. The engine only calls these hooks, so it never
 * imports the deploy code (which imports the engine).
 */
import type { Pipeline } from '../config';
import { isoTime } from '../format';
import { planRun, type StageGate, type RunRecord, type RunState } from '../pipeline';
import type { EngineEvent, RunRequest } from './events';
import type { ResolvedSecrets } from '../secrets';
import type { HistoryStore } from '../history';
import type { InterruptedRunNote } from './leftovers';

/**
 * Work that belongs to a run after its stages (a production deploy's switch and monitoring).
 * The engine ends the run — history's end line, `runEnded` — only once it is done.
 */
export interface StagesHold {
  /** Gets the stages' verdict; resolves (never rejects) with the run's final state. May add fields to `record`. */
  afterStages(record: RunRecord, verdict: RunState): Promise<RunState>;
  /** engine.cancel() while the run is open. */
  cancel(reason: string): void;
}

/** What one run gets from its hooks: a gate before some stages, a hold after them. */
export interface RunHooks {
  gate?: StageGate;
  hold?: StagesHold;
  /** Fields recorded on the run from its start line, as the request's `extra` (e.g. `overrideRed` when it was used). */
  record?: Record<string, unknown>;
}

/** The ways past a refusal on red (the core's words; the CLI names its own, cli/redRefusal.ts): a full run is never refused on red, since its tests run first. */
export const RED_WAY_OUT = 'deploy through a full pipeline run (its tests run first, so red does not refuse it), or deploy with the red override';

/**
 * A hook's refusal because the pipeline is red (`red`: why, "the pipeline is red since …"), so
 * each front can name its own override (`--override-red`); the message is the core's wording.
 */
export class RefusedOnRed extends Error {
  constructor(readonly red: string) { super(`not deploying: ${red}; ${RED_WAY_OUT}`); }
}

export interface RunContext {
  runId: string;
  /** The pipeline the run executes (from a clean worktree's commit, when it has one). */
  pipeline: Pipeline;
  /** The workspace folder: where scripts outside stages run. */
  root: string;
  sha: string;
  /** The clean worktree of `sha` the stages run in (`checkout: clean`); absent: they run in the workspace folder as it is. */
  worktree?: string;
  request: RunRequest;
  /** Where Gearshift's per-repository files live (history, deploy state, locks). */
  dataDir: string;
  /** The engine's history (whether the pipeline is red). */
  history(): Promise<HistoryStore>;
  /** The same once dead runs are cleaned up again now (engine.historyCleaned): a kill -9 from outside leaves an open run that reads `interrupted`, not red. */
  historyCleaned?(): Promise<HistoryStore>;
  /** For scripts run outside stages. */
  env: NodeJS.ProcessEnv;
  /** The run's resolved secrets, for scripts outside stages (the switch's `deploy.env`) and their masks. */
  secrets?: ResolvedSecrets;
  killGraceMs?: number;
  /** Each stage process of this run as it starts (group id, leader's /proc start time); returns unsubscribe. */
  onStageStarted?(listener: (pgid: number, start?: string) => void): () => void;
  /** Into the engine's event stream, in order with the run's own events. */
  emit(e: EngineEvent): void;
}

export interface RunHooksFactory {
  /** Asked once per run, before it starts; undefined = a plain run. A rejection refuses the run. */
  forRun(ctx: RunContext): Promise<RunHooks | undefined>;
  /** After the run's verdict, before it counts as finished (e.g. record a non-prod pass). Never throws. */
  afterRun?(record: RunRecord, ctx: RunContext): Promise<void>;
  /** What a run found dead (kill -9) adds to its `interrupted` end line (leftovers.ts). */
  interruptedRun?: InterruptedRunNote;
}

/** The hooks' work for this run; a production stage with nobody to guard it is refused. */
export async function hooksFor(factory: RunHooksFactory | undefined, context: RunContext): Promise<RunHooks | undefined> {
  if (factory) {
    const hooks = await factory.forRun(context);
    if (hooks?.record) { context.request = { ...context.request, extra: { ...context.request.extra, ...hooks.record } }; }
    return hooks;
  }
  const { pipeline, request } = context;
  const plan = planRun(pipeline, { only: request.only, from: request.from, target: request.target, environment: request.environment });
  if (pipeline.stages.some((s) => s.environment === 'production' && plan.needs.has(s.name))) {
    throw new Error('this run would reach production, but no deploy hooks are set up: nothing ran');
  }
  return undefined;
}

/** The stages are over; the run stays open (state `running`) until the hold's work is, then ends. */
export async function holdRunOpen(record: RunRecord, hold: StagesHold, emit: (e: EngineEvent) => void, writeEnd: (r: RunRecord) => void): Promise<RunRecord> {
  const verdict = record.state;
  record.state = 'running';
  delete record.endedAt;
  emit({ type: 'lastRunChanged', run: record });
  try {
    record.state = await hold.afterStages(record, verdict);
  } catch (e) {
    // The hold never rejects; if it did, a deploy that cannot say how it ended is no success.
    record.state = verdict === 'green' ? 'red' : verdict;
    record.deploy = { result: 'failed', message: `deploy failed: ${(e as Error).message}` };
  }
  record.endedAt = isoTime();
  record.durationMs = Math.max(0, Date.parse(record.endedAt) - Date.parse(record.startedAt));
  writeEnd(record);
  emit({ type: 'runEnded', run: record });
  return record;
}

/** The production gate closed early when nobody can answer a production stage's manual gate (unansweredGate.ts). */
export { closedWhenUnanswered } from './unansweredGate';
