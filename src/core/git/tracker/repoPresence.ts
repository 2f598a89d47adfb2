/**
 * Is there a `.git` in these folders, and is it the same one as last time? Used while no
 * repository is tracked, on every poll tick, so it is a stat or two and never a git process:
 * git is asked only when this answer changes (no polling storm on a folder that is not a repo).
 */
import { promises as fs } from 'fs';
import * as path from 'path';

export interface Presence {
  /** Changes when a `.git` appears, disappears, is replaced or gets its HEAD. */
  key: string;
  /** Some folder has a `.git` (worth asking git about). */
  present: boolean;
}

export async function presence(folders: readonly string[]): Promise<Presence> {
  const parts = await Promise.all(folders.map(async (folder) => {
    const dotGit = path.join(folder, '.git');
    try {
      const s = await fs.stat(dotGit);
      if (!s.isDirectory()) {
        return `file:${s.ino}:${s.mtimeMs}`; // a linked worktree's `.git` file
      }
      // The dir's own mtime moves while `git init` fills it in, so a half-made repo is retried.
      const head = await fs.stat(path.join(dotGit, 'HEAD')).then((h) => h.mtimeMs, () => 'none');
      return `dir:${s.ino}:${s.birthtimeMs}:${s.mtimeMs}:${head}`;
    } catch {
      return undefined;
    }
  }));
  return { key: JSON.stringify(parts), present: parts.some((p) => p !== undefined) };
}
