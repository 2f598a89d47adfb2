/**
 * Secrets for the operations outside a run (switch, rollback, monitor now): looked up through
 * the engine's secret source (CLI: GEARSHIFT_SECRET_<NAME>; editor: SecretStorage) just before
 * the operation, so a missing one refuses it before anything happens.
 */
import type { PipelineEngine } from '../engine';
import { maskDeep, type ResolvedSecrets, type Resolution } from '../secrets';

export function resolveForOperation(engine: PipelineEngine, names: readonly string[]): Promise<Resolution> {
  return engine.secrets.resolveNames(names);
}

/** An outcome with the operation's secret values masked (a probe URL can end up in an error message). */
export function maskOutcome<T>(outcome: T, secrets: ResolvedSecrets): T {
  return secrets.values.size > 0 ? maskDeep(outcome, secrets.rules) : outcome;
}
