/** The environment a stage process gets. Git-derived values reach stages only this way. */

import * as path from 'path';
import type { Stage } from '../config';
import { KEEP_VAR, STAGE_COOKIE_VAR, stageCookie } from './procfs';
import { isSecretEnvName } from '../secrets';

/**
 * git's variables that say which repository, index and work tree to use. A git hook gets them
 * (GIT_INDEX_FILE always, GIT_DIR in a linked worktree): passed on, a stage's own `git` would act
 * on the user's checkout and index, not on its cwd, which for `checkout: clean` is a temporary
 * worktree (security34 M1). Every process Gearshift starts finds its repository from its cwd.
 */
const REPO_LOCATING_GIT_VARS = new Set([
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_PREFIX', 'GIT_NAMESPACE', 'GIT_QUARANTINE_PATH',
]);

export function isRepoLocatingGitVar(name: string): boolean { return REPO_LOCATING_GIT_VARS.has(name.toUpperCase()); }

/** `env` without git's repository-locating variables: for the switch script and command probes too. */
export function withoutRepoLocators(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !isRepoLocatingGitVar(key)));
}

/**
 * Under `checkout: workspace` a stage works on the user's checkout, where a pre-commit hook's
 * index (git commit <path>, commit -a: a temporary `next-index-*.lock`) is the commit being made:
 * a stage checking staged files must see that one, so it gets GIT_INDEX_FILE back, made absolute
 * (git gives hooks a path relative to the work tree's top, where the hook runs) (review34 F11).
 */
export function hookIndexEnv(baseEnv: NodeJS.ProcessEnv, cwd: string): Record<string, string> {
  const index = baseEnv.GIT_INDEX_FILE;
  return index ? { GIT_INDEX_FILE: path.resolve(cwd, index) } : {};
}

export interface StageEnvInput {
  stage: Stage;
  runId: string;
  sha: string;
  branch: string;
  trigger: string;
  baseEnv: NodeJS.ProcessEnv;
  extraEnv?: Readonly<Record<string, string>>;
  color: boolean;
}

/**
 * Layers, later wins: base env, the stage's own env, GEARSHIFT_* facts, caller extras
 * (e.g. GEARSHIFT_SLOT). GEARSHIFT_* sit above stage.env so a config cannot fake the sha.
 */
export function buildStageEnv(input: StageEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.baseEnv)) {
    // The CLI's GEARSHIFT_SECRET_* reach a stage only where its env references them, masked; the tokens never.
    if (value !== undefined && !isSecretEnvName(key) && !isRepoLocatingGitVar(key)) { env[key] = value; }
  }
  Object.assign(env, input.stage.env);
  env.GEARSHIFT_RUN_ID = input.runId;
  env.GEARSHIFT_SHA = input.sha;
  env.GEARSHIFT_BRANCH = input.branch;
  env.GEARSHIFT_STAGE = input.stage.name;
  env.GEARSHIFT_TRIGGER = input.trigger;
  if (input.stage.environment) {
    env.GEARSHIFT_ENVIRONMENT = input.stage.environment;
  } else {
    // A stage without `environment` must not inherit one from the editor's own env.
    delete env.GEARSHIFT_ENVIRONMENT;
  }
  Object.assign(env, input.extraEnv ?? {});
  // Last, so nothing can fake it: how the stage's escaped processes are found (procfs.ts).
  env[STAGE_COOKIE_VAR] = stageCookie(input.runId, input.stage.name);
  if (input.stage.keep === true) { env[KEEP_VAR] = '1'; }
  // The terminal renders ANSI colour, but tools only emit it to a TTY unless forced.
  // The user's explicit choice in the stage wins.
  const userChoseColour = 'FORCE_COLOR' in input.stage.env || 'NO_COLOR' in input.stage.env;
  if (input.color && !userChoseColour) { env.FORCE_COLOR = '1'; }
  return env;
}
