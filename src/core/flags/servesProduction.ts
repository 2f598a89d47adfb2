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
import { ALL_ENVIRONMENTS } from './files';
import type { LoadedFlagsFile } from './load';
import { revert, setFlag } from './operations';
import { evaluated, servesOff, targetingCanServe } from './served';
import type { TextChange } from './change';
import type { FlagChange } from './toggleHistory';
import type { FlagState } from './types';

/** Production reads its own file when there is one, else the file every environment reads. */
export function servesProductionEnv(environment: string, environments: readonly string[]): boolean {
  return environment === 'production' || (environment === ALL_ENVIRONMENTS && !environments.includes('production'));
}

/**
 * The variant production serves after `flags set KEY WORD [--state]` (or the editor's Toggle and
 * Set Default Variant) in the file of `environment`, when that is not off; else undefined (not
 * asked). Undefined too when the change would be refused (unknown variant): the change says why.
 */
export function setServesInProduction(files: readonly LoadedFlagsFile[], environment: string, key: string, word: string | undefined, state: FlagState | undefined): string | undefined {
  return servedInProductionAfter(files, environment, key, setFlag(key, word, state))?.variant;
}

/**
 * The variant production serves after undoing `change`, when that is not off; else undefined.
 * Undefined too when the undo cannot be made (the file changed since, never got the change, or cannot be read): it is
 * not asked about, the undo refuses and says why (asking first would send the user round for nothing).
 */
export function undoServesInProduction(change: FlagChange, files: readonly LoadedFlagsFile[]): string | undefined {
  return undoServedInProduction(change, files)?.variant;
}

/** What production serves after a change, when not off: to every request, or only to those its targeting picks it for. */
export interface ServedAfter {
  readonly variant: string;
  /** Only through targeting (a request with no context still gets off): "to some requests". */
  readonly toSome: boolean;
}

/** undoServesInProduction, saying whether it serves to everyone or to some (the undo of Turn Off for Everyone: walkedit33 L3). */
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
  if (!after || !flag) { return undefined; }
  const served = after.served.get(key);
  if (served && !servesOff(served.value)) { return { variant: served.variant ?? JSON.stringify(served.value), toSome: false }; }
  const before = file.result.flags.find((f) => f.key === key);
  const targeted = targetingCanServe(flag);
  return targeted !== undefined && (before === undefined || targetingCanServe(before) === undefined) ? { variant: targeted, toSome: true } : undefined;
}
