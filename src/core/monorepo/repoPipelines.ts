/**
 * The repository's other pipelines as `gearshift status` names them: a monorepo's `apps/api`
 * seen from its top, or the top's and `web`'s seen from `apps/api`. Found from the state
 * folders, not with git: every pipeline that has run in this clone has one
 * (`<git common dir>/gearshift/pipelines/<name>/`, the top's is `gearshift/` itself), so one
 * folder listing finds them on each `status` where `git ls-files` would cost ≈ 15–25 ms (a
 * pipeline that never ran has no red to show). Only those whose `.gearshift.yml` is still in this
 * work tree count; a name cut to a hash (a path over 160 bytes) cannot be read back and is left out.
 */
import * as path from 'path';
import { CONFIG_FILE_NAME } from '../config';
import { fileIo as fs } from '../fileio';
import { gitPlace, workTreeTopOf, type GitPlace } from '../git';
import { HISTORY_DIR, HISTORY_FILE, PIPELINES_DIR, pipelineOfStateName } from '../history';
import type { SubfolderPipeline } from './discover';
import { readPipelineState, type PipelineReading } from './readState';

export interface RepoPipeline extends PipelineReading {
  /** '/'-separated, relative to the work tree's top; '' for the top's own pipeline. */
  readonly path: string;
}

/** The other pipelines of a folder's repository that have run here, where they are; read nothing yet. */
export interface RepoPipelinesFound {
  /** Their `path` is relative to the work tree's top ('' for the top's own); `folder` below `top`. */
  readonly pipelines: SubfolderPipeline[];
  /** The repository's git common dir, which holds every state folder. */
  readonly gitDir: string;
  /** The searched folder's own path from the work tree's top ('' at the top). */
  readonly prefix: string;
}

/** Every pipeline of `folder`'s repository that has run here, but `folder`'s own: red the longest first, then by path. */
export async function otherRepoPipelines(folder: string, now = Date.now()): Promise<RepoPipeline[]> {
  const found = await findRepoPipelines(folder);
  if (!found) { return []; }
  const read = await Promise.all(found.pipelines.map(async (c) => ({ path: c.path, ...await readPipelineState(c.stateDir, now) })));
  return read.sort(byUrgency);
}

/**
 * The pipelines of `folder`'s repository that have run in this clone (a state folder with a
 * history) and whose `.gearshift.yml` is still in this work tree, but `folder`'s own, by path (the
 * top's, '', first); undefined outside git. No git process where the repository's files answer (gitPlace).
 */
export async function findRepoPipelines(folder: string): Promise<RepoPipelinesFound | undefined> {
  const place = await gitPlace(folder);
  if (!place) { return undefined; }
  const stateTop = path.join(place.commonDir, HISTORY_DIR);
  const top = await shownTop(folder, place);
  const candidates = await ranSubfolders(stateTop);
  if (place.prefix !== '') { candidates.push({ path: '', stateDir: stateTop }); }
  const present = await Promise.all(candidates.map(async (c) => c.path !== place.prefix && await hasPipeline(top, c)));
  const pipelines = candidates.filter((_, i) => present[i]).map((c) => ({ ...c, folder: path.join(top, ...c.path.split('/').filter(Boolean)), gitDir: place.commonDir }));
  pipelines.sort((a, b) => a.path.localeCompare(b.path)); // the top first; a bound keeps the same ones each time
  return { pipelines, gitDir: place.commonDir, prefix: place.prefix };
}

/**
 * The work tree's top as reached from `folder` as given (`/home/me/link/apps/web` → `/home/me/link`)
 * when that is the same folder as the real one, so paths compare with the editor's own; else the real top.
 */
async function shownTop(folder: string, place: GitPlace): Promise<string> {
  const real = await workTreeTopOf(folder, place);
  const given = path.resolve(folder, ...place.prefix.split('/').filter(Boolean).map(() => '..'));
  const same = given === real || await fs.realpath(given).then((r) => r === real, () => false);
  return same ? given : real;
}

/** The subfolder pipelines with a state folder: each one's path ('/'-separated, decoded from the folder's name) and that folder. */
async function ranSubfolders(stateTop: string): Promise<Array<{ path: string; stateDir: string }>> {
  let entries;
  try {
    entries = await fs.readdirEntries(path.join(stateTop, PIPELINES_DIR));
  } catch (e) {
    if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) { return []; } // no subfolder pipeline ever ran
    throw e;
  }
  const found: Array<{ path: string; stateDir: string }> = [];
  for (const entry of entries) {
    const prefix = entry.isDirectory() ? pipelineOfStateName(entry.name) : undefined;
    if (prefix !== undefined) { found.push({ path: prefix, stateDir: path.join(stateTop, PIPELINES_DIR, entry.name) }); }
  }
  return found;
}

/** Its `.gearshift.yml` is in the work tree and it has a history (the top's state folder holds every pipeline's, so that is checked by its file). */
async function hasPipeline(top: string, c: { path: string; stateDir: string }): Promise<boolean> {
  const isFile = (file: string): Promise<boolean> => fs.stat(file).then((s) => s.isFile(), () => false);
  const config = path.join(top, ...c.path.split('/').filter(Boolean), CONFIG_FILE_NAME);
  return await isFile(config) && await isFile(path.join(c.stateDir, HISTORY_FILE));
}

/** Red first (the longest red first), then what else needs a look, then green; by path within each. */
function byUrgency(a: RepoPipeline, b: RepoPipeline): number {
  const rank = (p: RepoPipeline): number => p.status.kind === 'red' ? 0 : p.status.kind === 'green' ? 2 : 1;
  return rank(a) - rank(b) || (a.redSince ?? 0) - (b.redSince ?? 0) || a.path.localeCompare(b.path);
}
