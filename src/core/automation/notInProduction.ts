/**
 * How many of HEAD's commits production does not serve, from deploy.json, history and git: what
 * "Commits to Deploy" shows when the live tracker has seen nothing new (its list starts when
 * the window opened, so a repository whose pipeline is red and never deployed would otherwise
 * read "all in production"). Bounded: one `git rev-list --count`, excluding the live commit (no
 * production stage: the newest MAX_DEPLOYS green runs' commits); shas from history are hex-checked before git sees them.
 */
import type { Pipeline } from '../config';
import { END_OF_OPTIONS, gitAt, isCommitSha } from '../git';
import type { RunRecord } from '../pipeline';
import { reachedTheEnd } from './deployedCommits';

export interface NotInProduction {
  /** HEAD's commits not reachable from the commit production serves (no production stage: from any whole green run's). */
  readonly count: number;
  /** What production serves (deploy.json's live release), else the newest green production deploy's commit; null when nothing was ever deployed. */
  readonly lastDeployedSha: string | null;
  /** False when the pipeline has no `environment: production` stage: nothing is deployed, a green run is the end. */
  readonly hasProductionStage: boolean;
  /** With `opts.list`: the counted commits themselves, newest first, at most `list` of them (`count` says how many in all). */
  readonly commits?: readonly WaitingCommit[];
}

/** One of HEAD's commits production does not serve, as git tells it (subject and author are data). */
export interface WaitingCommit { sha: string; subject: string; author: string; time: string }

const MAX_DEPLOYS = 16;

/**
 * `runs` any order. `liveSha`: the commit production serves (deploy.json), in production although
 * no green run says so: its run cancelled by a window reload after the switch (walkedit33 H1).
 * Undefined when the folder is not a git work tree or HEAD is unborn.
 */
export async function commitsNotInProduction(
  folder: string, pipeline: Pick<Pipeline, 'stages'> | undefined, runs: readonly RunRecord[], liveSha?: string, opts: { list?: number } = {},
): Promise<NotInProduction | undefined> {
  const deployed = runs
    .filter((r) => reachedTheEnd(r, pipeline) && isCommitSha(r.sha))
    .sort((a, b) => Date.parse(b.endedAt ?? b.startedAt) - Date.parse(a.endedAt ?? a.startedAt));
  const live = liveSha !== undefined && isCommitSha(liveSha) ? [liveSha] : [];
  const hasProductionStage = pipeline !== undefined && pipeline.stages.some((s) => s.environment === 'production');
  // Production serves one release: what deploy.json says is live, else the newest deploy (a redeploy rollback's too). A commit
  // an older deploy shipped is not in production after a rollback took it out (review41 F1: "Every commit on HEAD is in production").
  // With no production stage any whole green run is the end of the line: every one counts.
  const shas = hasProductionStage || pipeline === undefined
    ? [...live, ...deployed.map((r) => r.sha)].slice(0, 1)
    : [...new Set([...live, ...deployed.map((r) => r.sha)])].slice(0, MAX_DEPLOYS);
  const git = gitAt(folder);
  const head = await git.raw(['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, 'HEAD^{commit}']).catch(() => '');
  if (!head.trim()) { return undefined; }
  // A deployed sha git no longer knows (rewritten history) would fail the count: --ignore-missing skips it.
  const range = ['--ignore-missing', END_OF_OPTIONS, 'HEAD', ...shas.map((s) => `^${s}`), '--'];
  const out = await git.raw(['rev-list', '--count', ...range]);
  const count = Number(out.trim());
  // The list is the count's own range: the header, its rows and the deploy dialog's live..HEAD cannot disagree (review41 F2).
  const commits = opts.list !== undefined ? parseCommits(await git.raw(['log', '-z', '--no-show-signature', `--format=${FORMAT}`, '-n', String(opts.list), ...range])) : undefined;
  return {
    count: Number.isFinite(count) ? count : 0,
    lastDeployedSha: shas[0] ?? null,
    hasProductionStage,
    ...(commits ? { commits } : {}),
  };
}

/** sha, author, committer time (ISO), subject with unit separators between; `-z` ends each commit with a NUL, which no subject holds. */
const FORMAT = '%H%x1f%an%x1f%cI%x1f%s';

function parseCommits(out: string): WaitingCommit[] {
  return out.split('\0').map((r) => r.split('\x1f')).filter((f) => f.length >= 4 && isCommitSha(f[0]))
    .map(([sha, author, time, ...subject]) => ({ sha, author, time, subject: subject.join('\x1f') }));
}
