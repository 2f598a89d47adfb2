/**
 * What the status item, its tooltip and `gearshift status` say when the verdict is not about HEAD:
 * commits made after the last run (trigger: manual, a branch `branches:` does not watch), or an
 * invalid .gearshift.yml that stops every run. Worded here once so the editor and the CLI agree.
 */
import { counted, shortSha } from '../format';
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

/** ".gearshift.yml is invalid (2 problems): nothing runs until it is fixed, not even HEAD 979b10fe." */
export function invalidFileLine(f: InvalidFile, head: string | undefined): string {
  const blocked = head !== undefined ? `; HEAD ${shortSha(head)} was not run` : '';
  return `.gearshift.yml is invalid (${counted(f.problems, 'problem')}): nothing runs until it is fixed${blocked}.`;
}

type HeadModel = Pick<StatusModel, 'status' | 'headNotRun' | 'invalid' | 'folderUri'>;

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
  return { text: verdict && model.headNotRun ? `${text} · ${notRunWords(model.headNotRun.count)}` : text, invalid: false };
}

/** The tooltip's line about HEAD (invalid file first), or undefined: a line of its own, under the run's. */
export function headTooltipLine(model: HeadModel): string | undefined {
  const kind = model.status.kind;
  if (kind === 'running' || kind === 'noPipeline' || kind === 'untrusted') { return undefined; }
  if (model.invalid) { return invalidFileLine(model.invalid, model.headNotRun?.head); }
  return model.headNotRun ? headNotRunLine(model.headNotRun) : undefined;
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
