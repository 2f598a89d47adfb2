/**
 * Which other pipelines read a flags file. A flags file must be inside its pipeline's folder
 * (files.ts, after links), so the pipelines that can name one are those whose folder holds the
 * file: from the file's folder up to the repository's top. Each found is asked what it names
 * (its `flags:`, else the default names), so a pipeline that could but does not is not listed.
 * A change from any of them changes the file for all: what `gearshift flags` and `validate`
 * tell the user when a repository has more than one pipeline.
 */
import * as path from 'node:path';
import { findConfigFile, loadPipeline } from '../config';
import { fileIo as fs } from '../fileio';
import { findGitLayout } from '../git';
import { flagsFilesOf } from './files';

/** The pipeline files, other than the one in `ownFolder`, whose flags files include `file`; nearest first. */
export async function pipelinesSharing(ownFolder: string, file: string): Promise<string[]> {
  const real = await realOr(file);
  const own = await realOr(ownFolder);
  // Outside git there is no top to stop at: only the pipelines between the file and this one's folder.
  const top = (await findGitLayout(own).catch(() => undefined))?.root ?? own;
  const found: string[] = [];
  for (let dir = path.dirname(real); isInside(dir, top); dir = path.dirname(dir)) {
    const config = dir === own ? undefined : findConfigFile(dir);
    if (config && await names(dir, config, real)) { found.push(config); }
    if (dir === top || path.dirname(dir) === dir) { break; }
  }
  return found;
}

/** Whether the pipeline in `dir` reads the file whose real path is `real`; a broken pipeline file names nothing. */
async function names(dir: string, config: string, real: string): Promise<boolean> {
  const loaded = await loadPipeline(config).catch(() => undefined);
  if (!loaded?.ok) { return false; }
  for (const ref of flagsFilesOf(dir, loaded.pipeline.flags).files) {
    if (await realOr(ref.path) === real) { return true; }
  }
  return false;
}

function isInside(dir: string, top: string): boolean {
  const rel = path.relative(top, dir);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

async function realOr(p: string): Promise<string> {
  return fs.realpath(p).catch(() => path.resolve(p));
}
