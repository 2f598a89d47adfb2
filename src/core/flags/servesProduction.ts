/**
 * Whether a flag change serves something other than `off` in production: what the editor asks
 * about first, as a production deploy (`gearshift.confirmProductionDeploy`). Turning off is never
 * asked: it is the way back and must stay one click.
 */
import { ALL_ENVIRONMENTS } from './files';
import { variantFor } from './operations';
import type { FlagChange } from './toggleHistory';
import type { FlagDefinition, FlagState } from './types';

/** Production reads its own file when there is one, else the file every environment reads. */
export function servesProductionEnv(environment: string, environments: readonly string[]): boolean {
  return environment === 'production' || (environment === ALL_ENVIRONMENTS && !environments.includes('production'));
}

/**
 * The variant production serves after undoing `change`, when that is not `off`; else undefined.
 * `defaultVariantNow`: the flag's default variant in that file now (what re-enabling serves).
 */
export function undoServesInProduction(change: FlagChange, environments: readonly string[], defaultVariantNow: string | null | undefined): string | undefined {
  if (!servesProductionEnv(change.environment, environments)) { return undefined; }
  const restored = change.from;
  if (change.field === 'defaultVariant') { return servedVariant(restored); }
  if (change.field === 'state') { return restored === 'ENABLED' ? servedVariant(defaultVariantNow) : undefined; }
  if (change.field === 'removed' && restored !== null && typeof restored === 'object' && !Array.isArray(restored)) {
    return restored.state === 'DISABLED' ? undefined : servedVariant(restored.defaultVariant);
  }
  return undefined;
}

function servedVariant(variant: unknown): string | undefined {
  return typeof variant === 'string' && variant !== 'off' ? variant : undefined;
}

/**
 * The variant production serves after `flags set KEY WORD [--state]` on `flag` in a file of
 * `environment`, when that is something new and not the way back; else undefined (not asked).
 * Undefined too when the change would be refused (unknown variant): the change says why.
 */
export function setServesInProduction(flag: FlagDefinition, environment: string, environments: readonly string[], word: string | undefined, state: FlagState | undefined): string | undefined {
  if (!servesProductionEnv(environment, environments)) { return undefined; }
  let variant: string | null;
  try { variant = word === undefined ? flag.defaultVariant : variantFor(flag.variants, word); } catch { return undefined; }
  const nextState = state ?? flag.state;
  if (nextState === 'DISABLED' || variant === null) { return undefined; }
  if (variant === flag.defaultVariant && nextState === flag.state) { return undefined; }
  return variant === 'off' || flag.variants[variant] === false ? undefined : variant;
}
