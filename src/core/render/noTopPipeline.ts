/**
 * The empty state of a monorepo opened at its top: no `.gearshift.yml` there, pipelines only in
 * subfolders (apps/api, apps/web). "No .gearshift.yml in this workspace" would be false, and Run
 * Pipeline can only fail there, so the gauge and Run Pipeline say where the pipelines are and how
 * each stands (walk30 M5). Plain text: folder names and paths are data, made printable here.
 */
import { printable } from '../format';
import type { OtherPipelineStatus } from './statusModel';
import { redForAt } from '../redgreen';
import { otherPipelinePath, otherStateWord } from './otherPipelines';

/** What `current()` of the subfolder pipelines gives: those read, and how many more were found than kept. */
export interface PipelinesBelow {
  readonly others: readonly OtherPipelineStatus[];
  readonly more: number;
}

/**
 * "No pipeline at the top of mono; 2 below it: apps/api (green), apps/web (red)." for the open
 * `folders` (their names); undefined when no pipeline was found below them either.
 */
export function noTopPipelineText(folders: readonly string[], below: PipelinesBelow): string | undefined {
  const others = onlyBelow(below.others);
  const count = others.length + below.more;
  if (count === 0) { return undefined; }
  const several = folders.length > 1;
  const top = several ? 'the open folders' : printable(folders[0] ?? 'this folder', { controls: 'space' });
  const named = others.map((o) => `${name(o, several)} (${otherStateWord(o.status)})`);
  const more = below.more > 0 ? [`${below.more} more`] : [];
  return `No pipeline at the top of ${top}; ${count} below ${several ? 'them' : 'it'}: ${[...named, ...more].join(', ')}.`;
}

/** Those below the open folders: not the top's or a sibling's seen from a folder below the top (`fromTop`). */
export function onlyBelow(others: readonly OtherPipelineStatus[]): OtherPipelineStatus[] {
  return others.filter((o) => o.fromTop !== true);
}

function name(o: OtherPipelineStatus, several: boolean): string {
  const path = printable(o.path, { controls: 'space' });
  return several ? `${printable(o.folder.name, { controls: 'space' })}: ${path}` : path;
}

/** A window opened at a folder below its repository's top (`apps/x`) with no pipeline of its own, while the top has one that ran here. */
export interface PipelineAtTop {
  /** The open folder's path from the work tree's top, '/'-separated: data. */
  readonly folderPath: string;
  /** The top's pipeline as the status item has it (`fromTop`, path ''). */
  readonly top: OtherPipelineStatus;
}

/** What a window with no pipeline of its own says, and what it offers: the pipelines below it, or the top folder. */
export interface NoPipelineHere {
  readonly text: string;
  readonly offer: 'below' | 'top';
}

/**
 * The one answer to "there is no pipeline here" when Gearshift knows where one is: below the open
 * folders (a monorepo's top), else, in a window of one folder, at its repository's top. `now`
 * adds the red timer (a notification); text that is not redrawn (the gauge's note) leaves it out.
 * Undefined when it knows of none: the plain empty state.
 */
export function noPipelineHere(folders: readonly string[], below: PipelinesBelow, atTop?: PipelineAtTop, now?: number): NoPipelineHere | undefined {
  const there = noTopPipelineText(folders, below);
  if (there !== undefined) { return { text: there, offer: 'below' }; }
  return atTop && folders.length === 1 ? { text: topHasOneText(atTop, now), offer: 'top' } : undefined;
}

/**
 * "No pipeline in apps/x; the repository's top has one: (top) red for 3m · Top Tests. `gearshift run`
 * here runs the top's." The CLI walks up to the nearest `.gearshift.yml` (cli/locate.ts), so this
 * window's terminal runs the top's pipeline: said, so the editor and the CLI do not look at odds (review31 L11).
 */
export function topHasOneText({ folderPath, top }: PipelineAtTop, now?: number): string {
  const where = printable(folderPath, { controls: 'space' });
  return `No pipeline in ${where}; the repository's top has one: ${otherPipelinePath(top)} ${topStateText(top, now)}. ${CLI_RUNS_TOP}`;
}

/** What `gearshift run` does in a folder below the top with no pipeline of its own; the status tooltip says it too. */
export const CLI_RUNS_TOP = '`gearshift run` here runs the top\'s.';

function topStateText(top: OtherPipelineStatus, now: number | undefined): string {
  if (top.status.kind !== 'red') { return otherStateWord(top.status); }
  const red = top.redSince !== undefined && now !== undefined ? redForAt(top.redSince, now) : 'red';
  return top.failedStage !== undefined ? `${red} · ${printable(top.failedStage, { controls: 'space' })}` : red;
}
