/**
 * The other pipelines of a folder's repository: `.gearshift.yml` files in its subfolders (a
 * monorepo's `apps/api/.gearshift.yml`), so the editor opened at the top cannot look green while
 * one of them is red. Found with `git ls-files` (tracked, or untracked and not ignored), so
 * `.gitignore`d folders (node_modules, build output) are left out, and git does not enter a
 * nested repository or a submodule: those are other repositories with pipelines of their own.
 * Nothing is run from them and nothing is written: this only lists and reads.
 */
import * as path from 'path';
import { CONFIG_FILE_NAME } from '../config';
import { fileIo as fs } from '../fileio';
import { gitPlace, runGit } from '../git';
import { HISTORY_DIR, PIPELINES_DIR, pipelineStateName } from '../history';

/** At most this many are shown and watched: a repository of test fixtures must not cost a watcher each. */
export const MAX_SUBFOLDER_PIPELINES = 20;

export interface SubfolderPipeline {
  /** '/'-separated, relative to the folder searched: `apps/api`. */
  readonly path: string;
  /** Absolute folder holding its `.gearshift.yml`. */
  readonly folder: string;
  /** Its state folder (history.jsonl, run logs), as historyPath.ts places it; it may not exist yet. */
  readonly stateDir: string;
  /** The repository's git common dir, which holds `stateDir`: a watch waits there for it to appear. */
  readonly gitDir: string;
}

export interface SubfolderPipelines {
  /** Sorted by path, at most `max`. */
  readonly pipelines: SubfolderPipeline[];
  /** How many more were found past the bound. */
  readonly more: number;
  /** The repository's git common dir (none outside git): where a first run of a pipeline not found yet makes its state folder. */
  readonly gitDir?: string;
}

const NONE: SubfolderPipelines = { pipelines: [], more: 0 };

/** The pipelines below `folder` (its own `.gearshift.yml` left out); none outside git. Rejects when git refuses the repository. */
export async function findSubfolderPipelines(folder: string, max = MAX_SUBFOLDER_PIPELINES): Promise<SubfolderPipelines> {
  const place = await gitPlace(folder);
  if (!place) { return NONE; }
  const listed = await listConfigFiles(folder);
  const found: SubfolderPipeline[] = [];
  let more = 0;
  for (const rel of listed) {
    if (found.length >= max) { more++; continue; }
    // Tracked but deleted in the work tree (or a directory by that name): not a pipeline now.
    if (!(await isFile(path.join(folder, ...rel.split('/'), CONFIG_FILE_NAME)))) { continue; }
    const prefix = place.prefix === '' ? rel : `${place.prefix}/${rel}`;
    const stateDir = path.join(place.commonDir, HISTORY_DIR, PIPELINES_DIR, await pipelineStateName(prefix));
    found.push({ path: rel, folder: path.join(folder, ...rel.split('/')), stateDir, gitDir: place.commonDir });
  }
  return { pipelines: found, more, gitDir: place.commonDir };
}

/** Folders below `folder` ('/'-separated) holding a `.gearshift.yml` git lists there, sorted, each once. */
async function listConfigFiles(folder: string): Promise<string[]> {
  // -z: paths exactly as they are (no quoting); the pathspec is relative to `folder`, so only its subtree.
  const out = await runGit(folder, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', `:(glob)**/${CONFIG_FILE_NAME}`]);
  const folders = new Set<string>();
  for (const file of out.split('\0')) {
    if (!file.endsWith(`/${CONFIG_FILE_NAME}`)) { continue; } // the folder's own file, or the empty end
    folders.add(file.slice(0, -CONFIG_FILE_NAME.length - 1));
  }
  return [...folders].sort();
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.isFile(), () => false);
}
