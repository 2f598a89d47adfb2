/**
 * Files a run under sudo left owned by root (an older version did, see core/fileio/folderOwner.ts):
 * the user's own runs then fail to write them. Asked only on a permission error's path, to say
 * whose the file is and how to get it back instead of a bare EACCES.
 */
import { fileIo } from './fileIo';

/** Who owns `file` when another user does ('root' or 'uid N'); undefined when we do, or it cannot be told. */
export async function foreignOwner(file: string): Promise<string | undefined> {
  const uid = process.getuid?.();
  const owner = (await fileIo.stat(file).catch(() => undefined))?.uid;
  if (uid === undefined || owner === undefined || owner === uid) { return undefined; }
  return owner === 0 ? 'root' : `uid ${owner}`;
}

/** `… belongs to root, not to you; left by a run under sudo? …`: the way back, `how` being the command to name. */
export function foreignOwnerHint(owner: string, how: string): string {
  return `belongs to ${owner}, not to you; left by a run under sudo? \`${how}\` it back to you`;
}

/** A permission error on a file another user owns, in words; the error's own message otherwise. */
export async function permissionProblem(e: NodeJS.ErrnoException): Promise<string> {
  if ((e.code !== 'EACCES' && e.code !== 'EPERM') || typeof e.path !== 'string') { return e.message; }
  const owner = await foreignOwner(e.path);
  return owner === undefined ? e.message : `${e.path} ${foreignOwnerHint(owner, 'sudo chown')}`;
}
