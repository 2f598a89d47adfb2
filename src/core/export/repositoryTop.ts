/** Where an engine checks the code out, for the export and for finding a pipeline's exports. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { getRepoInfo } from '../git';

/** Where the engine checks the code out: the git work tree's top, else the config's folder. */
export async function repositoryTop(folder: string): Promise<string> {
  try {
    const info = await getRepoInfo(folder);
    if (!info.isRepo || info.root === undefined) { return folder; }
    // Git answers with symlinks resolved; stage folders use the config's own spelling of the path.
    return path.join(folder, path.relative(await fs.realpath(folder), info.root));
  } catch {
    return folder;
  }
}
