/**
 * Which CI answers for a git remote: github.com and gitlab.com, plus the hosts of configured API
 * base URLs (GitHub Enterprise, self-hosted GitLab, a test server). Every URL form git accepts
 * for these hosts: https://host/owner/repo(.git), ssh://git@host[:port]/owner/repo.git,
 * scp-like git@host:owner/repo.git. GitLab projects may sit in nested groups (a/b/c/repo).
 */
import type { RemoteProvider } from './types';

export const DEFAULT_GITHUB_API = 'https://api.github.com';
export const DEFAULT_GITLAB_API = 'https://gitlab.com/api/v4';

export interface RemoteEndpoints {
  /** GitHub's REST base, e.g. https://ghe.example.com/api/v3. Default api.github.com. */
  githubApiUrl?: string;
  /** GitLab's REST base, e.g. https://gitlab.example.com/api/v4. Default gitlab.com/api/v4. */
  gitlabApiUrl?: string;
}

export interface RemoteTarget {
  provider: RemoteProvider;
  host: string;
  /** owner/repo (GitHub) or group/…/project (GitLab), without `.git`. */
  project: string;
  apiBase: string;
}

export type TargetResult = { ok: true; target: RemoteTarget } | { ok: false; reason: string };

/** Host (lower case, no user, no port) and repository path of a remote URL; undefined when unreadable. */
export function splitRemoteUrl(url: string): { host: string; path: string } | undefined {
  const trimmed = url.trim();
  let host: string;
  let rest: string;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme) {
    let parsed: URL;
    try { parsed = new URL(trimmed); } catch { return undefined; }
    host = parsed.hostname;
    rest = decodeURIComponent(parsed.pathname);
  } else {
    // scp-like: [user@]host:path — git reads it so only when no slash comes before the colon.
    const scp = /^(?:[^@/]+@)?([^:/]+):(.+)$/.exec(trimmed);
    if (!scp) { return undefined; }
    [, host, rest] = scp;
  }
  const path = rest.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  const parts = path.split('/');
  if (!host || parts.length < 2 || parts.some((p) => p === '' || p === '.' || p === '..')) { return undefined; }
  return { host: host.toLowerCase().replace(/^\[|\]$/g, ''), path };
}

/** The reason a repository with no `origin` has no remote status. */
export const NO_ORIGIN = 'no remote named origin';

/** The CI to ask about `remoteUrl`, or why there is none. */
export function remoteTarget(remoteUrl: string | undefined, endpoints: RemoteEndpoints = {}): TargetResult {
  if (!remoteUrl) { return { ok: false, reason: NO_ORIGIN }; }
  const split = splitRemoteUrl(remoteUrl);
  if (!split) { return { ok: false, reason: 'the origin URL is not one Gearshift can read' }; }
  const github = endpoints.githubApiUrl || DEFAULT_GITHUB_API;
  const gitlab = endpoints.gitlabApiUrl || DEFAULT_GITLAB_API;
  const base = (api: string): string => api.replace(/\/+$/, '');
  if (matchesHost(split.host, 'github.com', github)) {
    if (split.path.split('/').length !== 2) { return { ok: false, reason: `${split.path} is not an owner/repository path` }; }
    if (!isHttpUrl(github)) { return { ok: false, reason: notHttp('GitHub', github) }; }
    return { ok: true, target: { provider: 'github', host: split.host, project: split.path, apiBase: base(github) } };
  }
  if (matchesHost(split.host, 'gitlab.com', gitlab)) {
    if (!isHttpUrl(gitlab)) { return { ok: false, reason: notHttp('GitLab', gitlab) }; }
    return { ok: true, target: { provider: 'gitlab', host: split.host, project: split.path, apiBase: base(gitlab) } };
  }
  return { ok: false, reason: `${split.host} is neither GitHub nor GitLab (nor the host of a configured API URL)` };
}

/** The public host, or the configured API's host (with GitHub's `api.` prefix dropped). */
function matchesHost(host: string, publicHost: string, apiUrl: string): boolean {
  if (host === publicHost) { return true; }
  let apiHost: string;
  try { apiHost = new URL(apiUrl).hostname.toLowerCase(); } catch { return false; }
  return host === apiHost || `api.${host}` === apiHost;
}

/** A configured API base comes from a setting or an environment variable: checked here, so no request is built from it. */
function isHttpUrl(url: string): boolean {
  try { return ['http:', 'https:'].includes(new URL(url).protocol); } catch { return false; }
}

function notHttp(provider: string, url: string): string {
  return `the ${provider} API URL "${url}" is not an http:// or https:// URL`;
}
