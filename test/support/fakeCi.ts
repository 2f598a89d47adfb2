/**
 * A real HTTP server on 127.0.0.1 answering like GitHub's and GitLab's REST APIs, with their
 * documented shapes: GitHub `GET /repos/{o}/{r}/actions/runs?head_sha=` → `{ total_count,
 * workflow_runs }`, `…/runs/{id}/jobs` → `{ total_count, jobs }`; GitLab
 * `GET /projects/:id/pipelines?sha=` → `[pipeline]`, `…/pipelines/:id/jobs` → `[job]`.
 * Every answer has an ETag and a matching If-None-Match gets a 304, as on github.com.
 * `script` queues one-off answers (a 403 rate limit, a 500, garbage) taken before the data.
 * No vscode import: the unit tests and the extension-host tests both use it.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CiRequest { path: string; headers: http.IncomingHttpHeaders; status: number }
export interface Scripted { status: number; headers?: Record<string, string>; body?: string }

export interface FakeCi {
  base: string;
  requests: CiRequest[];
  /** GitHub: runs by head_sha; jobs by run id. */
  githubRuns: Record<string, unknown>[];
  githubJobs: Record<string, Record<string, unknown>[]>;
  /** GitLab: pipelines (any sha; filtered by ?sha=); jobs by pipeline id. */
  gitlabPipelines: Record<string, unknown>[];
  gitlabJobs: Record<string, Record<string, unknown>[]>;
  script: Scripted[];
  /** Resolves once `count` requests have come in; rejects after `ms`. */
  requestsAtLeast(count: number, ms?: number): Promise<CiRequest[]>;
  close(): Promise<void>;
}

export function githubRun(id: number, sha: string, status: string, conclusion: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, name: 'CI', head_branch: 'main', head_sha: sha, path: '.github/workflows/gearshift.yml', run_number: id, event: 'push',
    status, conclusion, workflow_id: 161335, run_attempt: 1, html_url: `https://github.com/o/r/actions/runs/${id}`,
    created_at: '2026-12-01T10:00:00Z', updated_at: '2026-12-01T10:05:00Z', ...extra,
  };
}

export function githubJob(id: number, runId: number, name: string, status: string, conclusion: string | null): Record<string, unknown> {
  return { id, run_id: runId, name, status, conclusion, started_at: '2026-12-01T10:00:10Z', completed_at: conclusion ? '2026-12-01T10:01:00Z' : null, steps: [] };
}

export function gitlabPipeline(id: number, sha: string, status: string): Record<string, unknown> {
  return { id, iid: id, project_id: 7, sha, ref: 'main', status, source: 'push', web_url: `https://gitlab.com/g/p/-/pipelines/${id}`, created_at: '2026-12-01T10:00:00Z', updated_at: '2026-12-01T10:05:00Z' };
}

export function gitlabJob(id: number, name: string, stage: string, status: string): Record<string, unknown> {
  return { id, name, stage, status, ref: 'main', allow_failure: false, web_url: `https://gitlab.com/g/p/-/jobs/${id}` };
}

export async function startFakeCi(): Promise<FakeCi> {
  const arrivals = new Set<() => void>();
  const ci: Omit<FakeCi, 'base' | 'close' | 'requestsAtLeast'> = { requests: [], githubRuns: [], githubJobs: {}, gitlabPipelines: [], gitlabJobs: {}, script: [] };
  const server = http.createServer((req, res) => {
    const answer = ci.script.shift() ?? route(ci, new URL(req.url ?? '/', 'http://x'));
    const etag = answer.status === 200 && answer.body !== undefined ? `"${createHash('sha1').update(answer.body).digest('hex')}"` : undefined;
    const notModified = etag !== undefined && req.headers['if-none-match'] === etag;
    const status = notModified ? 304 : answer.status;
    ci.requests.push({ path: req.url ?? '', headers: req.headers, status });
    for (const a of [...arrivals]) { a(); }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(etag ? { etag } : {}), ...answer.headers });
    res.end(notModified ? undefined : answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(ci, {
    base: `http://127.0.0.1:${port}`,
    requestsAtLeast: (count: number, ms = 10_000) => new Promise<CiRequest[]>((resolve, reject) => {
      const check = (): void => { if (ci.requests.length >= count) { arrivals.delete(check); clearTimeout(timer); resolve(ci.requests); } };
      const timer = setTimeout(() => { arrivals.delete(check); reject(new Error(`${ci.requests.length} of ${count} CI requests within ${ms} ms`)); }, ms);
      arrivals.add(check);
      check();
    }),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
}

function route(ci: Omit<FakeCi, 'base' | 'close' | 'requestsAtLeast'>, url: URL): Scripted {
  const json = (v: unknown): Scripted => ({ status: 200, body: JSON.stringify(v) });
  let m = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/jobs$/.exec(url.pathname);
  if (m) { const jobs = ci.githubJobs[m[1]] ?? []; return json({ total_count: jobs.length, jobs }); }
  if (/^\/repos\/[^/]+\/[^/]+\/actions\/runs$/.test(url.pathname)) {
    const sha = url.searchParams.get('head_sha');
    const runs = ci.githubRuns.filter((r) => sha === null || r.head_sha === sha);
    return json({ total_count: runs.length, workflow_runs: runs });
  }
  m = /^\/projects\/[^/]+\/pipelines\/(\d+)\/jobs$/.exec(url.pathname);
  if (m) { return json(ci.gitlabJobs[m[1]] ?? []); }
  if (/^\/projects\/[^/]+\/pipelines$/.test(url.pathname)) {
    const sha = url.searchParams.get('sha');
    return json(ci.gitlabPipelines.filter((p) => sha === null || p.sha === sha));
  }
  return { status: 404, body: JSON.stringify({ message: 'Not Found' }) };
}
