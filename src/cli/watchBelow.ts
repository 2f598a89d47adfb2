/**
 * `gearshift watch` runs one pipeline: the nearest `.gearshift.yml`. At a monorepo's top the
 * pipelines in its subfolders (`apps/api/.gearshift.yml`) are not watched, so a commit there
 * with `trigger: commit` would run nothing, silently (walkedit33 M3). Said once at start, and,
 * with no pipeline at the top, in place of the plain "no .gearshift.yml here".
 */
import { findSubfolderPipelines, runsOnCommit, type SubfolderPipeline } from '../core/monorepo';
import { printable } from '../core/format';
import { CliError, EXIT } from './command';
import { locatePipelineFile, type Located } from './locate';

/** The pipeline to watch; with none here but some below, a usage error naming them and what to do. */
export async function locateWatched(cwd: string, explicit: string | undefined): Promise<Located> {
  try {
    return await locatePipelineFile(cwd, explicit);
  } catch (e) {
    if (explicit !== undefined || !(e instanceof CliError)) { throw e; }
    const below = await pipelinesBelow(cwd);
    if (below.length === 0) { throw e; }
    const paths = below.map((p) => printable(p.path));
    throw new CliError(`there is no .gearshift.yml here, only in subfolders (${paths.join(', ')}): gearshift watch runs one pipeline; `
      + `run it in each of those folders (cd ${paths[0]} && gearshift watch)`, EXIT.usage);
  }
}

/** Lines for the pipelines below `folder` that have `trigger: commit` but are not watched by this watch; '' for none. */
export async function notWatchedText(folder: string): Promise<string> {
  const below = await pipelinesBelow(folder);
  const onCommit: string[] = [];
  for (const p of below) {
    if (await runsOnCommit(p.folder)) { onCommit.push(printable(p.path)); }
  }
  return onCommit.map((p) => `gearshift watch: ${p}/.gearshift.yml has trigger: commit, but this watch runs only this folder's pipeline: `
    + `commits there run nothing from here; run gearshift watch in ${p} too\n`).join('');
}

async function pipelinesBelow(folder: string): Promise<SubfolderPipeline[]> {
  return (await findSubfolderPipelines(folder).catch(() => ({ pipelines: [] }))).pipelines;
}
