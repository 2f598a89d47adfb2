/**
 * GitLab's documented shapes: pipelines `[{ id, iid, sha, ref, status, web_url }]` (newest first)
 * and jobs `[{ name, stage, status }]`. The newest pipeline for the sha decides.
 */
import type { RemoteJob, RemoteJobState, RemoteState, RunVerdict } from './types';
import { isRecord, num, str } from './shapes';

export function gitlabPipelinesUrl(api: string, project: string, sha: string): string {
  return `${api}/projects/${encodeURIComponent(project)}/pipelines?sha=${encodeURIComponent(sha)}&per_page=20`;
}

export function gitlabJobsUrl(api: string, project: string, pipelineId: string): string {
  return `${api}/projects/${encodeURIComponent(project)}/pipelines/${encodeURIComponent(pipelineId)}/jobs?per_page=100`;
}

export function readGitlabPipelines(body: unknown, sha: string): RunVerdict {
  const base = { provider: 'gitlab' as const, sha, jobs: [] };
  if (!Array.isArray(body)) { return { status: { ...base, state: 'unknown', detail: 'the answer is not a list of pipelines' } }; }
  let newest: { id: number; raw: Record<string, unknown> } | undefined;
  for (const raw of body) {
    if (!isRecord(raw) || (raw.sha !== undefined && raw.sha !== sha)) { continue; }
    const id = num(raw.id);
    if (id !== undefined && (!newest || newest.id < id)) { newest = { id, raw }; }
  }
  if (!newest) { return { status: { ...base, state: 'none' } }; }
  const { state, detail } = pipelineState(str(newest.raw.status));
  const url = str(newest.raw.web_url);
  return {
    status: { ...base, state, runId: String(newest.id), name: `pipeline #${newest.id}`, ...(url ? { url } : {}), ...(detail ? { detail } : {}) },
    jobsOf: String(newest.id),
  };
}

function pipelineState(s: string | undefined): { state: RemoteState; detail?: string } {
  switch (s) {
    case 'success': return { state: 'success' };
    case 'failed': return { state: 'failure' };
    case 'created': case 'waiting_for_resource': case 'preparing': case 'pending': case 'running': case 'scheduled':
      return { state: 'in-progress', detail: s };
    // Blocked on a manual job (a production gate): nothing failed, nothing is running.
    case 'manual': return { state: 'success', detail: 'waiting for a manual job' };
    default: return { state: 'unknown', detail: s ?? 'no status' };
  }
}

export function readGitlabJobs(body: unknown): RemoteJob[] | undefined {
  if (!Array.isArray(body)) { return undefined; }
  // GitLab lists newest first; the tree reads better in pipeline order.
  return body.filter(isRecord).reverse().map((j) => ({ name: str(j.name) ?? '?', state: jobState(str(j.status)) }));
}

function jobState(s: string | undefined): RemoteJobState {
  switch (s) {
    case 'success': return 'success';
    case 'failed': return 'failure';
    case 'canceled': return 'cancelled';
    case 'skipped': return 'skipped';
    case 'manual': return 'manual';
    case 'created': case 'pending': case 'running': case 'waiting_for_resource': case 'preparing': case 'scheduled': return 'in-progress';
    default: return 'unknown';
  }
}
