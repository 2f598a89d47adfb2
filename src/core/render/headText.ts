/**
 * What the status item, its tooltip and `gearshift status` say when the verdict is not about HEAD:
 * commits made after the last run (trigger: manual, a branch `branches:` does not watch), or an
 * invalid .gearshift.yml that stops every run. Worded here once so the editor and the CLI agree.
 */
import { counted, shortSha, treeText } from '../format';
import { ranNoStage, type PipelineStatus } from '../engine';
import type { RunRecord } from '../pipeline';
import type { StatusModel } from './statusModel';
import { linkArgs, type TooltipPart } from './statusTooltip';

/** HEAD ahead of the run the verdict is about: `count` commits, undefined when git could not count them. */
export interface HeadNotRun {
  head: string;
  count: number | undefined;
  /** The run's commit and state: "last run: green on 32d54ac0". */
  runSha: string;
  runState: string;
}

/** An invalid pipeline file: how many problems Problems (and `gearshift validate`) list. */
export interface InvalidFile {
  problems: number;
}

/**
 * HEAD is past the run the verdict is about, but a later run was for HEAD itself and gave no verdict
 * (cancelled at a gate, interrupted): HEAD did run, and the line says how (review39 L3).
 */
export interface HeadRun { id: string; state: string; reason?: string }

export const INVALID_FILE = '.gearshift.yml invalid';

/** "HEAD not run" or "3 commits not run": the item's suffix. */
export function notRunWords(count: number | undefined): string {
  return count === undefined || count === 1 ? 'HEAD not run' : `${count} commits not run`;
}

/** The item's text for an invalid file, icon included: "$(warning) Gearshift: .gearshift.yml invalid · 2 commits not run". */
export function invalidBarText(notRun: HeadNotRun | undefined): string {
  return `$(warning) Gearshift: ${INVALID_FILE}${notRun ? ` · ${notRunWords(notRun.count)}` : ''}`;
}

/** "HEAD 979b10fe not run yet (last run: green on 32d54ac0)"; with several commits, how many. */
export function headNotRunLine(h: HeadNotRun): string {
  const later = h.count !== undefined && h.count > 1 ? ` (${counted(h.count, 'commit')} after the last run)` : '';
  return `HEAD ${shortSha(h.head)}${later} not run yet (last run: ${h.runState} on ${shortSha(h.runSha)})`;
}

/**
 * HEAD's own run, when the newest run is for HEAD but is not the one HEAD is compared with (it gave no
 * verdict): `gearshift status` and the status item's tooltip both ask this (review39 L3).
 */
export function headRunOf(n: HeadNotRun | undefined, compared: RunRecord | undefined, newest: RunRecord | undefined): HeadRun | undefined {
  return n && newest && newest.sha === n.head && newest.id !== compared?.id ? runOfHead(newest) : undefined;
}

/** The run of HEAD's commit with its reason: the first stage that says why it stopped, else the cancel reason. */
function runOfHead(run: RunRecord): HeadRun {
  const stopped = run.stages.find((st) => (st.state === 'cancelled' || st.state === 'failed' || st.state === 'timedOut') && typeof st.reason === 'string');
  const reason = stopped ? `${stopped.name}: ${stopped.reason}` : typeof run.cancelReason === 'string' ? run.cancelReason : undefined;
  return { id: run.id, state: run.state, ...(reason !== undefined ? { reason } : {}) };
}

/** "HEAD fe265bda: its run was cancelled (Deploy Prod: not approved); last green 164d3465, 3 commits before". */
export function headRanLine(n: HeadNotRun, r: HeadRun): string {
  const why = r.reason !== undefined ? ` (${treeText(r.reason)})` : '';
  const before = n.count !== undefined ? `, ${counted(n.count, 'commit')} before` : '';
  const verdict = n.runState === 'green' || n.runState === 'red' ? `last ${n.runState}` : `last run with stages: ${n.runState}`;
  return `HEAD ${shortSha(n.head)}: its run was ${r.state}${why}; ${verdict} ${shortSha(n.runSha)}${before}`;
}

/** ".gearshift.yml is invalid (2 problems): nothing runs until it is fixed, not even HEAD 979b10fe." */
export function invalidFileLine(f: InvalidFile, head: string | undefined): string {
  const blocked = head !== undefined ? `; HEAD ${shortSha(head)} was not run` : '';
  return `.gearshift.yml is invalid (${counted(f.problems, 'problem')}): nothing runs until it is fixed${blocked}.`;
}

