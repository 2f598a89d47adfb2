/**
 * From a folder and a token to a client, or to the state that says why there is none. Shared by
 * the editor (token from VS Code) and the CLI (token from GEARSHIFT_GITHUB_TOKEN / _GITLAB_TOKEN).
 */
import type { ClientOptions, RemoteClient } from './client';
import { originUrl } from './gitRemote';
import { NO_ORIGIN, remoteTarget, type RemoteEndpoints, type RemoteTarget } from './remoteUrl';
import { offStatus, type RemoteStatus } from './types';

/** The token for the API that answers for `target` (its provider and endpoint), if any. */
export type TokenSource = (target: RemoteTarget) => Promise<string | undefined>;

export type Resolved = { kind: 'client'; client: RemoteClient } | { kind: 'status'; status: RemoteStatus };

export interface ResolveOptions extends Omit<ClientOptions, 'token'> {
  endpoints?: RemoteEndpoints;
  token: TokenSource;
  /** How to get a token, said in the "off" hint (editor: a command; CLI: an env var). */
  tokenHint: (target: RemoteTarget) => string;
}

export async function resolveRemote(folder: string, opts: ResolveOptions): Promise<Resolved> {
  const target = remoteTarget(await originUrl(folder), opts.endpoints);
  if (!target.ok) { return { kind: 'status', status: { state: 'unsupported', detail: target.reason, jobs: [] } }; }
  const token = await opts.token(target.target);
  if (!token) { return { kind: 'status', status: offStatus(`no token: ${opts.tokenHint(target.target)}`, target.target.provider) }; }
  // The clients (and the HTTP code they load) only once there is someone to ask: `status` without a token never compiles them.
  const { RemoteClient: Client } = await import('./client');
  return { kind: 'client', client: new Client(target.target, { ...opts, token }) };
}

export function describeTarget(t: RemoteTarget): string {
  return `${t.provider === 'github' ? 'GitHub' : 'GitLab'} ${t.project}`;
}

/**
 * Whether a view says anything about remote status: only when the user asked for it (a token is
 * set, or the editor's setting is on), and then also why it is off or not supported; never for a
 * repository with no origin at all. Unasked, a local or self-hosted origin is no news (walkcli32 L5).
 */
export function remoteWorthSaying(s: RemoteStatus, asked: boolean): boolean {
  return asked && !(s.state === 'unsupported' && s.detail === NO_ORIGIN);
}
