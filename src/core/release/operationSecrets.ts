/**
 * Secrets for the operations outside a run (switch, rollback, monitor now): looked up through
 * the engine's secret source (CLI: GEARSHIFT_SECRET_<NAME>; editor: SecretStorage) just before
 * the operation, so a missing one refuses it before anything happens.
 */
import type { PipelineEngine } from '../engine';
import { maskDeep, ResolvedSecrets } from '../secrets';

export type OperationSecrets = { ok: true; secrets: ResolvedSecrets } | { ok: false; missing: string[] };

export async function resolveForOperation(engine: PipelineEngine, names: readonly string[]): Promise<OperationSecrets> {
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of new Set(names)) {
    const got = await engine.secrets.resolveValue(`\${{ secrets.${name} }}`);
    if ('value' in got) { values.set(name, got.value); } else { missing.push(name); }
  }
  return missing.length > 0 ? { ok: false, missing: missing.sort() } : { ok: true, secrets: values.size > 0 ? new ResolvedSecrets(values) : ResolvedSecrets.none };
}

/** An outcome with the operation's secret values masked (a probe URL can end up in an error message). */
export function maskOutcome<T>(outcome: T, secrets: ResolvedSecrets): T {
  return secrets.values.size > 0 ? maskDeep(outcome, secrets.rules) : outcome;
}
