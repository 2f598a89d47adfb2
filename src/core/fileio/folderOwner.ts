/**
 * Under root, what Gearshift creates in a folder another user owns is given to that user, as
 * npm does: after one `sudo gearshift run` in a fresh repository, `.git/gearshift` and its
 * history and lock must still be the user's, or their own runs cannot take the lock or append
 * a line. Only entries this process has just made (a mkdir, an exclusive create, a temporary
 * file) are given away, never a file that was there: that may be a link to anything.
 */
import * as fs from 'node:fs';

export interface Owner { readonly uid: number; readonly gid: number }

/** Read once: only root can give a file away (a process does not become root later). */
const asRoot = process.geteuid?.() === 0;

/** Whether new entries may take their folder's owner (only root's can). */
export function runningAsRoot(): boolean {
  return asRoot;
}

/**
 * The owner new entries in a folder with `folderStat` take: its owner, unless that is root (a
 * root folder's entries stay root's) or an id this user namespace does not map.
 */
export function inheritedOwner(folderStat: fs.Stats | undefined): Owner | undefined {
  if (!asRoot || !folderStat || folderStat.uid === 0) { return undefined; }
  const uid = folderStat.uid === overflowId('uid') ? -1 : folderStat.uid;
  const gid = folderStat.gid === overflowId('gid') ? -1 : folderStat.gid;
  return uid === -1 && gid === -1 ? undefined : { uid, gid };
}

/** The id the kernel shows for unmapped owners (65534 unless configured); read only on these rare paths. */
export function overflowId(kind: 'uid' | 'gid'): number {
  try { return Number(fs.readFileSync(`/proc/sys/fs/overflow${kind}`, 'utf8')); } catch { return 65534; }
}
