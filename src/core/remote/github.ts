/**
 * GitHub Actions' documented shapes: `{ workflow_runs: [{ id, name, head_sha, status,
 * conclusion, html_url, workflow_id, run_attempt }] }` and `{ jobs: [{ name, status, conclusion }] }`.
 * A commit may have several workflows: the latest run of each counts, and the worst decides.
 */
import type { RemoteJob, RemoteJobState, RemoteState, RunVerdict } from './types';
import { isRecord, num, str, worstOf } from './shapes';

export function githubRunsUrl(api: string, project: string, sha: string): string {
  const [owner, repo] = project.split('/').map(encodeURIComponent);
  return `${api}/repos/${owner}/${repo}/actions/runs?head_sha=${encodeURIComponent(sha)}&per_page=50`;
}

export function githubJobsUrl(api: string, project: string, runId: string): string {
  const [owner, repo] = project.split('/').map(encodeURIComponent);
  return `${api}/repos/${owner}/${repo}/actions/runs/${encodeURIComponent(runId)}/jobs?per_page=100`;
}

interface Run { id: number; name: string; workflow: string; state: RemoteState; detail?: string; url?: string; attempt: number }

export function readGithubRuns(body: unknown, sha: string): RunVerdict {
  const base = { provider: 'github' as const, sha, jobs: [] };
  if (!isRecord(body) || !Array.isArray(body.workflow_runs)) {
    return { status: { ...base, state: 'unknown', detail: 'the answer has no workflow_runs list' } };
  }
  const latest = new Map<string, Run>();
  for (const raw of body.workflow_runs) {
    if (!isRecord(raw) || (raw.head_sha !== undefined && raw.head_sha !== sha)) { continue; }
    const id = num(raw.id);
    if (id === undefined) { continue; }
    const run: Run = { id, name: str(raw.name) ?? `run ${id}`, workflow: String(raw.workflow_id ?? raw.name ?? id), url: str(raw.html_url), attempt: num(raw.run_attempt) ?? 1, ...runState(raw) };
    const seen = latest.get(run.workflow);
    if (!seen || seen.id < run.id) { latest.set(run.workflow, run); }
  }
  const runs = [...latest.values()];
  if (runs.length === 0) { return { status: { ...base, state: 'none' } }; }
  const decider = worstOf(runs, (r) => r.state);
  const others = runs.length > 1 ? ` (${runs.length} workflows)` : '';
  return {
    status: { ...base, state: decider.state, runId: `${decider.id}.${decider.attempt}`, name: `${decider.name}${others}`, ...(decider.url ? { url: decider.url } : {}), ...(decider.detail ? { detail: decider.detail } : {}) },
    jobsOf: String(decider.id),
  };
}

function runState(raw: Record<string, unknown>): { state: RemoteState; detail?: string } {
  if (raw.status !== 'completed') { return { state: 'in-progress', detail: str(raw.status) }; }
  const c = str(raw.conclusion);
  switch (c) {
    case 'success': case 'neutral': case 'skipped': return { state: 'success' };
    case 'failure': case 'timed_out': case 'startup_failure': case 'action_required': return { state: 'failure', detail: c };
    default: return { state: 'unknown', detail: c ?? 'no conclusion' };
  }
}

export function readGithubJobs(body: unknown): RemoteJob[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.jobs)) { return undefined; }
  return body.jobs.filter(isRecord).map((j) => ({ name: str(j.name) ?? '?', state: jobState(j) }));
}

function jobState(j: Record<string, unknown>): RemoteJobState {
  if (j.status !== 'completed') { return 'in-progress'; }
  switch (j.conclusion) {
    case 'success': case 'neutral': return 'success';
    case 'failure': case 'timed_out': case 'startup_failure': return 'failure';
    case 'skipped': return 'skipped';
    case 'cancelled': return 'cancelled';
    case 'action_required': return 'manual';
    default: return 'unknown';
  }
}
