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
  /**
   * `public`: github.com / gitlab.com, asked at their own API; `configured`: the host of the
   * API URL the user set (Enterprise, self-hosted, a test server), asked there. Each is asked
   * only about its own remotes, so no token meant for one host reaches the other (security34 M2).
   */
  endpoint: 'public' | 'configured';
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
  const github = providerApi('github', split.host, endpoints.githubApiUrl);
  if (github) {
    if (split.path.split('/').length !== 2) { return { ok: false, reason: `${split.path} is not an owner/repository path` }; }
    if (!isHttpUrl(github.api)) { return { ok: false, reason: notHttp('GitHub', github.api) }; }
    return { ok: true, target: { provider: 'github', host: split.host, project: split.path, apiBase: base(github.api), endpoint: github.endpoint } };
  }
  const gitlab = providerApi('gitlab', split.host, endpoints.gitlabApiUrl);
  if (gitlab) {
    if (!isHttpUrl(gitlab.api)) { return { ok: false, reason: notHttp('GitLab', gitlab.api) }; }
    return { ok: true, target: { provider: 'gitlab', host: split.host, project: split.path, apiBase: base(gitlab.api), endpoint: gitlab.endpoint } };
  }
  return { ok: false, reason: `${split.host} is neither GitHub nor GitLab (nor the host of a configured API URL)` };
}

const PUBLIC = { github: { host: 'github.com', api: DEFAULT_GITHUB_API }, gitlab: { host: 'gitlab.com', api: DEFAULT_GITLAB_API } } as const;

function base(api: string): string { return api.replace(/\/+$/, ''); }

/**
 * The API that answers for a remote on `host`: the configured one for its own host (GitHub's
 * `api.` prefix dropped), the public one for github.com / gitlab.com. A configured URL that is
 * no http(s) URL answers for the public host too, so the remote says which setting is wrong.
 */
function providerApi(provider: RemoteProvider, host: string, configured: string | undefined): { api: string; endpoint: RemoteTarget['endpoint'] } | undefined {
  const own = PUBLIC[provider];
  if (configured) {
    const apiHost = hostOf(configured);
    if (!isHttpUrl(configured) && host === own.host) { return { api: configured, endpoint: 'configured' }; }
    if (apiHost !== undefined && apiHost !== hostOf(own.api) && (host === apiHost || `api.${host}` === apiHost)) { return { api: configured, endpoint: 'configured' }; }
  }
  return host === own.host ? { api: own.api, endpoint: 'public' } : undefined;
}

function hostOf(url: string): string | undefined {
  try { return new URL(url).hostname.toLowerCase() || undefined; } catch { return undefined; }
}

/**
 * Whether a token the person gave for one provider (GEARSHIFT_GITHUB_TOKEN, the stored GitLab
 * token) may go to `target`: to the configured API while one is set, else to the public one,
 * never to the other host (a token for ghe.example.com is not sent to api.github.com).
 */
export function oneTokenReaches(target: RemoteTarget, endpoints: RemoteEndpoints): boolean {
  const configured = target.provider === 'github' ? endpoints.githubApiUrl : endpoints.gitlabApiUrl;
  const setForOtherHost = configured !== undefined && configured !== '' && hostOf(configured) !== hostOf(PUBLIC[target.provider].api);
  return setForOtherHost === (target.endpoint === 'configured');
}

/** A configured API base comes from a setting or an environment variable: checked here, so no request is built from it. */
function isHttpUrl(url: string): boolean {
  try { return ['http:', 'https:'].includes(new URL(url).protocol); } catch { return false; }
}

function notHttp(provider: string, url: string): string {
  return `the ${provider} API URL "${url}" is not an http:// or https:// URL`;
}

/**
 * Why VS Code's GitHub Enterprise sign-in may not go to `target`'s configured API, or undefined
 * when it may (review34 F8). That session is made for the server `github-enterprise.uri` names;
 * it goes only to an API on that host or on its `api.` host (https://ghe.corp/api/v3 or
 * https://api.ghe.corp), never to another server gearshift.remoteStatus.githubApiUrl names.
 */
export function enterpriseSessionRefusal(target: RemoteTarget, enterpriseUri: string | undefined): string | undefined {
  if (target.provider !== 'github' || target.endpoint !== 'configured') { return undefined; }
  const apiHost = hostOf(target.apiBase);
  const uri = enterpriseUri?.trim() ?? '';
  const signedInHost = hostOf(uri);
  if (signedInHost !== undefined && (signedInHost === apiHost || `api.${signedInHost}` === apiHost)) { return clearTextRefusal(target.apiBase, apiHost); }
  if (uri === '') { return `set github-enterprise.uri to https://${target.host} (VS Code's GitHub Enterprise sign-in), then sign in from the Accounts menu (scope: repo)`; }
  if (signedInHost === undefined) { return `github-enterprise.uri "${uri.slice(0, 100)}" is not a URL; set it to https://${target.host}, then sign in from the Accounts menu (scope: repo)`; }
  return `VS Code's GitHub Enterprise sign-in is for ${signedInHost} (github-enterprise.uri), not ${apiHost ?? target.host} (gearshift.remoteStatus.githubApiUrl): its token is not sent there; make both settings name the same server`;
}

/** A sign-in's token goes over https, or over http only to this machine (a local test server): never in clear text across a network (review35 F6). */
function clearTextRefusal(apiBase: string, apiHost: string | undefined): string | undefined {
  const http = (() => { try { return new URL(apiBase).protocol === 'http:'; } catch { return false; } })();
  if (!http || apiHost === 'localhost' || apiHost === '127.0.0.1' || apiHost === '[::1]') { return undefined; }
  return `gearshift.remoteStatus.githubApiUrl is http://${apiHost ?? ''}: VS Code's GitHub Enterprise sign-in is sent only over https; use https://${apiHost ?? ''}`;
}

