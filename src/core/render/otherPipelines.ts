/**
 * What the status item says of the repository's other pipelines (a monorepo's `apps/api` below
 * the open folder): "don't let the pipeline stay red" holds for each of them, so one that is red
 * turns the item red and is named. Beside the item's own red (or a run, or a release waiting) it
 * is added ("· apps/api red"); else it is the headline, with its timer and stage. Paths and stage
 * names are data: one printable line, a `$(…)` in them shown as written. In a window of several
 * folders the same path may be below two (a/e2e, b/e2e): each is named with its folder, and its
 * command is given both. Seen from a folder below the top (`apps/web`), the top's pipeline is
 * `(top)` and a sibling's is named by its path from the top (`apps/api`), as `gearshift status` names them.
 */
import { worstStatus, type PipelineStatus } from '../engine';
import { escapeIcons, printable } from '../format';
import { redForAt } from '../redgreen';
import type { OtherPipelineStatus, StatusModel } from './statusModel';

/** Where the argument list of `gearshift.openSubfolderPipeline` says its path is from the work tree's top, not from the workspace folder. */
export const FROM_TOP = 'top';

/** What `gearshift.openSubfolderPipeline` is given to open `o`: its workspace folder's URI and its path there (or from the top, marked). */
export function otherPipelineArgs(o: OtherPipelineStatus): [string, string] | [string, string, typeof FROM_TOP] {
  return o.fromTop ? [o.folder.uri, o.path, FROM_TOP] : [o.folder.uri, o.path];
}

/** Its path as shown: `apps/api`, or `(top)` for the top's own pipeline seen from a subfolder. */
export function otherPipelinePath(o: Pick<OtherPipelineStatus, 'path' | 'fromTop'>): string {
  return o.fromTop && o.path === '' ? '(top)' : o.path;
}

/** Its name in the tooltip and beside the item's own state: `e2e`, or `b: e2e` in a window of several folders. */
export function otherPipelineName(o: OtherPipelineStatus, model: StatusModel): string {
  return model.othersByFolder ? `${o.folder.name}: ${otherPipelinePath(o)}` : otherPipelinePath(o);
}

/**
 * "Gearshift: e2e" where the item leads with it; with several folders "Gearshift (b): e2e", the
 * place where the item already names the folder whose state it shows ("Gearshift (b): red for 2m").
 */
function leadWith(o: OtherPipelineStatus, model: StatusModel): string {
  return model.othersByFolder ? `Gearshift (${bar(o.folder.name)}): ${bar(otherPipelinePath(o))}` : `Gearshift: ${bar(otherPipelinePath(o))}`;
}

/** The other pipelines that are red, red the longest first. */
export function redOthers(model: StatusModel): OtherPipelineStatus[] {
  const reds = (model.others ?? []).filter((o) => o.status.kind === 'red');
  return reds.sort((a, b) => (a.redSince ?? Infinity) - (b.redSince ?? Infinity));
}

export interface OthersInBar {
  text: string;
  /** Some other pipeline is red: the item's background is the error colour. */
  red: boolean;
  /** The other pipeline the item's text leads with (its click opens that one). */
  headline?: OtherPipelineStatus;
}

/**
 * The item's text with the other pipelines in it. `text`: what the item says of the workspace's
 * own pipelines; `ownUrgent`: that is red, running or waiting for a decision, and stays first.
 */
export function withOtherPipelines(text: string, ownUrgent: boolean, model: StatusModel, now: number): OthersInBar {
  const reds = redOthers(model);
  const others = model.others ?? [];
  if (reds.length === 0) {
    return model.status.kind === 'noPipeline' && others.length > 0 ? othersOnly(others, model) : { text, red: false };
  }
  const more = reds.length > 1 ? ` · ${reds.length - 1} more red` : '';
  if (ownUrgent) { return { text: `${text} · ${bar(otherPipelineName(reds[0], model))} red${more}`, red: true }; }
  const first = reds[0];
  const red = first.redSince !== undefined ? redForAt(first.redSince, now) : 'red';
  const stage = first.failedStage !== undefined ? ` · ${bar(first.failedStage)}` : '';
  return { text: `$(error) ${leadWith(first, model)} ${red}${stage}${more}`, red: true, headline: first };
}

/** No pipeline at the folder's top, only in subfolders, none red: the worst of them, by name. */
function othersOnly(others: readonly OtherPipelineStatus[], model: StatusModel): OthersInBar {
  const worst = worstStatus(others.map((o) => o.status));
  const first = others.find((o) => o.status.kind === worst.kind) ?? others[0];
  const icon = worst.kind === 'green' ? '$(pass-filled)' : worst.kind === 'running' ? '$(sync~spin)' : worst.kind === 'notRun' ? '$(gear)' : '$(warning)';
  const allAlike = others.length > 1 && others.every((o) => o.status.kind === worst.kind);
  const what = allAlike ? `Gearshift: ${others.length} pipelines ${stateWord(worst)}` : `${leadWith(first, model)} ${stateWord(worst)}${others.length > 1 ? ` · ${others.length - 1} more` : ''}`;
  return { text: `${icon} ${what}`, red: false, headline: first };
}

/** The red timer's start the item shows: its own red's, else the other pipeline's it leads with. */
export function shownRedSince(model: StatusModel): number | undefined {
  return model.status.kind === 'red' ? model.redSince : redOthers(model)[0]?.redSince;
}

/** One pipeline's state in a few words, as the tooltip (and `gearshift status`, which has no workspace folder) lists it. */
export function otherStateWords(o: Pick<OtherPipelineStatus, 'status' | 'redSince' | 'failedStage'>, now: number): string {
  if (o.status.kind === 'red') {
    const red = o.redSince !== undefined ? redForAt(o.redSince, now) : 'red';
    return `${red}${o.failedStage !== undefined ? ` (${o.failedStage})` : ''}`;
  }
  return o.status.kind === 'running' ? `running (${o.status.index}/${o.status.total})` : stateWord(o.status);
}

/** One pipeline's state in a word or two, with no timer (text that is not redrawn each second). */
export function otherStateWord(s: PipelineStatus): string { return stateWord(s); }

function stateWord(s: PipelineStatus): string {
  switch (s.kind) {
    case 'notRun': return 'not run yet';
    case 'unknown': return 'history unreadable';
    default: return s.kind;
  }
}

function bar(name: string): string {
  return escapeIcons(printable(name, { controls: 'space' }));
}
