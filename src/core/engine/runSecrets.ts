/**
 * The engine's side of secrets: before a run, the values its stages reference are looked up
 * (a missing one refuses the run before any stage); after, the same values mask what the
 * engine writes itself (history lines) and what others read from it (alerts).
 */
import { type LoadResult, pipelineSecretNames, probeSecretNames, probesWithSecrets, type Pipeline } from '../config';
import { secretNamesRunNeeds, type Selection } from '../pipeline';
import { maskDeep, parseReferences, type Resolution, ResolvedSecrets, resolveSecrets, substitute, type SecretSource, tokenEnvValues } from '../secrets';
import type { StartOutcome } from './startOutcome';

export class RunSecrets {
  /**
   * The latest run's secrets: those its selection needs, and every other the pipeline file references
   * that is set, and the remote-status tokens in the base env. They fill its stages' env (only where
   * referenced) and mask its output, history lines and alert bodies.
   */
  current: ResolvedSecrets;
  /** The tokens set in the base env: no stage gets them, yet a stage could print one it found elsewhere. */
  private readonly tokens: ReadonlyMap<string, string>;

  constructor(private readonly source: SecretSource | undefined, baseEnv: NodeJS.ProcessEnv = {}) {
    this.tokens = tokenEnvValues(baseEnv);
    this.current = this.tokens.size === 0 ? ResolvedSecrets.none : new ResolvedSecrets(this.tokens);
  }

  /**
   * Resolves the run's secrets into `current`; a refused outcome naming those it needs that are not set.
   * The file's other references are looked up too, at the same time, and kept where set (one not set is
   * no refusal): a branch, a subject or a reason in the run's record may hold any of them (a `--stage`
   * run, a deploy.env or webhook secret of a run that does not reach them).
   */
  async prepare(pipeline: Pipeline, selection: Selection): Promise<Extract<StartOutcome, { kind: 'refused' }> | undefined> {
    const names = namesFor(pipeline, selection);
    if (!names) { return undefined; } // a bad selection: the runner reports it
    const needed = new Set(names);
    const [resolution, others] = await Promise.all([
      resolveSecrets(needed, this.source),
      this.setAmong(pipelineSecretNames(pipeline).filter((name) => !needed.has(name))),
    ]);
    if (!resolution.ok) {
      const noun = resolution.missing.length === 1 ? 'secret' : 'secrets';
      return { kind: 'refused', reason: `${noun} not set: ${resolution.missing.join(', ')}; nothing ran`, missingSecrets: resolution.missing };
    }
    const extra = others.size + this.tokens.size;
    this.current = extra === 0 ? resolution.secrets : new ResolvedSecrets(new Map([...this.tokens, ...others, ...resolution.secrets.values]));
    return undefined;
  }

  /**
   * The values of those `names` that are set (one not set is left out). Only for masking: one the
   * store cannot read (a locked keyring) is left out too, as it cannot reach the run either; a run
   * that needs none of them must not be refused for it.
   */
  private async setAmong(names: Iterable<string>): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    const unreadable: Resolution = { ok: false, missing: [] };
    await Promise.all([...new Set(names)].map(async (name) => {
      const one = await resolveSecrets([name], this.source).catch(() => unreadable);
      if (one.ok) { for (const [k, v] of one.secrets.values) { values.set(k, v); } }
    }));
    return values;
  }

  /** The secrets such a run would need that are not set, without resolving it: asked before a confirmation, so nobody says yes to a run that would be refused. */
  async missingFor(pipeline: Pipeline, selection: Selection): Promise<readonly string[]> {
    const resolution = await resolveSecrets(namesFor(pipeline, selection) ?? [], this.source);
    return resolution.ok ? [] : resolution.missing;
  }

  mask<T>(value: T): T { return maskDeep(value, this.current.rules); }

  /**
   * `value` masked with every secret the loaded pipeline references that is set now, and the latest run's:
   * for a record no run wrote (a switch, a rollback, a decision), whose fields — a branch named
   * like a secret, a script's message — any of them could reach. One not set is skipped, not refused.
   */
  async maskWithEverySet<T>(value: T, loaded: LoadResult | undefined): Promise<T> {
    const current = this.current.values;
    const others = await this.setAmong((loaded?.ok ? pipelineSecretNames(loaded.pipeline) : []).filter((name) => !current.has(name)));
    if (others.size === 0) { return current.size > 0 ? this.mask(value) : value; }
    return maskDeep(value, new ResolvedSecrets(new Map([...current, ...others])).rules);
  }

  /** The pipeline deploy hooks get: `http:` probe URLs and headers with their secrets filled in (Gearshift fetches them itself). */
  forHooks(pipeline: Pipeline): Pipeline {
    const monitor = pipeline.monitor;
    if (!monitor || probeSecretNames(monitor.probes).length === 0) { return pipeline; }
    return { ...pipeline, monitor: { ...monitor, probes: probesWithSecrets(monitor.probes, this.current.values) } };
  }

  /** Looks the names up in this engine's source (operations outside a run: switch, rollback, monitor now). */
  resolveNames(names: Iterable<string>): Promise<Resolution> {
    return resolveSecrets(names, this.source);
  }

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

/** Every secret name a run of `selection` needs; undefined for a selection that does not fit the pipeline. */
function namesFor(pipeline: Pipeline, selection: Selection): string[] | undefined {
  try {
    return secretNamesRunNeeds(pipeline, selection);
  } catch {
    return undefined;
  }
}
