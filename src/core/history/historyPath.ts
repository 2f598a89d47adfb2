/**
 * Where a pipeline's state (run history, run logs, locks, deploy state, caches) lives: the one
 * function every reader and writer asks (pipelineStateDir), by the pipeline's folder, the folder
 * holding its `.gearshift.yml`.
 *
 * In a git repository: `<git common dir>/gearshift/` for the pipeline at the work tree's top, and
 * `<git common dir>/gearshift/pipelines/<name>/` for one in a subfolder (pipelineState.ts: a
 * monorepo's pipelines each have their own runs, red periods and locks). Inside `.git` it is never
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
import { gitPlace, workTreeTopOf } from '../git';
import { PIPELINES_DIR, pipelineStateName } from './pipelineState';
import { adoptLegacyState } from './legacyState';

export const HISTORY_DIR = 'gearshift';
export const HISTORY_FILE = 'history.jsonl';

/** The folder holding the state of the pipeline in `folder`. Rejects only when git refuses a repository (e.g. dubious ownership). Runs one `git rev-parse` at most. */
export async function pipelineStateDir(folder: string): Promise<string> {
  const place = await gitPlace(folder);
  if (!place) { return path.join(stateHome(), HISTORY_DIR, await folderKey(folder)); }
  const top = path.join(place.commonDir, HISTORY_DIR);
  await refuseLink(top);
  if (place.prefix === '') { return top; }
  await refuseLink(path.join(top, PIPELINES_DIR)); // lstat looks at the last component only: each folder below the common dir is checked
  const own = path.join(top, PIPELINES_DIR, await pipelineStateName(place.prefix));
  await refuseLink(own);
  const workTreeTop = await workTreeTopOf(folder, place);
  await adoptLegacyState(top, own, workTreeTop);
  return own;
}

/**
 * A state folder inside `.git` must be a real folder (or not there yet): a symlink there is not
 * ours (anyone who could write `.git` may have aimed it anywhere), so no history, log, lock or
 * deploy state is written through it. One lstat; outside git the folder is the user's own.
 */
async function refuseLink(dir: string): Promise<void> {
  const st = await fs.lstat(dir).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') { return undefined; } throw e; });
  if (st?.isSymbolicLink()) { throw Object.assign(new Error(`${dir} is not a folder (a symlink): Gearshift keeps no state there`), { code: 'ELOOP', path: dir }); }
}

/**
 * The folder `sub` of the state every pipeline of the repository holding `folder` shares (the
 * flags files' locks): `<git common dir>/gearshift/<sub>`, so linked worktrees share it too, a
 * symlink at either level refused as in pipelineStateDir; outside git
 * `${XDG_STATE_HOME}/gearshift/<sub>`, beside the per-folder state folders (named by 16 hex digits).
 */
export async function sharedStateDir(folder: string, sub: string): Promise<string> {
  const place = await gitPlace(folder);
  if (!place) { return path.join(stateHome(), HISTORY_DIR, sub); }
  const top = path.join(place.commonDir, HISTORY_DIR);
  await refuseLink(top);
  await refuseLink(path.join(top, sub));
  return path.join(top, sub);
}

/** The run history of the pipeline in `folder`: history.jsonl in its state folder. */
export async function historyFileFor(folder: string): Promise<string> {
  return path.join(await pipelineStateDir(folder), HISTORY_FILE);
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
