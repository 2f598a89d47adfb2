/**
 * Under `sudo`, what Gearshift creates in a folder of the user who ran sudo is given to that
 * user, as npm does: after one `sudo gearshift run` in a fresh repository, `.git/gearshift` and
 * its history and lock must still be theirs, or their own runs cannot take the lock or append a
 * line. Only entries this process has just made (a mkdir, an exclusive create, a temporary
 * file) are given away, never a file that was there: that may be a link to anything. And only
 * to the user sudo names (SUDO_UID, pkexec's PKEXEC_UID): the owner of a folder may be anyone,
 * and whoever can swap that folder between the create and the chown could otherwise have root
 * give them a file of its choosing. The user who ran sudo gains nothing that way.
 */
import * as fs from 'node:fs';

export interface Owner { readonly uid: number; readonly gid: number }

/** Read once: only root can give a file away, and only to the user who became root. */
const invokingUid = process.geteuid?.() === 0 ? invokingUser(process.env) : undefined;

function invokingUser(env: NodeJS.ProcessEnv): number | undefined {
  const uid = Number(env.SUDO_UID ?? env.PKEXEC_UID);
  return Number.isSafeInteger(uid) && uid > 0 ? uid : undefined;
}

/** Whether new entries may be given away at all (root, through sudo or pkexec). */
export function givesNewEntriesAway(): boolean {
  return invokingUid !== undefined;
}

/** The owner new entries in a folder with `folderStat` take: the invoking user, when the folder is theirs. */
export function inheritedOwner(folderStat: fs.Stats | undefined): Owner | undefined {
  if (invokingUid === undefined || folderStat?.uid !== invokingUid) { return undefined; }
  return { uid: invokingUid, gid: folderStat.gid === overflowId('gid') ? -1 : folderStat.gid };
}

const overflow: { uid?: number; gid?: number } = {};

/** The id the kernel shows for unmapped owners (65534 unless configured); read once, on these rare paths. */
export function overflowId(kind: 'uid' | 'gid'): number {
  if (overflow[kind] === undefined) {
    try { overflow[kind] = Number(fs.readFileSync(`/proc/sys/fs/overflow${kind}`, 'utf8')); } catch { overflow[kind] = 65534; }
  }
  return overflow[kind];
}
