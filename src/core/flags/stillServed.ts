/**
 * After a flag is turned `off`: off is judged for a request with no context (what `flags list`
 * and the Feature Toggles view show). A flag whose targeting can still pick a variant that is not
 * off (a user list, a rollout: a dogfooding flag on for internal users) keeps serving it to those
 * requests. The CLI and the editor say so in the same words, so nobody reads "off" as "off for all".
 */
import { printable } from '../format';
import { type FlagsContext, loadFlagsFiles } from './load';
import { targetingNames } from './onAsServed';
import { targetingCanServe } from './served';
import { pickFile } from './toggles';

export interface StillServed {
  /** The variant, not off, that the flag's targeting can still pick. */
  readonly variant: string;
  /** "KEY: its targeting can still serve "on" to some requests (dev@example.com)" (printable): a line of its own (the CLI). */
  readonly text: string;
  /** The same without the key, for a sentence after the change that names it (the editor): "Its targeting can still serve …". */
  readonly sentence: string;
}

/** Reads the flags file of `env` (undefined: the only one) as it is now; undefined when no targeting can serve anything but off. */
export async function stillServedAfterOff(ctx: FlagsContext, key: string, env: string | undefined): Promise<StillServed | undefined> {
  let file;
  try { file = pickFile(await loadFlagsFiles(ctx), env); } catch { return undefined; }
  const flag = file.result?.ok === true ? file.result.flags.find((f) => f.key === key) : undefined;
  const variant = flag && targetingCanServe(flag);
  if (variant === undefined || !flag) { return undefined; }
  // Who: the values the targeting matches (a user list, a domain), so "some requests" is not a guess.
  const named = targetingNames(flag);
  const what = `targeting can still serve "${printable(variant)}" to some requests${named.length > 0 ? ` (${named.join(', ')})` : ''}`;
  return { variant, text: `${printable(key)}: its ${what}`, sentence: `Its ${what}` };
}
