/**
 * Reverts of deployed commits, read from git for deployment rework rate: a commit whose
 * message says "This reverts commit <sha>" (what `git revert` writes), the deploy that first
 * delivered it, and whether the reverted commit had reached production before. Bounded: one
 * `git log --grep` over the window, and at most MAX_REVERTS ancestry checks.
 */
import { END_OF_OPTIONS, runGit, type DeployRecord } from '../git';
import type { RevertFact } from './deployOutcomes';

/** The deploy that first delivered a window's commit to production; undefined while undeployed or unknown. */
export type DeliveredBy = (sha: string) => Delivered | undefined;
export interface Delivered { deploySha: string; deployedAtMs: number }

const MAX_REVERTS = 32;
const REVERTS = /This reverts commit ([0-9a-f]{40}(?:[0-9a-f]{24})?)/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The window's revert commits from one `git log --grep` of `head` (text for revertsFrom). The
 * caller passes the sha its other questions use: HEAD may move while they run, and a memo of
 * this answer is keyed by that sha (gaugeGitMemo.ts).
 */
export async function revertLogText(folder: string, since: number, head: string): Promise<string> {
  return runGit(folder, revertLogArgs(since, head));
}

/** The arguments of that log (also what a memo of its answer is keyed by, gaugeGitMemo.ts). */
export function revertLogArgs(since: number, head: string): string[] {
  return [
    'log', '--no-show-signature', '-E', '--grep=^This reverts commit [0-9a-f]{40}', '--format=%H%x00%B%x1e',
    `--max-age=${Math.floor(since / 1000)}`, `--max-count=${MAX_REVERTS}`, END_OF_OPTIONS, head, '--',
  ];
}

/**
 * `text`: revertLogText's answer (an Error is thrown); `delivered`: the deploy that delivered
 * each of the window's commits; `deploys`: every known production deploy. Throws when git fails.
 * `asking` is called before each git process (an ancestry check).
 */
export async function revertsFrom(
  text: string | Error, folder: string, delivered: DeliveredBy, deploys: readonly DeployRecord[], asking: () => void = () => undefined,
): Promise<RevertFact[]> {
  if (text instanceof Error) { throw text; }
  const out: RevertFact[] = [];
  for (const record of text.split('\x1e')) {
    const [sha, body] = record.trim().split('\0');
    const reverted = REVERTS.exec(body ?? '')?.[1];
    if (!sha || !SHA.test(sha) || !reverted) { continue; }
    const by = delivered(sha);
    const deploySha = by ? by.deploySha : null;
    out.push({ sha, revertedSha: reverted, deploySha, revertedDeployed: by ? await wasDeployed({ folder, reverted, by, delivered, deploys, asking }) : false });
  }
  return out;
}

/** Delivered by an earlier deploy (from the window's lead times), else an ancestor of the last deploy before. */
interface RevertQuery { folder: string; reverted: string; by: Delivered; delivered: DeliveredBy; deploys: readonly DeployRecord[]; asking: () => void }

async function wasDeployed({ folder, reverted, by, delivered, deploys, asking }: RevertQuery): Promise<boolean> {
  const at = by.deployedAtMs;
  const known = delivered(reverted);
  if (known) { return known.deployedAtMs < at; }
  const before = deploys.filter((d) => toMs(d.at) < at && SHA.test(d.sha)).sort((a, b) => toMs(b.at) - toMs(a.at))[0];
  if (!before) { return false; }
  // Exit 0: an ancestor; exit 1 (runGit rejects): not one, or unknown to git.
  asking();
  return runGit(folder, ['merge-base', '--is-ancestor', END_OF_OPTIONS, reverted, before.sha]).then(() => true, () => false);
}

function toMs(at: DeployRecord['at']): number {
  return typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Date.parse(at);
}
