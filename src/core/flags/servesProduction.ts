/**
 * Whether a flag change serves something other than "off" in production: what the editor and
 * the CLI ask about first, as a production deploy (`gearshift.confirmProductionDeploy`).
 * Turning off is never asked: it is the way back and must stay one click.
 *
 * A change is judged by flagd's evaluation of the file *after* the change (review24 F1), never
 * by a variant's name nor by `defaultVariant` alone: targeting picks the variant first. Asked
 * when, after it, flagd serves something not off (false, null, a disabled flag) to a request
 * with no context, or when it lets targeting start picking such a variant for some requests
 * (enabling a flag, putting a removed one back).
 */
import { isDeepStrictEqual } from 'node:util';
import { ALL_ENVIRONMENTS } from './files';
import type { LoadedFlagsFile } from './load';
import { revert, setFlag } from './operations';
import { evaluated, servesOff, targetingCanServe, targetingVariants } from './served';
import { targetingNames } from './onAsServed';
import { targetingMayFallBack } from './targeting';
import type { TextChange } from './change';
import type { FlagChange } from './toggleHistory';
import type { FlagDefinition, FlagState, JsonValue, Served } from './types';

/** Production reads its own file when there is one, else the file every environment reads. */
export function servesProductionEnv(environment: string, environments: readonly string[]): boolean {
  return environment === 'production' || (environment === ALL_ENVIRONMENTS && !environments.includes('production'));
}

/**
 * What production serves after `flags set KEY WORD [--state]` (or the editor's Toggle and Set
 * Default Variant) in the file of `environment`, and to whom, when that is not off; else
 * undefined (not asked). Undefined too when the change would be refused (unknown variant): the
 * change says why.
 */
export function setServedInProduction(files: readonly LoadedFlagsFile[], environment: string, key: string, word: string | undefined, state: FlagState | undefined): ServedAfter | undefined {
  return servedInProductionAfter(files, environment, key, setFlag(key, word, state));
}

/** setServedInProduction's variant only. */
export function setServesInProduction(files: readonly LoadedFlagsFile[], environment: string, key: string, word: string | undefined, state: FlagState | undefined): string | undefined {
  return setServedInProduction(files, environment, key, word, state)?.variant;
}

/**
 * The variant production serves after undoing `change`, when that is not off; else undefined.
 * Undefined too when the undo cannot be made (the file changed since, never got the change, or cannot be read): it is
 * not asked about, the undo refuses and says why (asking first would send the user round for nothing).
 */
export function undoServesInProduction(change: FlagChange, files: readonly LoadedFlagsFile[]): string | undefined {
  return undoServedInProduction(change, files)?.variant;
}

/**
 * What production serves after a change, when not off, and to whom (review33 L6): a flag whose
 * targeting decides is never asked about as if it served one value to everyone.
 */
export interface ServedAfter {
  readonly variant: string;
  /** Only through targeting (a request with no context still gets off): "to the requests its targeting picks". */
  readonly toSome: boolean;
  /**
   * What the others get: with `toSome`, what a request with no context gets (flagd's evaluation);
   * else the variants the targeting can pick instead of `variant` ("except where its targeting
   * picks …"). A variant's name, or null for the code default. Empty: everyone gets `variant`.
   */
  readonly others: readonly (string | null)[];
  /** With `toSome`, whom the targeting names (targetingNames): "(dev@example.com)". */
  readonly names: readonly string[];
}

/** undoServesInProduction, saying to whom (the undo of Turn Off for Everyone serves only where the targeting picks: walkedit33 L3). */
export function undoServedInProduction(change: FlagChange, files: readonly LoadedFlagsFile[]): ServedAfter | undefined {
  return servedInProductionAfter(files, change.environment, change.key, revert(change));
}

function servedInProductionAfter(files: readonly LoadedFlagsFile[], environment: string, key: string, change: TextChange): ServedAfter | undefined {
  const file = files.find((f) => f.ref.environment === environment);
  if (!file?.snapshot || file.result?.ok !== true || !servesProductionEnv(environment, files.map((f) => f.ref.environment))) { return undefined; }
  let next: ReturnType<TextChange>;
  try { next = change(file.snapshot.text, file.result); } catch { return undefined; }
  // Only a mark (the change never reached the file): the undo changes nothing, and refuses.
  if (next?.changes.every((c) => c.notApplied !== undefined) === true) { return undefined; }
  const after = next && evaluated(next.text);
  const flag = after?.flags.find((f) => f.key === key);
  const served = after?.served.get(key);
  if (!flag || !served) { return undefined; }
  if (!servesOff(served.value)) { return { variant: served.variant ?? JSON.stringify(served.value), toSome: false, others: othersPicked(flag, served), names: [] }; }
  const before = file.result.flags.find((f) => f.key === key);
  const targeted = targetingCanServe(flag);
  if (targeted === undefined || (before !== undefined && targetingCanServe(before) !== undefined)) { return undefined; }
  return { variant: targeted, toSome: true, others: [served.variant ?? null], names: targetingNames(flag) };
}

/**
 * Served to a request with no context, `served` may still not be what everyone gets: the targeting
 * can pick other variants (serving another value) for some requests, and when it picked `served`
 * itself and can fall back, the default variant (null: the code default) for others.
 */
function othersPicked(flag: FlagDefinition, served: Served): (string | null)[] {
  if (flag.state === 'DISABLED') { return []; }
  const candidates: (string | null)[] = targetingVariants(flag);
  if (served.reason === 'TARGETING_MATCH' && targetingMayFallBack(flag.targeting)) { candidates.push(flag.defaultVariant); }
  const value = (v: string | null): JsonValue => (v === null ? null : flag.variants[v] ?? null);
  return [...new Set(candidates)].filter((v) => v !== served.variant && !isDeepStrictEqual(value(v), served.value));
}
