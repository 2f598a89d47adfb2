/**
 * The "went to production by itself" toast is said once per pipeline's state folder (beside its
 * history: per repository for the pipeline at the top), ever (review34 F10). Every window and
 * process that reads the run asks; the record `first-unattended-deploy.json` goes to the one whose
 * hard link of a complete temporary file lands first (the OS gives a name to exactly one link, so
 * the record is never seen half-written), and no one else toasts: two windows on one repository
 * toast once, and the toast does not come back when the first deploy falls out of the runs read.
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

/** True when this call made `file`; false when it was there (or could not be made: better quiet than said twice). */
async function record(file: string, text: string): Promise<boolean> {
  const tmp = temporaryFor(file);
  try {
    const handle = await fileIo.open(tmp, 'wx');
    try { await handle.writeFile(text, 'utf8'); } finally { await handle.close(); }
    await fileIo.link(tmp, file);
    return true;
  } catch {
    return false;
  } finally {
    await fileIo.unlink(tmp).catch(() => undefined);
  }
}
