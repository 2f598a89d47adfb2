/**
 * `gearshift flags add KEY`: the editor's Add Feature Toggle from a terminal (walkcli32 M5) — a
 * boolean flag (variants on/off), off, with metadata.createdAt, added to every flags file by
 * the same core (core/flags addToggle). Adding a flag that serves off asks nothing. Checked
 * before anything is written: a file that is invalid, or that cannot be written (read-only),
 * adds it nowhere. A file that already has the key is left as it is, the others get it (a retry
 * after a write failed half-way); every file having it is refused. A write failing after others
 * went through (a full disk) says which files got the key (faults41 M4).
 */
import { addToggle, fileErrors, FlagChangeError, flagKeyProblem, formatFlagErrors, loadFlagsFiles, undeclaredFlagsFiles, writeRefusal, type ChangeOutcome, type LoadedFlagsFile } from '../../core/flags';
import { noFlagsFileText } from './flagsText';
import { printable } from '../../core/format';
import { displayPath } from '../paths';
import { argText } from '../argText';
import { CliError, EXIT } from '../command';
import { docsPage } from '../docsPage';
import type { FlagsCli } from './flagsLoad';

/** Why nothing can be added: no flags file, or one left alone for want of flagd's `$schema` (then the rule). */
async function noFileText(cli: FlagsCli, cwd: string): Promise<string> {
  const unclaimed = await undeclaredFlagsFiles(cli.ctx);
  return unclaimed.length === 0 ? `no flags file: create flags.json in flagd's format first (see ${docsPage('flags.md')})` : noFlagsFileText(unclaimed, cwd).replace(/^No/, 'no');
}

export interface AddOutcomes {
  readonly outcomes: ChangeOutcome[];
  /** The files that already had the key, left as they are. */
  readonly kept: string[];
}

export async function addEverywhere(cli: FlagsCli, key: string, cwd: string): Promise<AddOutcomes> {
  const problem = flagKeyProblem(key);
  if (problem) { throw new CliError(`flag key "${argText(key)}" ${problem}`, EXIT.usage); }
  const files = await loadFlagsFiles(cli.ctx);
  if (files.length === 0) { throw new CliError(await noFileText(cli, cwd), EXIT.usage); }
  const errors = fileErrors(files);
  if (errors.length > 0) { throw new CliError(`${formatFlagErrors(errors).trimEnd()}\nnothing was added`, EXIT.usage); }
  const has = (f: LoadedFlagsFile): boolean => f.result?.ok === true && f.result.flags.some((flag) => flag.key === key);
  const shown = (f: LoadedFlagsFile): string => printable(displayPath(f.ref.path, cwd));
  const lacking = files.filter((f) => !has(f));
  if (lacking.length === 0) { throw new CliError(`a flag "${argText(key)}" already exists in ${files.map(shown).join(', ')}; nothing was added`, EXIT.usage); }
  await refuseUnwritable(cli, lacking);
  const who = await cli.who();
  const now = new Date();
  const outcomes: ChangeOutcome[] = [];
  for (const [i, f] of lacking.entries()) {
    try { outcomes.push(await addToggle(cli.ctx, key, { env: f.ref.environment, who, now })); } catch (e) {
      if (outcomes.length === 0 || !(e instanceof FlagChangeError)) { throw e; }
      throw new CliError(`"${argText(key)}" was added to ${lacking.slice(0, i).map(shown).join(', ')}; not to ${lacking.slice(i).map(shown).join(', ')}: ${printable(e.message)}\n`
        + `once that is fixed, \`gearshift flags add ${argText(key)}\` adds it to the files that lack it`, EXIT.red);
    }
  }
  return { outcomes, kept: files.filter(has).map((f) => f.ref.path) };
}

/** Every file to write, checked before any is written: one that cannot be written adds the key nowhere. */
async function refuseUnwritable(cli: FlagsCli, files: readonly LoadedFlagsFile[]): Promise<void> {
  const refusals: string[] = [];
  for (const f of files) {
    const why = f.snapshot && await writeRefusal(f.snapshot, cli.ctx.root);
    if (why) { refusals.push(printable(why)); }
  }
  if (refusals.length > 0) { throw new CliError(`${refusals.join('\n')}\nnothing was added to any flags file`, EXIT.red); }
}
