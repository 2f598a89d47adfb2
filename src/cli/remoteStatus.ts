/**
 * `gearshift status`'s remote line: the CI's verdict for HEAD, asked once (no jobs request),
 * within REMOTE_TIMEOUT_MS, with the token from GEARSHIFT_GITHUB_TOKEN / GEARSHIFT_GITLAB_TOKEN.
 * GEARSHIFT_GITHUB_API_URL / GEARSHIFT_GITLAB_API_URL point at GitHub Enterprise, a self-hosted
 * GitLab (or a test server). It never fails the command: a problem is a state with a reason.
 */
import { printable } from '../core/format';
import { headSha, oneTokenReaches, remoteLabel, remoteWorthSaying, resolveRemote, type RemoteEndpoints, type RemoteProvider, type RemoteStatus, type RemoteTarget } from '../core/remote';
import type { CliIo } from './io';

const REMOTE_TIMEOUT_MS = 5_000;

export async function cliRemoteStatus(folder: string, io: CliIo): Promise<RemoteStatus> {
  const env = io.env;
  const endpoints: RemoteEndpoints = { githubApiUrl: env.GEARSHIFT_GITHUB_API_URL, gitlabApiUrl: env.GEARSHIFT_GITLAB_API_URL };
  const resolved = await resolveRemote(folder, {
    // One token per provider: it goes to the API URL while one is set, else to the public host, never to the other.
    token: (t) => Promise.resolve(oneTokenReaches(t, endpoints) ? tokenOf(t.provider, env) : undefined),
    tokenHint: (t) => tokenHint(t, endpoints),
    endpoints,
    timeoutMs: REMOTE_TIMEOUT_MS,
    jobs: false,
  });
  if (resolved.kind === 'status') { return resolved.status; }
  const sha = await headSha(folder);
  if (!sha) { return { state: 'none', provider: resolved.client.target.provider, detail: 'no commit yet', jobs: [] }; }
  return (await resolved.client.check(sha)).status;
}

function tokenHint(t: RemoteTarget, endpoints: RemoteEndpoints): string {
  const name = `GEARSHIFT_${t.provider.toUpperCase()}`;
  if (!oneTokenReaches(t, endpoints)) { return `${name}_TOKEN is sent only to the API at ${name}_API_URL; unset ${name}_API_URL to see ${t.host}'s CI`; }
  return `set ${name}_TOKEN (${t.provider === 'github' ? 'repo scope, or Actions: read' : 'read_api scope'}) to see the CI's result`;
}

function tokenOf(provider: RemoteProvider, env: NodeJS.ProcessEnv): string | undefined {
  return (provider === 'github' ? env.GEARSHIFT_GITHUB_TOKEN : env.GEARSHIFT_GITLAB_TOKEN) || undefined;
}

/** The text line: only when a token is set (the CLI's way to ask for remote status), and never without an origin. */
export function remoteLine(s: RemoteStatus, env: NodeJS.ProcessEnv): string | undefined {
  const asked = tokenOf('github', env) !== undefined || tokenOf('gitlab', env) !== undefined;
  if (!remoteWorthSaying(s, asked)) { return undefined; }
  const extra = [s.name, s.detail, s.hint, s.url].filter((x): x is string => typeof x === 'string' && x !== '');
  return `  remote    ${printable(remoteLabel(s).replace(/^remote:? ?/, ''))}${extra.length ? ` · ${printable(extra.join(' · '))}` : ''}`;
}
