/**
 * "No commit runs twice": two commit triggers in one clone (the editor and `gearshift watch`, two
 * watches) both see each commit, and a commit someone already ran by hand (the CLI, the editor's
 * Run button, a deploy) while no trigger watched is read again when one starts within the resume
 * window (core/automation resumeMark). The trigger that waits for the run lock asks history, once
 * it holds the lock, whether the commit already had a run (or was covered by a newer one's); the
 * chain rule (core/automation commitChain) is asked there too, so runs another process made count.
 */
import type { LoadResult } from '../config';
import type { HistoryStore } from '../history';
import { NOT_SELECTED_NON_PROD, type RunRecord } from '../pipeline';
import { shortSha } from '../format';
import type { RunRequest } from './events';
import type { StartOutcome } from './startOutcome';

/** How far back to look: the other trigger's run is among the newest, unless this many runs came in between. */
export const ALREADY_RUN_WINDOW = 64;

/** A commit trigger's run (`onceForSha`) that already had a run, or that the chain rule turns away, as its refusal; asked holding the run lock. */
export async function triggeredRunRefusal(request: RunRequest & { runId: string }, history: () => Promise<HistoryStore>, stages?: PipelineStages): Promise<StartOutcome | undefined> {
  const sha = request.sha;
  if (!request.onceForSha || sha === undefined) { return undefined; }
  // Best effort: a history that cannot be read refuses nothing (the run itself reports it).
  const runs = await recentRuns(history);
  if (runs === undefined) { return undefined; }
  const ran = runThatRan(runs, sha, request.runId, stages);
  if (ran) { return { kind: 'refused', reason: alreadyRunReason(sha, ran), alreadyRan: ran }; }
  const chained = request.chainRule?.(runs.filter((run) => run.id !== request.runId));
  return chained === undefined ? undefined : { kind: 'refused', reason: chained, chained: true };
}

/** History's newest runs, as many as the check looks at (newest first); undefined when history cannot be read. */
export async function recentRuns(history: () => Promise<HistoryStore>): Promise<RunRecord[] | undefined> {
  return history().then((h) => h.readNewest(ALREADY_RUN_WINDOW)).then((r) => r.runs, () => undefined);
}

/** Among `runs` (newest first), the newest run of `sha` (or that covered it) that did not abandon it, by a commit trigger or by hand: running, green or red. */
export function runThatRan(runs: readonly RunRecord[], sha: string, ownRunId: string, stages?: PipelineStages): RunRecord | undefined {
  return runs.find((run) => run.id !== ownRunId && commitsRunBy(run, stages).includes(sha));
}

/**
 * The runs the check looks at and the pipeline's stage names, for what is said and seeded around it
 * (core/automation pastRuns, the CLI's watch): one window, so all three agree on what counts. No runs
 * when history cannot be read (best effort: only words and seeds depend on it).
 */
export async function recentRunsAndStages(engine: { history(): Promise<HistoryStore>; validate(): Promise<LoadResult> }): Promise<{ runs: RunRecord[]; stages: PipelineStages | undefined }> {
  const [runs, stages] = await Promise.all([recentRuns(() => engine.history()), pipelineStagesOf(engine)]);
  return { runs: runs ?? [], stages };
}

/** The stage names of the pipeline the trigger runs (its `.gearshift.yml`), when known: a hand run of another file's pipeline is not its run. */
export type PipelineStages = ReadonlySet<string>;

/** The stage names of `engine`'s pipeline file as it reads now; undefined when it does not load. */
export async function pipelineStagesOf(engine: { validate(): Promise<LoadResult> }): Promise<PipelineStages | undefined> {
  const loaded = await engine.validate().catch(() => undefined);
  return loaded?.ok === true ? new Set(loaded.pipeline.stages.map((s) => s.name)) : undefined;
}

/** The commits `run` ran (its sha and what it covered), when it counts as their run; else none. */
export function commitsRunBy(run: RunRecord, stages?: PipelineStages): string[] {
  // A cancelled or interrupted run never told whether the commit is good: it runs again.
  if (run.state === 'cancelled' || run.state === 'interrupted' || !testedCommit(run, stages)) { return []; }
  const covers = Array.isArray(run.covers) ? run.covers.filter((c): c is string => typeof c === 'string') : [];
  return [...new Set([run.sha, ...covers])];
}

/** A stage left out by `--stage`/`--from` (Run Single Stage…, Re-run From Failed Stage): such a run tested part of the commit only. */
const PART_ONLY = /^not selected: ran |^before --from/;
/** Any stage left out by a selection (a deploy's, a rollback's, a switch's): graph.ts, release/messages.ts. */
const NOT_SELECTED = /^not selected|^before --from/;

/**
 * A commit trigger's run; or one by hand that ran the pipeline (`gearshift run`, Run Pipeline) or a
 * deploy's part of it (`deploy non-prod`, `deploy production`): a person chose how far that commit
 * goes, so the trigger does not run it again (docs/configuration.md). A single stage or a re-run
 * from a stage tested part of it only; a rollback or a switch ran no stage. Nor does a run over
 * uncommitted changes (`dirty`: it tested another tree, rereview40 F1), or one of another pipeline
 * file (`--config`: its stages are not `pipeline`'s, F2).
 */
function testedCommit(run: RunRecord, pipeline: PipelineStages | undefined): boolean {
  if (run.trigger === 'commit') { return true; }
  const stages = Array.isArray(run.stages) ? run.stages : [];
  if (run.dirty === true || (pipeline !== undefined && !sameStages(stages, pipeline))) { return false; }
  const left = (s: RunRecord['stages'][number]): boolean => s.state === 'skipped' && NOT_SELECTED.test(s.reason ?? '');
  return stages.some((s) => !left(s)) && !stages.some((s) => s.state === 'skipped' && PART_ONLY.test(s.reason ?? ''));
}

/** The run's stages are the pipeline's, by name (a deploy lists every stage, those it left out as skipped). */
function sameStages(stages: ReadonlyArray<{ name: string }>, pipeline: PipelineStages): boolean {
  return stages.length === pipeline.size && stages.every((s) => pipeline.has(s.name));
}

/** A `deploy non-prod` by hand: the trigger does not take its commit further (rereview40 F5: the words said only "already run"). */
function nonProdOnly(run: RunRecord): boolean {
  return Array.isArray(run.stages) && run.stages.some((s) => s.state === 'skipped' && s.reason === NOT_SELECTED_NON_PROD);
}

/** The refusal's words: which run has it, in what state, and whose run it was. */
export function alreadyRunReason(sha: string, run: RunRecord): string {
  const state = run.state === 'running' ? 'still running' : run.state;
  if (run.trigger !== 'commit') {
    const how = run.sha === sha ? '' : ` (as part of ${shortSha(run.sha)})`;
    return `already run by hand${how}: run ${run.id.slice(0, 8)}, ${state}${nonProdOnly(run) ? ', to non-prod only (deploy it to production by hand, or commit again)' : ''}`;
  }
  const how = run.sha === sha ? 'ran it' : `covered it (run of ${shortSha(run.sha)})`;
  return `another commit trigger in this clone already ${how}: run ${run.id.slice(0, 8)}, ${state}`;
}
