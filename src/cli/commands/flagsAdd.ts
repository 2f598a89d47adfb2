/**
 * `gearshift flags add KEY`: the editor's Add Feature Toggle from a terminal (walkcli32 M5) — a
 * boolean flag (variants on/off), off, with metadata.createdAt, added to every flags file by
 * the same core (core/flags addToggle). Adding a flag that serves off asks nothing. Checked
 * before anything is written: a file that is invalid, or that already has the key, adds it nowhere.
 */
import { addToggle, fileErrors, flagKeyProblem, formatFlagErrors, loadFlagsFiles, undeclaredFlagsFiles, type ChangeOutcome } from '../../core/flags';
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

export async function addEverywhere(cli: FlagsCli, key: string, cwd: string): Promise<ChangeOutcome[]> {
  const problem = flagKeyProblem(key);
  if (problem) { throw new CliError(`flag key "${argText(key)}" ${problem}`, EXIT.usage); }
  const files = await loadFlagsFiles(cli.ctx);
  if (files.length === 0) { throw new CliError(await noFileText(cli, cwd), EXIT.usage); }
  const errors = fileErrors(files);
  if (errors.length > 0) { throw new CliError(`${formatFlagErrors(errors).trimEnd()}\nnothing was added`, EXIT.usage); }
  const holding = files.find((f) => f.result?.ok === true && f.result.flags.some((flag) => flag.key === key));
  if (holding) { throw new CliError(`a flag "${argText(key)}" already exists in ${printable(displayPath(holding.ref.path, cwd))}; nothing was added`, EXIT.usage); }
  const who = await cli.who();
  const now = new Date();
  const outcomes: ChangeOutcome[] = [];
  for (const f of files) { outcomes.push(await addToggle(cli.ctx, key, { env: f.ref.environment, who, now })); }
  return outcomes;
}
