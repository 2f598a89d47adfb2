/**
 * The "went to production by itself" toast is said once per pipeline's state folder (beside its
 * history: per repository for the pipeline at the top), ever (review34 F10). Every window and
 * process that reads the run asks; the record `first-unattended-deploy.json` goes to the one whose
 * hard link of a complete temporary file lands first (the OS gives a name to exactly one link, so
 * the record is never seen half-written), and no one else toasts: two windows on one repository
 * toast once, and the toast does not come back when the first deploy falls out of the runs read.
 * Where the file system has no hard links, an exclusive create decides instead (review35 F11).
 */
import * as path from 'path';
import { fileIo, temporaryFor } from '../fileio';
import type { RunRecord } from '../pipeline';
import type { DeployNews } from './deployNews';

export const ANNOUNCED_FILE = 'first-unattended-deploy.json';

/**
 * `news.toast` for the reader that records it, else undefined. Every unattended deploy records it
 * (a repository whose first one came before this record existed has it from its next), so only a
 * first one found in history toasts.
 */
export async function toastOnce(news: DeployNews, stateDir: string, run: Pick<RunRecord, 'id' | 'sha'>, now: number): Promise<string | undefined> {
  if (!news.unattended) { return undefined; }
  const recorded = await record(path.join(stateDir, ANNOUNCED_FILE), `${JSON.stringify({ runId: run.id, sha: run.sha, at: new Date(now).toISOString() })}\n`);
  return recorded ? news.toast : undefined;
}

/** `link(existing, p)`: a second name for a file, EEXIST when `p` is taken (fileIo.link). */
export type MakeLink = (existing: string, p: string) => Promise<void>;

/** What link() says on a file system without hard links (exFAT, some FUSE/SMB mounts): review35 F11. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK']);

/**
 * True when this call made `file`; false when it was there (or could not be made: better quiet than
 * said twice). Without hard links, an exclusive create still gives the name to exactly one caller;
 * a reader could then see it half-written, but readers only ask whether it is there.
 */
export async function record(file: string, text: string, link: MakeLink = fileIo.link): Promise<boolean> {
  const tmp = temporaryFor(file);
  try {
    const handle = await fileIo.open(tmp, 'wx');
    try { await handle.writeFile(text, 'utf8'); } finally { await handle.close(); }
    await link(tmp, file);
    return true;
  } catch (e) {
    return NO_HARD_LINKS.has((e as NodeJS.ErrnoException).code ?? '') ? createOnce(file, text) : false;
  } finally {
    await fileIo.unlink(tmp).catch(() => undefined);
  }
}

async function createOnce(file: string, text: string): Promise<boolean> {
  try {
    const handle = await fileIo.open(file, 'wx');
    try { await handle.writeFile(text, 'utf8'); } finally { await handle.close(); }
    return true;
  } catch {
    return false;
  }
}
