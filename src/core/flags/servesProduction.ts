/**
 * Whether a flag change serves something other than "off" in production: what the editor and
 * the CLI ask about first, as a production deploy (`gearshift.confirmProductionDeploy`).
 * Turning off is never asked: it is the way back and must stay one click. "Off" is judged by
 * what is served, never by a variant's name: a variant named `off` that serves "everyone" is a
 * release like any other. Off is `false`, `null`, a variant that does not exist, or a disabled
 * flag (flagd then serves the code default).
 */
import { ALL_ENVIRONMENTS } from './files';
import { variantFor } from './operations';
import type { FlagChange } from './toggleHistory';
import type { FlagDefinition, FlagState, JsonValue } from './types';

/** What decides what a flag serves (a FlagDefinition, or a listing's FlagRow). */
export type FlagServing = Pick<FlagDefinition, 'state' | 'variants' | 'defaultVariant'>;

/** Production reads its own file when there is one, else the file every environment reads. */
export function servesProductionEnv(environment: string, environments: readonly string[]): boolean {
  return environment === 'production' || (environment === ALL_ENVIRONMENTS && !environments.includes('production'));
}

/** The value the code treats as "off": false, or nothing served (the code default). */
export function servesOff(value: JsonValue | undefined): boolean {
  return value === false || value === null || value === undefined;
}

/**
 * The variant production serves after undoing `change`, when that is not off; else undefined.
 * `flagNow`: the flag in that file now (its default variant is what re-enabling serves; its
 * variants say what a variant serves). Unknown (unreadable file, flag gone): not asked, the undo refuses.
 */
export function undoServesInProduction(change: FlagChange, environments: readonly string[], flagNow: Pick<FlagServing, 'variants' | 'defaultVariant'> | undefined): string | undefined {
  if (!servesProductionEnv(change.environment, environments)) { return undefined; }
  const restored = change.from;
  if (change.field === 'defaultVariant') { return servedVariant(restored, flagNow?.variants); }
  if (change.field === 'state') { return restored === 'ENABLED' ? servedVariant(flagNow?.defaultVariant, flagNow?.variants) : undefined; }
  if (change.field === 'removed' && restored !== null && typeof restored === 'object' && !Array.isArray(restored)) {
    const variants = restored.variants !== null && typeof restored.variants === 'object' && !Array.isArray(restored.variants) ? restored.variants : undefined;
    return restored.state === 'DISABLED' ? undefined : servedVariant(restored.defaultVariant, variants);
  }
  return undefined;
}

function servedVariant(variant: unknown, variants: Readonly<Record<string, JsonValue>> | undefined): string | undefined {
  if (typeof variant !== 'string') { return undefined; }
  // The flag cannot be read now: the undo cannot be made either, and says why (asking first would hide that).
  if (variants === undefined) { return undefined; }
  return Object.prototype.hasOwnProperty.call(variants, variant) && !servesOff(variants[variant]) ? variant : undefined;
}

/**
 * The variant production serves after `flags set KEY WORD [--state]` (or the editor's Toggle and
 * Set Default Variant) on `flag` in a file of `environment`, when that is something new and not
 * off; else undefined (not asked). Undefined too when the change would be refused (unknown
 * variant): the change says why.
 */
export function setServesInProduction(flag: FlagServing, environment: string, environments: readonly string[], word: string | undefined, state: FlagState | undefined): string | undefined {
  if (!servesProductionEnv(environment, environments)) { return undefined; }
  let variant: string | null;
  try { variant = word === undefined ? flag.defaultVariant : variantFor(flag.variants, word); } catch { return undefined; }
  const nextState = state ?? flag.state;
  if (nextState === 'DISABLED' || variant === null) { return undefined; }
  if (variant === flag.defaultVariant && nextState === flag.state) { return undefined; }
  return servedVariant(variant, flag.variants);
}
