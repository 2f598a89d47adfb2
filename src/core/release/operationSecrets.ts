/**
 * Secrets for the operations outside a run (switch, rollback, monitor now): looked up through
 * the engine's secret source (CLI: GEARSHIFT_SECRET_<NAME>; editor: SecretStorage) just before
 * the operation, so a missing one refuses it before anything happens.
 */
import type { PipelineEngine } from '../engine';
import { maskDeep, ResolvedSecrets, type Resolution } from '../secrets';

export function resolveForOperation(engine: PipelineEngine, names: readonly string[]): Promise<Resolution> {
  return engine.secrets.resolveNames(names);
}

/** An outcome with the operation's secret values masked (a probe URL can end up in an error message). */
export function maskOutcome<T>(outcome: T, secrets: ResolvedSecrets): T {
  return secrets.values.size > 0 ? maskDeep(outcome, secrets.rules) : outcome;
}

/**
 * Those of `names` that are set, for masking a record no run wrote (a decision on a release):
 * nothing is refused for a missing one, and one missing does not stop the others masking.
 */
export async function setSecrets(engine: PipelineEngine, names: readonly string[]): Promise<ResolvedSecrets> {
  const values = new Map<string, string>();
  for (const name of new Set(names)) {
    const one = await engine.secrets.resolveNames([name]);
    if (one.ok) { for (const [k, v] of one.secrets.values) { values.set(k, v); } }
  }
  return new ResolvedSecrets(values);
}
