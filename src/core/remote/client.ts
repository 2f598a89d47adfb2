/**
 * Asks the remote CI about one commit: GitHub `GET /repos/{owner}/{repo}/actions/runs?head_sha=`
 * (+ the deciding run's jobs), GitLab `GET /projects/:id/pipelines?sha=` (+ its jobs). Whatever
 * the server answers becomes a RemoteStatus; nothing here throws on a bad answer.
 */
import { ApiSession, type ApiAnswer } from './conditional';
import { githubJobsUrl, githubRunsUrl, readGithubJobs, readGithubRuns } from './github';
import { gitlabJobsUrl, gitlabPipelinesUrl, readGitlabJobs, readGitlabPipelines } from './gitlab';
import type { RemoteTarget } from './remoteUrl';
import type { RemoteJob, RemoteStatus } from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ClientOptions {
  token: string;
  timeoutMs?: number;
  now?: () => number;
  /** Also fetch the deciding run's jobs (the editor's tree); the CLI asks once and skips them. */
  jobs?: boolean;
}

/** `retryAt`: the server asked us to wait until then (epoch ms). */
export interface CheckResult { status: RemoteStatus; retryAt?: number }

export class RemoteClient {
  private readonly session: ApiSession;
  private readonly jobs: boolean;

  constructor(readonly target: RemoteTarget, opts: ClientOptions) {
    const auth: Record<string, string> = target.provider === 'github'
      ? { authorization: `Bearer ${opts.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' }
      : { 'private-token': opts.token, accept: 'application/json' };
    this.session = new ApiSession({ headers: auth, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, now: opts.now ?? Date.now });
    this.jobs = opts.jobs ?? true;
  }

  /** `signal`: the asker is gone; a request out is dropped and none follows. */
  async check(sha: string, signal?: AbortSignal): Promise<CheckResult> {
    const { provider, apiBase, project } = this.target;
    const runsUrl = provider === 'github' ? githubRunsUrl(apiBase, project, sha) : gitlabPipelinesUrl(apiBase, project, sha);
    const answer = await this.session.get(runsUrl, signal);
    if (answer.kind !== 'ok') { return this.notOk(answer, sha); }
    const verdict = provider === 'github' ? readGithubRuns(answer.body, sha) : readGitlabPipelines(answer.body, sha);
    if (!this.jobs || verdict.jobsOf === undefined) { return { status: verdict.status }; }
    const jobsUrl = provider === 'github' ? githubJobsUrl(apiBase, project, verdict.jobsOf) : gitlabJobsUrl(apiBase, project, verdict.jobsOf);
    const jobsAnswer = await this.session.get(jobsUrl, signal);
    // The verdict stands without its jobs: a failed jobs request only leaves the tree node bare.
    if (jobsAnswer.kind !== 'ok') { return { status: { ...verdict.status, detail: join(verdict.status.detail, `jobs: ${jobsAnswer.detail}`) }, retryAt: backoff(jobsAnswer) }; }
    const jobs: RemoteJob[] | undefined = provider === 'github' ? readGithubJobs(jobsAnswer.body) : readGitlabJobs(jobsAnswer.body);
    return { status: { ...verdict.status, jobs: jobs ?? [] } };
  }

  private notOk(answer: Exclude<ApiAnswer, { kind: 'ok' }>, sha: string): CheckResult {
    const provider = this.target.provider;
    const base = { provider, sha, jobs: [] };
    switch (answer.kind) {
      case 'backoff': return { status: { ...base, state: 'unknown', detail: answer.detail }, retryAt: answer.until };
      case 'failed': return { status: { ...base, state: 'unknown', detail: answer.detail } };
      case 'denied': return { status: { ...base, state: 'off', detail: answer.detail, hint: deniedHint(provider, answer.status) } };
    }
  }
}

function backoff(a: ApiAnswer): number | undefined { return a.kind === 'backoff' ? a.until : undefined; }
function join(a: string | undefined, b: string): string { return a ? `${a}; ${b}` : b; }

/** 401: the token itself; 403: what it may do; 404: GitHub hides private repositories it cannot see. */
export function deniedHint(provider: RemoteTarget['provider'], status: number): string {
  const scope = provider === 'github' ? 'a GitHub token with the repo scope (or Actions: read)' : 'a GitLab token with the read_api scope';
  if (status === 401) { return `the token was refused (expired or revoked): set ${scope}`; }
  if (status === 403) { return `the token lacks the scope to read CI runs: use ${scope}`; }
  return `repository not found, or the token cannot see it: use ${scope}`;
}
