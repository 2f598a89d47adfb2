/**
 * `gearshift status`'s remote line: the CI's verdict for HEAD, asked once (no jobs request),
 * within REMOTE_TIMEOUT_MS, with the token from GEARSHIFT_GITHUB_TOKEN / GEARSHIFT_GITLAB_TOKEN.
 * GEARSHIFT_GITHUB_API_URL / GEARSHIFT_GITLAB_API_URL point at GitHub Enterprise, a self-hosted
 * GitLab (or a test server). It never fails the command: a problem is a state with a reason.
 */
import { printable } from '../core/format';
import { headSha, remoteLabel, remoteWorthSaying, resolveRemote, type RemoteProvider, type RemoteStatus } from '../core/remote';
import type { CliIo } from './io';

const REMOTE_TIMEOUT_MS = 5_000;

export async function cliRemoteStatus(folder: string, io: CliIo): Promise<RemoteStatus> {
  const env = io.env;
  const resolved = await resolveRemote(folder, {
    token: (p) => Promise.resolve(tokenOf(p, env)),
    tokenHint: (p) => `set GEARSHIFT_${p.toUpperCase()}_TOKEN (${p === 'github' ? 'repo scope, or Actions: read' : 'read_api scope'}) to see the CI's result`,
    endpoints: { githubApiUrl: env.GEARSHIFT_GITHUB_API_URL, gitlabApiUrl: env.GEARSHIFT_GITLAB_API_URL },
    timeoutMs: REMOTE_TIMEOUT_MS,
    jobs: false,
  });
  if (resolved.kind === 'status') { return resolved.status; }
  const sha = await headSha(folder);
  if (!sha) { return { state: 'none', provider: resolved.client.target.provider, detail: 'no commit yet', jobs: [] }; }
  return (await resolved.client.check(sha)).status;
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
