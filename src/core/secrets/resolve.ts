/**
 * Where secret values come from, and resolving the names a pipeline references. The CLI reads
 * `GEARSHIFT_SECRET_<NAME>` from its own environment; the editor reads VS Code's SecretStorage.
 * Never from argv or a file in the repository.
 */
import { MaskRules } from './masker';
import { secretValueProblem } from './syntax';

export const SECRET_ENV_PREFIX = 'GEARSHIFT_SECRET_';

/**
 * The remote-status tokens the CLI reads from its environment (docs/remote-status.md): secrets
 * too, though no pipeline references them.
 */
export const TOKEN_ENV_NAMES: readonly string[] = ['GEARSHIFT_GITHUB_TOKEN', 'GEARSHIFT_GITLAB_TOKEN'];

/**
 * The one list of secret environment names: `GEARSHIFT_SECRET_*` and the tokens. No process
 * Gearshift starts inherits them (stages, the switch script, probes, git); a stage gets only the
 * secrets its `env:` references.
 */
export function isSecretEnvName(name: string): boolean {
  return name.startsWith(SECRET_ENV_PREFIX) || TOKEN_ENV_NAMES.includes(name);
}

/** `env` without any secret environment name: what a process outside a stage gets (the switch script, command probes, git). */
export function withoutSecretVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!isSecretEnvName(name)) { kept[name] = value; }
  }
  return kept;
}

/**
 * The tokens set in `env`, to be masked wherever they are present (keyed `env:NAME`, which no
 * `${{ secrets.NAME }}` can name). One too short to mask is left out, as for a secret.
 */
export function tokenEnvValues(env: NodeJS.ProcessEnv): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of TOKEN_ENV_NAMES) {
    const value = env[name];
    if (value && secretValueProblem(value) === undefined) { values.set(`env:${name}`, value); }
  }
  return values;
}

/** Looks a secret up by name; undefined (or '') = not set. */
export type SecretSource = (name: string) => string | undefined | Promise<string | undefined>;

/**
 * The CLI's source: `GEARSHIFT_SECRET_<NAME>` in the given environment. A value the editor's
 * Set Secret… refuses (shorter than 4 characters: masking it would mask ordinary text, so it
 * would go out unmasked) reads as not set, so nothing uses it; `refused` hears why, once a name.
 */
export function envSecretSource(env: NodeJS.ProcessEnv, refused?: (variable: string, why: string) => void): SecretSource {
  const told = new Set<string>();
  return (name) => {
    const value = env[secretEnvVar(name)];
    const problem = value === undefined || value === '' ? undefined : secretValueProblem(value);
    if (problem === undefined) { return value; }
    if (!told.has(name)) { told.add(name); refused?.(secretEnvVar(name), problem); }
    return undefined;
  };
}

export function secretEnvVar(name: string): string {
  return `${SECRET_ENV_PREFIX}${name}`;
}

/** The values a run uses (name → value) and the rules that mask them in its output. */
export class ResolvedSecrets {
  private rulesCache: MaskRules | undefined;

  constructor(readonly values: ReadonlyMap<string, string>) {}

  static readonly none = new ResolvedSecrets(new Map());

  get rules(): MaskRules {
    this.rulesCache ??= new MaskRules(this.values.values());
    return this.rulesCache;
  }
}

export type Resolution =
  | { readonly ok: true; readonly secrets: ResolvedSecrets }
  | { readonly ok: false; readonly missing: readonly string[] };

/** Looks every name up; an empty value counts as missing (no stage ever gets '' in its place). */
export async function resolveSecrets(names: Iterable<string>, source: SecretSource | undefined): Promise<Resolution> {
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of new Set(names)) {
    const value = source ? await source(name) : undefined;
    if (value === undefined || value === '') { missing.push(name); } else { values.set(name, value); }
  }
  return missing.length > 0 ? { ok: false, missing: missing.sort() } : { ok: true, secrets: new ResolvedSecrets(values) };
}

/** Names and how to set them, for a run refused before any stage (or a switch / rollback: `slotChange`). */
export function missingSecretsMessage(missing: readonly string[], how: 'cli' | 'editor' | 'any', slotChange?: SlotChangeContext): string {
  const list = missing.join(', ');
  const noun = missing.length === 1 ? 'secret' : 'secrets';
  if (slotChange) { return missingSlotChangeSecretsMessage(noun, list, missing, how, slotChange); }
  if (how !== 'editor') {
    return `${noun} not set: ${list}; set ${missing.map(secretEnvVar).join(', ')} in the environment (nothing ran)`;
  }
  return `${noun} not set: ${list}. Set ${missing.length === 1 ? 'it' : 'them'} with Gearshift: Set Secret… (nothing ran)`;
}

/**
 * A switch or rollback refused for want of a deploy.env secret: often the emergency path, so
 * say exactly what to do and that production is as it was.
 */
export interface SlotChangeContext {
  /** What was refused; a rollback unless said. */
  action?: 'roll back' | 'switch';
  /** The slot that is still live. */
  live?: string;
}

function missingSlotChangeSecretsMessage(noun: string, list: string, missing: readonly string[], how: 'cli' | 'editor' | 'any', c: SlotChangeContext): string {
  const action = c.action ?? 'roll back';
  const vars = missing.map(secretEnvVar).join(', ');
  const editor = `set ${missing.length === 1 ? 'it' : 'them'} with Gearshift: Set Secret…`;
  const set = how === 'cli' ? `set ${vars} in the environment` : how === 'editor' ? editor : `${editor} (CLI: ${vars})`;
  const unchanged = `nothing was changed${c.live !== undefined ? `: ${c.live} is still live` : ''}`;
  return `cannot ${action}: ${noun} not set: ${list}, which the switch script's env (deploy.env) needs; ${set}, then ${action} again. The switch script did not run and ${unchanged}`;
}
