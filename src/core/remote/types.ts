/**
 * The remote CI's verdict for one commit, as every front shows it (status bar, tooltip, stages
 * tree, `gearshift status`). Values that came from the server (names, urls) are data: fronts
 * escape or sanitise them like commit subjects.
 */

/**
 * - success / failure / in-progress: the latest run (GitHub) or pipeline (GitLab) for the sha
 * - none: the CI has no run for this commit (yet: pushed a moment ago, or never pushed)
 * - unknown: the server answered garbage, a 5xx, nothing at all, or asked us to back off
 * - off: not turned on, no token, or the token was refused (see `hint`)
 * - unsupported: no remote named origin, or a host Gearshift has no client for
 */
export type RemoteState = 'success' | 'failure' | 'in-progress' | 'none' | 'unknown' | 'off' | 'unsupported';

export type RemoteJobState = 'success' | 'failure' | 'in-progress' | 'skipped' | 'cancelled' | 'manual' | 'unknown';

export type RemoteProvider = 'github' | 'gitlab';

export interface RemoteJob {
  name: string;
  state: RemoteJobState;
}

export interface RemoteStatus {
  state: RemoteState;
  provider?: RemoteProvider;
  sha?: string;
  /** The run (GitHub) or pipeline (GitLab) id: a red one is escalated once per id. */
  runId?: string;
  /** Workflow name, or "pipeline #123". */
  name?: string;
  url?: string;
  /** One line a person reads: "cancelled", "rate limited until 12:03", "HTTP 502". */
  detail?: string;
  /** What to do about off / unsupported: "set GEARSHIFT_GITHUB_TOKEN", "turn on …". */
  hint?: string;
  jobs: RemoteJob[];
}

/** What a provider's reader makes of a runs/pipelines answer; `jobsOf`: the run whose jobs to list. */
export interface RunVerdict { status: RemoteStatus; jobsOf?: string }

/** The short text fronts show: "remote red", "remote running", "remote off". */
export function remoteLabel(s: RemoteStatus): string {
  switch (s.state) {
    case 'success': return 'remote green';
    case 'failure': return 'remote red';
    case 'in-progress': return 'remote running';
    case 'none': return 'remote: no run for this commit';
    case 'unknown': return 'remote unknown';
    case 'off': return 'remote status off';
    case 'unsupported': return 'remote status not supported for this remote';
  }
}

export function offStatus(hint: string, provider?: RemoteProvider): RemoteStatus {
  return { state: 'off', hint, jobs: [], ...(provider ? { provider } : {}) };
}