type HeadModel = Pick<StatusModel, 'status' | 'headNotRun' | 'invalid' | 'folderUri' | 'stageRun'>;

/**
 * HEAD's own run in the editor: the cancelled run a green or red verdict stands past (`after`), else the
 * last run that ran stages (an interrupted one past red), as `gearshift status` takes its newest run.
 */
function headRunIn(model: HeadModel): HeadRun | undefined {
  const s = model.status;
  const newest = 'after' in s && s.after ? s.after : model.stageRun;
  return headRunOf(model.headNotRun, headComparedRun(s, model.stageRun), newest);
}

/**
 * The item's text with what it says about HEAD. A run in progress is told as it is (it may be
 * HEAD's). An invalid file is the headline, except beside red, which must show; `invalid` tells
 * the adapter to give it the warning colour and open Problems on a click.
 */
export function withHeadNews(text: string, model: HeadModel): { text: string; invalid: boolean } {
  const kind = model.status.kind;
  if (kind === 'running' || kind === 'noPipeline' || kind === 'untrusted') { return { text, invalid: false }; }
  if (model.invalid) {
    return kind === 'red' ? { text: `${text} · ${INVALID_FILE}`, invalid: true } : { text: invalidBarText(model.headNotRun), invalid: true };
  }
  const verdict = kind === 'green' || kind === 'red' || kind === 'cancelled' || kind === 'interrupted';
  if (!verdict || !model.headNotRun) { return { text, invalid: false }; }
  const ran = headRunIn(model); // HEAD did run, with no verdict: "· HEAD cancelled", not "not run"
  return { text: `${text} · ${ran ? `HEAD ${ran.state}` : notRunWords(model.headNotRun.count)}`, invalid: false };
}

/** The tooltip's line about HEAD (invalid file first), or undefined: a line of its own, under the run's. */
export function headTooltipLine(model: HeadModel): string | undefined {
  const kind = model.status.kind;
  if (kind === 'running' || kind === 'noPipeline' || kind === 'untrusted') { return undefined; }
  if (model.invalid) { return invalidFileLine(model.invalid, model.headNotRun?.head); }
  if (!model.headNotRun) { return undefined; }
  const ran = headRunIn(model);
  return ran ? headRanLine(model.headNotRun, ran) : headNotRunLine(model.headNotRun);
}

/** Under `trigger: commit`, a HEAD the trigger is about to run (queued, or its run starting) is not "not run": it is news for a moment only. */
export function headAwaitsRun(head: string, plans: ReadonlyArray<{ covers: readonly string[] }>): boolean {
  return plans.some((p) => p.covers.includes(head));
}

/** The tooltip's HEAD line as parts, with what to do: Problems for an invalid file, Run pipeline for a HEAD not run. */
export function headTooltipParts(model: HeadModel): TooltipPart[] {
  const line = headTooltipLine(model);
  if (line === undefined) { return []; }
  const run = model.folderUri === undefined ? 'command:gearshift.runPipeline' : `command:gearshift.runPipeline?${linkArgs([{ folderUri: model.folderUri }])}`;
  const act = model.invalid ? ' [$(warning) Show problems](command:workbench.actions.view.problems)' : ` [$(play) Run pipeline](${run})`;
  return [{ markdown: '\n\n' }, { text: line }, { markdown: act }];
}

/** The one warning when an invalid file first stops a commit's run: what happened and what to do. */
export function invalidCommitMessage(sha: string, problems: number): string {
  return `.gearshift.yml is invalid (${counted(problems, 'problem')}), so commit ${shortSha(sha)} was not run, nor will any commit be until it is fixed.`;
}

/**
 * The run HEAD is compared with: the one the verdict comes from, unless that ran no stage (a
 * switch, a rollback, Keep: its sha is the slot's release), then the last run that ran stages.
 * None while a run is in progress: it may be HEAD's, and it is what the item says.
 */
export function headComparedRun(status: PipelineStatus, stageRun: RunRecord | undefined): RunRecord | undefined {
  if (status.kind === 'running' || !('run' in status)) { return undefined; }
  return ranNoStage(status.run) ? stageRun : status.run;
}
