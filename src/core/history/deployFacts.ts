/**
 * What a run record says of its deploy, read in one place: the result (`ok`, `inconclusive`,
 * `failed`, …) and the message's first line, where they are strings. The red/green fold asks
 * whether a partial run's deploy went live; the window cache's slim runs keep exactly this. And
 * whether a running record has not reached its production deploy yet (`status`, a deploy's refusal).
 */
import type { RunRecord } from '../pipeline';

export interface DeployFacts { result?: string; message?: string }

export function deployFactsOf(run: RunRecord): DeployFacts {
  const deploy = run.deploy as { result?: unknown; message?: unknown } | undefined;
  return {
    ...(typeof deploy?.result === 'string' ? { result: deploy.result } : {}),
    ...(typeof deploy?.message === 'string' ? { message: deploy.message.split('\n')[0] } : {}),
  };
}

/** `name` is one of the run's production stages and none of them has begun: its deploy has not taken its baseline yet. */
export function beforeProductionDeploy(run: RunRecord, name: string): boolean {
  const names: unknown = run.productionStages;
  const production = new Set(Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []);
  return production.has(name) && run.stages.every((st) => !production.has(st.name) || st.state === 'pending');
}
