import { commitsNotInProduction, waitingWords, type NotInProduction, type WaitingCommit } from '../../core/automation';
import { formatElapsed, shortSha } from '../../core/format';
import type { FolderAutomation } from './folderAutomation';

/** Reads history and git; the newest runs are enough to find the last green production deploys. */
const HISTORY_RUNS = 2000;

/** Rows Commits to Deploy lists at most; its header counts them all. */
export const ROWS_SHOWN = 50;

/** What the view's header says: its text, and the tooltip (also read out) that says what is counted. */
export interface Summary { text: string; tooltip: string }

/** HEAD's commits production does not serve, counted and listed by one core function, with the words for the header. */
export interface Waiting { found: NotInProduction; commits: readonly WaitingCommit[]; summary: Summary }

/**
 * The commits a deploy of HEAD would take to production, from deploy.json (what is live), history and git: one
 * count for the header, the same range for its rows, and the deploy dialog lists live..HEAD too (review41 F2: the
 * header counted only commits made since the window opened, "1 commit not in production" while the dialog listed 4).
 * Undefined when git cannot say (not a work tree, an unborn HEAD, unreadable history): the caller falls back on the tracker.
 */
export async function waitingFor(a: FolderAutomation, now = Date.now()): Promise<Waiting | undefined> {
  try {
    const [loaded, store] = await Promise.all([a.fp.engine.validate(), a.fp.engine.history()]);
    const { runs } = await store.read({ limit: HISTORY_RUNS });
    const found = await commitsNotInProduction(a.fp.folder.uri.fsPath, loaded.ok ? loaded.pipeline : undefined, runs, await liveSha(a), { list: ROWS_SHOWN });
    if (!found) { return undefined; }
    const commits = found.commits ?? [];
    return { found, commits, summary: summaryOf(found, loaded.ok, commits, now) };
  } catch {
    return undefined;
  }
}

/** The header; with no production stage (a valid pipeline), the end of the line is a green run. */
function summaryOf(found: NotInProduction, valid: boolean, commits: readonly WaitingCommit[], now: number): Summary {
  const production = found.hasProductionStage || !valid;
  const last = found.lastDeployedSha ? shortSha(found.lastDeployedSha) : undefined;
  if (found.count === 0) {
    return production
      ? { text: 'Every commit on HEAD is in production', tooltip: `Production serves ${last ?? 'HEAD'}, and HEAD has no commit it lacks. New commits appear here until a green run takes them to production.` }
      : { text: 'Every commit on HEAD has had a green run', tooltip: 'A green run covered HEAD (the pipeline has no production stage). New commits appear here until a green run covers them.' };
  }
  const oldest = commits.length === found.count && commits.length > 0 ? commits[commits.length - 1] : undefined;
  const age = oldest ? `oldest ${formatElapsed(now - Date.parse(oldest.time))}` : undefined; // as the rows say it
  const what = waitingWords(found.count, production ? 'production' : 'green run');
  const since = !production ? (last ? `since ${last}` : 'none green yet')
    : last ? `since ${last}` : found.hasProductionStage ? 'no green production run yet' : 'no production stage in the pipeline';
  const where = !production
    ? 'Commits on HEAD that no green run has covered (the pipeline has no production stage).'
    : last ? `Commits on HEAD that production (${last}) does not have: what a deploy of HEAD would ship, as the deploy dialog lists them.`
      : 'Commits on HEAD, none of them deployed to production from this clone: what a deploy of HEAD would ship, as the deploy dialog lists them.';
  const more = found.count > commits.length ? ` The newest ${commits.length} are listed.` : '';
  return { text: [what, since, ...(age ? [age] : [])].join(' · '), tooltip: `${where}${more}` };
}

/** The commit production serves, from deploy.json (shared with the CLI); undefined when none or unreadable. */
async function liveSha(a: FolderAutomation): Promise<string | undefined> {
  try {
    const [files, { liveRelease }] = await Promise.all([
      import(/* webpackChunkName: "deploy" */ '../../core/deploy/deployFiles'), import(/* webpackChunkName: "deploy" */ '../../core/deploy/liveRelease'),
    ]);
    const { state, corrupt } = await (await files.deployContext(a.fp.engine)).store.read();
    return corrupt === undefined ? liveRelease(state)?.sha : undefined;
  } catch {
    return undefined;
  }
}
