/**
 * Where a folder's run history lives.
 *
 * In a git repository: `<git common dir>/gearshift/history.jsonl`. Inside `.git` it is never
 * committed and never shows up as an untracked file; it is per clone (a fresh clone starts with
 * no history, as a fresh checkout should); and the *common* dir is shared by every linked
 * worktree, so the CLI and the extension, in any worktree of the clone, read and write one file.
 *
 * Outside git: `${XDG_STATE_HOME:-~/.local/state}/gearshift/<key>/history.jsonl`, where key is
 * the first 16 hex digits of sha1(realpath(folder)). Writing into the folder itself would
 * litter the user's files; XDG "state" is the spec'd place for data that should survive restarts
 * but is not worth backing up. realpath makes a folder reached through a symlink share one history;
 * 16 hex digits (64 bits) make collisions between a user's folders practically impossible.
 */
import { fileIo as fs } from '../fileio';
import * as os from 'os';
import * as path from 'path';
import { gitCommonDir } from '../git';

export const HISTORY_DIR = 'gearshift';
export const HISTORY_FILE = 'history.jsonl';

/** Rejects only when git refuses a repository (e.g. dubious ownership). Runs one `git rev-parse`, nothing else. */
export async function historyFileFor(folder: string): Promise<string> {
  const commonDir = await gitCommonDir(folder);
  if (commonDir) {
    return path.join(commonDir, HISTORY_DIR, HISTORY_FILE);
  }
  return path.join(stateHome(), HISTORY_DIR, await folderKey(folder), HISTORY_FILE);
}

/** XDG_STATE_HOME if set and absolute (the XDG spec says to ignore a relative one), else ~/.local/state. */
export function stateHome(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  return xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.local', 'state');
}

/** Stable per-folder key; a folder that does not exist (yet) is keyed by its resolved path. */
export async function folderKey(folder: string): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(folder);
  } catch {
    real = path.resolve(folder);
  }
  const { createHash } = await import('crypto'); // only outside git: not loaded on every command
  return createHash('sha1').update(real).digest('hex').slice(0, 16);
}
