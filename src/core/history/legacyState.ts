/**
 * Until 2026-12-05 every pipeline of a repository kept its state in the top folder
 * (`<git common dir>/gearshift/`), also one whose `.gearshift.yml` is in a subfolder. Such a
 * pipeline now has a folder of its own (pipelineState.ts); left behind, its state would be lost
 * silently, and worst of all deploy.json: its next deploy would not know which slot is live and
 * could deploy into the one serving traffic (review23 H1). So a subfolder pipeline whose own
 * folder does not exist yet, in a repository with no pipeline at its top (which would own that
 * state), takes the top folder's state over, by renaming it: the first such pipeline to look.
 */
import * as path from 'path';
import { CONFIG_FILE_NAME } from '../config';
import { fileIo as fs } from '../fileio';
import { PIPELINES_DIR } from './pipelineState';

/** `top`: the top state folder; `own`: this pipeline's; `workTreeTop`: the repository's top folder. */
export async function adoptLegacyState(top: string, own: string, workTreeTop: string): Promise<void> {
  if (await exists(own) || await exists(path.join(workTreeTop, CONFIG_FILE_NAME))) { return; }
  const legacy = (await fs.readdirEntries(top).catch(() => [])).map((e) => e.name).filter((name) => name !== PIPELINES_DIR);
  if (legacy.length === 0) { return; }
  await fs.mkdirp(own);
  for (const name of legacy) {
    // Two processes may adopt at once: an entry the other already moved is gone, not an error.
    await fs.rename(path.join(top, name), path.join(own, name)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') { throw e; }
    });
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}
