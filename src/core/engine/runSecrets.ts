/**
 * The engine's side of secrets: before a run, the values its stages reference are looked up
 * (a missing one refuses the run before any stage); after, the same values mask what the
 * engine writes itself (history lines) and what others read from it (alerts).
 */
import type { Pipeline } from '../config';
import { runSecretNames, type Selection } from '../pipeline';
import { maskDeep, parseReferences, ResolvedSecrets, resolveSecrets, substitute, type SecretSource } from '../secrets';
import type { StartOutcome } from './startOutcome';

export class RunSecrets {
  /** The secrets of the latest run: they mask its history lines and alert bodies. */
  current: ResolvedSecrets = ResolvedSecrets.none;

  constructor(private readonly source: SecretSource | undefined) {}

  /** Resolves the run's secrets into `current`; a refused outcome naming those not set. */
  async prepare(pipeline: Pipeline, selection: Selection): Promise<Extract<StartOutcome, { kind: 'refused' }> | undefined> {
    let names: string[];
    try { names = runSecretNames(pipeline, selection); } catch { return undefined; } // a bad selection: the runner reports it
    const resolution = await resolveSecrets(names, this.source);
    if (!resolution.ok) {
      const noun = resolution.missing.length === 1 ? 'secret' : 'secrets';
      return { kind: 'refused', reason: `${noun} not set: ${resolution.missing.join(', ')}; nothing ran`, missingSecrets: resolution.missing };
    }
    this.current = resolution.secrets;
    return undefined;
  }

  mask<T>(value: T): T { return maskDeep(value, this.current.rules); }

  /**
   * A value Gearshift uses itself (a webhook URL) with its references resolved in-process;
   * `missing` names the secrets not set (the value is then unusable).
   */
  async resolveValue(value: string): Promise<{ value: string } | { missing: string[] }> {
    const names = parseReferences(value).references.map((r) => r.name);
    if (names.length === 0) { return { value }; }
    const resolution = await resolveSecrets(names, this.source);
    if (!resolution.ok) { return { missing: [...resolution.missing] }; }
    return { value: substitute(value, resolution.secrets.values) };
  }
}
