/**
 * After `flags set KEY off`: a flag whose targeting can still serve a variant that is not off
 * to some requests keeps serving it to them (core/flags stillServed.ts, the editor's words too);
 * said, with the command that turns it off for everyone.
 */
import { stillServedAfterOff, type ChangeOutcome } from '../../core/flags';
import { printable, shellWord } from '../../core/format';
import type { FlagsCli } from './flagsLoad';

export async function offNote(cli: FlagsCli, key: string, env: string | undefined, outcome: ChangeOutcome): Promise<string> {
  // `off` asked for a variant; say why the state changed instead.
  if (outcome.changes.some((c) => c.field === 'state' && c.to === 'DISABLED')) { return `  (its targeting still picked a variant that is not off: disabled instead, so flagd serves the code default)\n`; }
  const still = await stillServedAfterOff(cli.ctx, key, env);
  if (still === undefined) { return ''; }
  const where = env === undefined ? '' : ` --env ${shellWord(env)}`;
  // The key is the flags file's text: one shell word, so pasting the command cannot run what it holds.
  return `! ${still.text}; \`gearshift flags set ${printable(shellWord(key))}${where} --state disabled\` turns it off for everyone\n`;
}
