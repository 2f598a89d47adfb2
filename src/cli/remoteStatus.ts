/**
 * `gearshift status`'s remote line: the CI's verdict for HEAD, asked once (no jobs request),
 * within REMOTE_TIMEOUT_MS, with the token from GEARSHIFT_GITHUB_TOKEN / GEARSHIFT_GITLAB_TOKEN.
 * GEARSHIFT_GITHUB_API_URL / GEARSHIFT_GITLAB_API_URL point at GitHub Enterprise, a self-hosted
 * GitLab (or a test server). It never fails the command: a problem is a state with a reason.
 */
import { printable } from '../core/format';
import { headSha, remoteLabel, resolveRemote, type RemoteStatus } from '../core/remote';
import type { CliIo } from './io';

const REMOTE_TIMEOUT_MS = 5_000;

export async function cliRemoteStatus(folder: string, io: CliIo): Promise<RemoteStatus> {
  const env = io.env;
  const resolved = await resolveRemote(folder, {
    token: (p) => Promise.resolve((p === 'github' ? env.GEARSHIFT_GITHUB_TOKEN : env.GEARSHIFT_GITLAB_TOKEN) || undefined),
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

/** The text line; none when there is no origin at all (a local-only repository needs no nagging). */
export function remoteLine(s: RemoteStatus): string | undefined {
  if (s.state === 'unsupported' && s.detail === 'no remote named origin') { return undefined; }
  const extra = [s.name, s.detail, s.hint, s.url].filter((x): x is string => typeof x === 'string' && x !== '');
  return `  remote    ${printable(remoteLabel(s).replace(/^remote:? ?/, ''))}${extra.length ? ` · ${printable(extra.join(' · '))}` : ''}`;
}
