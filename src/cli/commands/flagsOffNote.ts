/**
 * After `flags set KEY off`: off is judged for a request with no context (what `flags list`
 * shows). A flag whose targeting can still pick a variant that is not off for some requests (a
 * user list, a rollout) keeps serving it to them; said, with the command that turns it off for
 * everyone, so nobody reads "off" as "off for all" in an incident.
 */
import { loadFlagsFiles, pickFile, targetingCanServe, type ChangeOutcome } from '../../core/flags';
import { printable } from '../../core/format';
import type { FlagsCli } from './flagsLoad';

export async function offNote(cli: FlagsCli, key: string, env: string | undefined, outcome: ChangeOutcome): Promise<string> {
  // `off` asked for a variant; say why the state changed instead.
  if (outcome.changes.some((c) => c.field === 'state' && c.to === 'DISABLED')) { return `  (its targeting still picked a variant that is not off: disabled instead, so flagd serves the code default)\n`; }
  const files = await loadFlagsFiles(cli.ctx);
  let file;
  try { file = pickFile(files, env); } catch { return ''; }
  const flag = file.result?.ok === true ? file.result.flags.find((f) => f.key === key) : undefined;
  const variant = flag && targetingCanServe(flag);
  if (variant === undefined) { return ''; }
  const where = env === undefined ? '' : ` --env ${env}`;
  return `! ${printable(key)}: its targeting can still serve "${printable(variant)}" to some requests; \`gearshift flags set ${printable(key)}${where} --state disabled\` turns it off for everyone\n`;
}
