/**
 * After a flag is turned `off`: off is judged for a request with no context (what `flags list`
 * and the Feature Toggles view show). A flag whose targeting can still pick a variant that is not
 * off (a user list, a rollout: a dogfooding flag on for internal users) keeps serving it to those
 * requests. The CLI and the editor say so in the same words, so nobody reads "off" as "off for all".
 */
import { printable } from '../format';
import { type FlagsContext, loadFlagsFiles } from './load';
import { targetingCanServe } from './served';
import { pickFile } from './toggles';

export interface StillServed {
  /** The variant, not off, that the flag's targeting can still pick. */
  readonly variant: string;
  /** "KEY: its targeting can still serve "on" to some requests" (printable). */
  readonly text: string;
}

/** Reads the flags file of `env` (undefined: the only one) as it is now; undefined when no targeting can serve anything but off. */
export async function stillServedAfterOff(ctx: FlagsContext, key: string, env: string | undefined): Promise<StillServed | undefined> {
  let file;
  try { file = pickFile(await loadFlagsFiles(ctx), env); } catch { return undefined; }
  const flag = file.result?.ok === true ? file.result.flags.find((f) => f.key === key) : undefined;
  const variant = flag && targetingCanServe(flag);
  if (variant === undefined) { return undefined; }
  return { variant, text: `${printable(key)}: its targeting can still serve "${printable(variant)}" to some requests` };
}
