/**
 * What a run record says of its deploy, read in one place: the result (`ok`, `inconclusive`,
 * `failed`, …) and the message's first line, where they are strings. The red/green fold asks
 * whether a partial run's deploy went live; the window cache's slim runs keep exactly this.
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
