/** What one stage's process is given: its environment (with the run's cookies and secrets), masked output and its kill rules. */
import type { Stage } from '../config';
import { buildStageEnv } from './env';
import { DEFAULT_KILL_GRACE_MS, type RunOptions } from './options';
import type { OutputStream, ProcessSpec } from './process';
import { STAGE_COOKIE_VAR } from './procfs';
import { maskedOutput, stageEnvWithSecrets } from './stageSecrets';

/** Everything the stage's process is given, its exact environment included. */
export function stageSpec(
  stage: Stage, runId: string, opts: RunOptions, gateEnv: Readonly<Record<string, string>> | undefined,
  onOutput: (stream: OutputStream, chunk: string) => void,
): ProcessSpec {
  const env = stageEnv(stage, runId, opts, gateEnv);
  return {
    command: stage.run,
    cwd: stage.cwd,
    env,
    timeoutMs: stage.timeoutMs,
    killGraceMs: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    cookie: { name: STAGE_COOKIE_VAR, value: env[STAGE_COOKIE_VAR] },
    keep: stage.keep === true,
    flow: opts.flow,
    ...maskedOutput(opts.secrets, onOutput),
  };
}

/** The stage's environment as its process gets it: base, stage env with secrets, facts, gate, cookie. */
export function stageEnv(stage: Stage, runId: string, opts: RunOptions, gateEnv: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return buildStageEnv({
    stage: { ...stage, env: stageEnvWithSecrets(stage, opts.secrets) }, runId, sha: opts.sha, branch: opts.branch, trigger: opts.trigger,
    baseEnv: opts.baseEnv ?? process.env, extraEnv: { ...opts.extraEnv, ...gateEnv }, color: opts.color ?? true,
  });
}
