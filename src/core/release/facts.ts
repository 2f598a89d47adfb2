/**
 * Facts the deploy commands check before they act: is the pipeline red (history), is a deploy
 * running (the lock), what runs in production now and which commits a deploy would add (git).
 */
import type { PipelineEngine } from '../engine';
import { redNowIn, type RedNow } from '../redgreen';
import { liveRelease, type DeployState } from '../deploy';
import { shortSha } from '../format';
import { END_OF_OPTIONS, gitAt, isCommitSha } from '../git';

/** The confirmation lists at most this many commits. */
export const PLAN_COMMIT_LIMIT = 50;

/**
 * Whether the pipeline is red now (redgreen's `redNowIn`, on this engine's history). A history
 * that cannot be read (a folder or FIFO in its place, no permission) cannot say: red is unknown,
 * refused like red with the cause, as an unwritable one is (the override says "deploy anyway").
 */
export async function redNow(engine: PipelineEngine): Promise<RedNow | undefined> {
  try {
    // Dead runs cleaned up first: one killed from outside after a stage failed is red, not `interrupted` (redkill41).
    return await redNowIn(await engine.historyCleaned());
  } catch (e) {
    return { message: `whether the pipeline is red is unknown: history cannot be read: ${(e as Error).message.split('\n')[0]}` };
  }
}

export { deployRunning, liveHolder } from '../deploy';

/**
 * What production serves now: the live slot's release with blue/green (when it was deployed), else
 * what `status` says is live (liveRelease: one rule, so a release kept live after its monitoring
 * alerted is live here too, not the one before it: rereview42 F2).
 */
export function lastProduction(state: DeployState): { sha: string; at: string; slot?: string } | undefined {
  const slot = state.live !== undefined ? state.slots[state.live] : undefined;
  if (slot) { return { sha: slot.sha, at: slot.deployedAt, slot: state.live }; }
  const live = liveRelease(state);
  return live ? { sha: live.sha, at: live.at } : undefined;
}

/** The switch or rollback that made `sha` live after its deploy (the confirmation's "live since"), when that is how it went live. */
export function madeLiveField(state: DeployState, sha: string): { madeLive?: { by: 'switch' | 'rollback'; at: string } } {
  const live = liveRelease(state);
  return live?.sha === sha && (live.by === 'switch' || live.by === 'rollback') ? { madeLive: { by: live.by, at: live.at } } : {};
}

/**
 * What served production before run `runId` deployed. Blue/green, its slot still live: the slot live
 * before it (`previous`, untouched by its deploy); else the newest production release recorded before its first record.
 */
export function liveBefore(state: DeployState, runId: string): { sha: string; at: string; slot?: string } | undefined {
  const live = state.live !== undefined ? state.slots[state.live] : undefined;
  if (live?.runId === runId) {
    const before = state.previous !== undefined ? state.slots[state.previous] : undefined;
    return before && state.previous !== undefined ? { sha: before.sha, at: before.deployedAt, slot: state.previous } : undefined;
  }
  const first = state.records.findIndex((r) => r.runId === runId);
  return first < 0 ? undefined : lastProduction({ version: 1, slots: {}, records: state.records.slice(0, first) });
}

/**
 * The commits live now (`live`) that a deploy of `head` takes out of production (head..live); undefined when none, or unknown.
 * A commit whose change `head` holds under another sha (amended without a change, rebased, picked) is not taken out (rereview40 F4).
 */
export async function removedCommits(folder: string, head: string, live: string | undefined): Promise<{ commits: Array<{ sha: string; subject: string }>; more: boolean } | undefined> {
  if (live === undefined || head === 'none') { return undefined; }
  const gone = await commitsBetween(folder, head, live, PLAN_COMMIT_LIMIT, { samePatchKept: true });
  return gone.commits && gone.commits.length > 0 ? { commits: gone.commits, more: gone.more } : undefined;
}

/** When `sha`'s newest production release was taken out by a rollback, and it is not live again since: deploying it again should say so. */
export function rolledBackField(state: DeployState, sha: string): { rolledBack?: { at: string } } {
  const live = state.live !== undefined ? state.slots[state.live] : undefined;
  if (live?.sha === sha) { return {}; }
  for (let i = state.records.length - 1; i >= 0; i--) {
    const r = state.records[i];
    if (r.environment === 'production' && r.result === 'ok' && r.sha === sha && r.kind !== 'switch' && r.kind !== 'rollback') {
      return r.rolledBackAt !== undefined ? { rolledBack: { at: r.rolledBackAt } } : {};
    }
  }
  return {};
}

export interface CommitList {
  commits?: Array<{ sha: string; subject: string }>;
  more: boolean;
  note?: string;
}

/**
 * Commits in `from..to` (all of `to`'s history without `from`), newest first, bounded. Subjects are data.
 * `samePatchKept`: without those whose patch `from` holds under another sha (`--cherry-pick --right-only from...to`).
 */
export async function commitsBetween(folder: string, from: string | undefined, to: string, limit = PLAN_COMMIT_LIMIT, opts: { samePatchKept?: boolean } = {}): Promise<CommitList> {
  if (to === 'none') { return { commits: [], more: false }; }
  if (from === to) { return { commits: [], more: false }; }
  // Both come from deploy.json and git: only a hex sha may reach git's argument list (never `-…`).
  if (!isCommitSha(to) || (from !== undefined && !isCommitSha(from))) {
    return { more: false, note: 'the commits not in the live release are unknown: deploy.json names no valid commit' };
  }
  try {
    const picked = from !== undefined && opts.samePatchKept === true;
    const range = !from ? to : picked ? `${from}...${to}` : `${from}..${to}`;
    const out = await gitAt(folder).raw(['log', '--no-show-signature', '--format=%H%x1f%s', '-n', String(limit + 1), ...(picked ? ['--cherry-pick', '--right-only'] : []), END_OF_OPTIONS, range, '--']);
    const lines = out.split('\n').filter((l) => l.includes('\x1f'));
    const commits = lines.slice(0, limit).map((l) => {
      const [sha, subject] = l.split('\x1f');
      return { sha, subject: subject ?? '' };
    });
    return { commits, more: lines.length > limit };
  } catch (e) {
    const first = (e as Error).message.trim().split('\n')[0];
    return { more: false, note: from ? `the commits since ${shortSha(from)} are unknown: git could not compare them (${first})` : `git log failed: ${first}` };
  }
}

