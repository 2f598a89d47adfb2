/**
 * A stage's `env:` key that the engine's runner reads for itself (review37b L2). Locally such a key
 * reaches only the stage's process; in the plain export it becomes a job variable (GitLab) or the
 * job's `env:` (GitHub, where the checkout step sees it too), and changes what the runner does:
 * `GIT_SSL_NO_VERIFY` turns off TLS checks of the runner's clone, `CI_DEBUG_TRACE` writes every
 * variable into the job's log. The file is still written; the user is told. Under `--via-cli`
 * `gearshift run` sets `env:` for the stage alone, so nothing is said.
 */
import type { Pipeline } from '../config';
import { oneLine } from './common';
import type { ExportOptions, ExportTarget } from './types';

type Reason = (name: string) => string | undefined;

const GITLAB_CHECKOUT = new Set(['GIT_STRATEGY', 'GIT_DEPTH', 'GIT_CHECKOUT', 'GIT_CLEAN_FLAGS', 'GIT_FETCH_EXTRA_FLAGS', 'GIT_CLONE_PATH',
  'GIT_SUBMODULE_STRATEGY', 'GIT_SUBMODULE_DEPTH', 'GIT_SUBMODULE_PATHS', 'GIT_SUBMODULE_UPDATE_FLAGS', 'GIT_SUBMODULE_FORCE_HTTPS', 'GIT_LFS_SKIP_SMUDGE']);
const GITLAB_RUNNER = new Set(['GET_SOURCES_ATTEMPTS', 'ARTIFACT_DOWNLOAD_ATTEMPTS', 'RESTORE_CACHE_ATTEMPTS', 'EXECUTOR_JOB_SECTION_ATTEMPTS',
  'ARTIFACT_COMPRESSION_LEVEL', 'CACHE_COMPRESSION_LEVEL', 'CACHE_REQUEST_TIMEOUT', 'TRANSFER_METER_FREQUENCY', 'RUNNER_SCRIPT_TIMEOUT',
  'RUNNER_AFTER_SCRIPT_TIMEOUT', 'DOCKER_AUTH_CONFIG']);

function gitlabReason(name: string): string | undefined {
  if (name === 'GIT_SSL_NO_VERIFY') { return 'makes the runner clone and fetch the repository without checking TLS certificates'; }
  if (name === 'CI_DEBUG_TRACE' || name === 'CI_DEBUG_SERVICES') { return 'turns on GitLab\'s debug trace: the job\'s log shows its commands and variables, secrets included'; }
  if (GITLAB_CHECKOUT.has(name)) { return 'changes how the runner checks the repository out'; }
  if (GITLAB_RUNNER.has(name)) { return 'changes a setting of the runner'; }
  if (name.startsWith('FF_')) { return 'switches a feature flag of the runner'; }
  if (name.startsWith('KUBERNETES_')) { return 'can override a setting of the runner\'s Kubernetes executor'; }
  // Not `CI` itself: every runner sets it (GitLab to "true"), and `CI: "true"` in a stage's env is a common local habit (rereview37 F14).
  if (/^(CI|GITLAB)_/.test(name)) { return 'replaces GitLab\'s predefined variable of that name, for the runner and every command of the job'; }
  return undefined;
}

function githubReason(name: string): string | undefined {
  if (name === 'ACTIONS_ALLOW_UNSECURE_COMMANDS') { return 'turns the old set-env and add-path commands back on: any step\'s output could then change the environment and PATH of the steps after it'; }
  if (name.startsWith('ACTIONS_')) { return 'is read by GitHub\'s runner and actions for their own settings (debug logging, caches, tokens), the checkout step\'s too'; }
  if (/^(GITHUB|RUNNER)_/.test(name)) { return 'is ignored: GitHub sets GITHUB_* and RUNNER_* itself, so the stage sees GitHub\'s value, not this one'; }
  if (name === 'GIT_SSL_NO_VERIFY') { return 'reaches the checkout step too, which then fetches the repository without checking TLS certificates'; }
  return undefined;
}

const REASONS: Readonly<Record<ExportTarget, Reason>> = { gitlab: gitlabReason, github: githubReason };
const WHERE: Readonly<Record<ExportTarget, string>> = { gitlab: 'a GitLab job variable', github: 'a key of the GitHub job\'s env' };

/** `pipeline`: the part exported. One line per stage and key the engine's runner reads itself. */
export function runnerVariableWarnings(pipeline: Pipeline, options: ExportOptions): string[] {
  if (options.viaCli === true) { return []; }
  const reason = REASONS[options.target];
  return pipeline.stages.flatMap((stage) => Object.keys(stage.env).flatMap((key) => {
    const why = reason(key);
    return why === undefined ? [] : [`stage "${oneLine(stage.name)}": env ${oneLine(key)}: as ${WHERE[options.target]} it ${why}; locally it only reaches the stage's command. Rename it unless that is meant`];
  }));
}
