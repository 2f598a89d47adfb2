/**
 * The empty state of a monorepo opened at its top: no `.gearshift.yml` there, pipelines only in
 * subfolders (apps/api, apps/web). "No .gearshift.yml in this workspace" would be false, and Run
 * Pipeline can only fail there, so the gauge and Run Pipeline say where the pipelines are and how
 * each stands (walk30 M5). Plain text: folder names and paths are data, made printable here.
 */
import { printable } from '../format';
import type { OtherPipelineStatus } from './statusModel';
import { otherStateWord } from './otherPipelines';

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
