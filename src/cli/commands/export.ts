/** `gearshift export github|gitlab`: the pipeline as the shared engine's file, and `--check` for drift. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPORT_TARGETS, ExportFileRefused, planExport, shellWord, TARGET_TITLE, writeExport, DEFAULT_EXPORT_PATH, type ExportTarget } from '../../core/export';
import { counted, printable } from '../../core/format';
import { whyNotWritten } from '../../core/lock';
import { style } from '../../core/render';
import { UsageError, type OptionSpec, type OptionValues } from '../args';
import { argText } from '../argText';
import { useColor } from '../color';
import { CONFIG_LOOKUP_HELP, CliError, EXIT, defineCommand } from '../command';
import { printConfigErrors } from '../configErrors';
import type { CliIo } from '../io';
import { locateExistingConfig } from '../locate';
import { displayPath } from '../paths';

const OPTIONS = [
  { name: 'target', type: 'positional' },
  { name: 'out', type: 'string' },
  { name: 'check', type: 'boolean' },
  { name: 'force', type: 'boolean' },
  { name: 'via-cli', type: 'boolean' },
  { name: 'config', type: 'string' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'write the pipeline as a GitHub Actions or GitLab CI file (--check: drift)',
  options: OPTIONS,
  help: `Usage: gearshift export github|gitlab [--out PATH] [--check] [--force] [--via-cli] [--config PATH]

Writes the pipeline as the engine's own file: ${DEFAULT_EXPORT_PATH.github} (github)
or ${DEFAULT_EXPORT_PATH.gitlab} (gitlab), at the top of the git repository. Each stage
becomes a job; needs, env, cwd, timeouts, environments and manual approvals carry over.
What has no CI counterpart (deploy, monitor) is named in a comment at the end of the file.

Options:
  --out PATH      write here instead
  --check         write nothing: exit 0 when the file equals what would be written,
                  1 with a unified diff when it drifted or is missing (CI, pre-commit hook)
  --force         overwrite a file that Gearshift did not generate, or generated from
                  another pipeline file (a monorepo's); over a --via-cli
                  export without --via-cli, write plain jobs (else its mode is kept)
  --via-cli       each job sets up Node, installs the repository's dependencies (npm ci) and
                  runs the installed \`gearshift run --stage NAME\` instead of the command, with
                  the stage's secrets as GEARSHIFT_SECRET_*, so history, masking and timeouts
                  behave as locally; with blue/green deploy: production stages (and what needs
                  them) are left out and named
  --config PATH   the pipeline file to export
  -h, --help      show this help

A config with errors is not exported: the errors are listed and the exit code is 2.
${CONFIG_LOOKUP_HELP}
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const target = parseTarget(opts.target);
  const located = await locateExistingConfig(io.cwd, opts.config);
  if (!located.found) {
    throw new CliError(`no .gearshift.yml found (looked in ${displayPath(located.folder, io.cwd) || '.'}); create one with \`gearshift init\``, EXIT.usage);
  }
  if (opts.out !== undefined && /\p{Cc}/u.test(opts.out)) {
    throw new UsageError('--out: the path holds a line break or control character; the file\'s header records it in a comment');
  }
  const outFile = opts.out === undefined ? undefined : path.resolve(io.cwd, opts.out);
  const plan = await planExport({ configFile: located.configFile, target, viaCli: askedViaCli(opts), outFile }).catch(fileError(io, outFile));
  if (!plan.ok) {
    printConfigErrors(plan.errors, io);
    throw new CliError(`export refused: ${displayPath(located.configFile, io.cwd)} has ${counted(plan.errors.length, 'error')}; fix ${plan.errors.length === 1 ? 'it' : 'them'} first`, EXIT.usage);
  }
  const shown = printable(displayPath(plan.outFile, io.cwd));
  if (plan.overwritesInput !== undefined) {
    throw new CliError(`--out ${shown} is ${path.resolve(plan.overwritesInput) === path.resolve(located.configFile) ? 'the pipeline file' : 'a flags file'} the export is made from; nothing written. Name another path`, EXIT.usage);
  }
  const s = style(useColor(io.stdout, io.env));
  for (const warning of plan.warnings) { io.stderr.write(`warning: ${printable(warning)}\n`); }
  if (plan.otherPipeline !== undefined && (opts.check === true || opts.force !== true)) {
    const verdict = `${shown} ${otherPipelineVerdict(target, plan.otherPipeline, exportAgain(target, { ...opts, out: path.relative(io.cwd, plan.ownOut) }, plan.viaCli), opts.check === true)}`;
    if (opts.check !== true) { throw new CliError(verdict, EXIT.usage); }
    io.stderr.write(`${verdict}\n`);
    return EXIT.red;
  }
  if (opts.check === true) {
    if (plan.drift.state === 'clean') {
      io.stdout.write(`${s.green(`✔ ${shown} is up to date with the pipeline`)}\n`);
      return EXIT.ok;
    }
    io.stdout.write(printableDiff(plan.drift.diff));
    io.stderr.write(`${shown} ${checkVerdict(plan.drift.state, exportAgain(target, opts, plan.viaCli))}\n`);
    return EXIT.red;
  }
  const notes = plan.keptViaCli ? [`kept --via-cli: ${shown} is a --via-cli export (--force exports plain jobs over it)`, ...plan.notes] : plan.notes;
  if (plan.drift.state === 'clean') {
    io.stdout.write(`${s.green(`✔ ${shown} is already up to date`)}\n`);
    writeNotes(notes, io, s.yellow);
    return EXIT.ok;
  }
  if (plan.drift.state === 'foreign' && opts.force !== true) {
    throw new CliError(`${shown} exists and was not generated by Gearshift; nothing written. Compare with --check, overwrite with --force`, EXIT.usage);
  }
  await replaceExport(plan.outFile, plan.expected, io);
  io.stdout.write(`${s.green(`✔ wrote ${shown} (${TARGET_TITLE[target]})`)}\n`);
  writeNotes(notes, io, s.yellow);
  return EXIT.ok;
}

function writeNotes(notes: readonly string[], io: CliIo, yellow: (text: string) => string): void {
  for (const note of notes) { io.stdout.write(`${yellow(`! ${printable(note)}`)}\n`); }
}

/** A generator change (a newer Gearshift) drifts a file too: the advice is the same, export again. */
function checkVerdict(state: 'missing' | 'drifted' | 'foreign', command: string): string {
  if (state === 'missing') { return `does not exist: run \`${command}\``; }
  if (state === 'foreign') { return `differs from the pipeline: run \`${command} --force\` (it was not generated by Gearshift)`; }
  return `differs from ${sourcesOf(command)}: run \`${command}\` to export it again (a newer Gearshift may also write it differently)`;
}

/**
 * A monorepo's pipelines each export to the same default path: replacing the other's file would
 * delete its CI unsaid. Each pipeline gets its own file instead (GitLab reads one .gitlab-ci.yml,
 * which then includes them).
 */
function otherPipelineVerdict(target: ExportTarget, other: string, ownExport: string, check: boolean): string {
  const what = `was exported from ${printable(other)}, another pipeline${check ? '' : '; nothing written'}.`;
  if (target === 'github') { return `${what} Export this one to its own workflow: \`${ownExport}\`${check ? '' : ' (or replace it with --force)'}`; }
  return `${what} GitLab reads one .gitlab-ci.yml: export this one to its own file, \`${ownExport}\`, and include both files from a .gitlab-ci.yml of your own (docs/export.md, "Several pipelines in one repository")${check ? '' : '; or replace it with --force'}`;
}

/** A --via-cli job's set-up comes from package.json (engines.node) and where the lockfile is too: a change there drifts the file. */
function sourcesOf(command: string): string {
  return command.includes(' --via-cli') ? 'the pipeline, package.json or the lockfile' : 'the pipeline';
}

/**
 * "Again" is the same export: without `--via-cli` the file on disk decides (a `--via-cli` export
 * stays one, so a re-export or a `--check` hook line never drops it unasked); `--force` asks for plain jobs.
 */
function askedViaCli(opts: Options): boolean | undefined {
  if (opts['via-cli'] === true) { return true; }
  return opts.force === true ? false : undefined;
}

/** The same export as the user asked for it (or the file on disk was), as one shell line (paths quoted where needed). */
function exportAgain(target: ExportTarget, opts: Options, viaCli: boolean): string {
  const parts = ['gearshift export', target];
  if (viaCli) { parts.push('--via-cli'); }
  if (opts.out !== undefined) { parts.push(`--out ${shellWord(opts.out)}`); }
  if (opts.config !== undefined) { parts.push(`--config ${shellWord(opts.config)}`); }
  return printable(parts.join(' '));
}

/**
 * Writes the file as `sed -i` and git do: a read-only (0444) file is replaced, since the export
 * is the file's generator and refusing would only send the user to chmod; but said on stderr,
 * since a user who made it read-only may have meant to protect it.
 */
async function replaceExport(file: string, text: string, io: CliIo): Promise<void> {
  const mode = await fs.promises.lstat(file).then((st) => (st.isFile() ? st.mode : undefined), () => undefined);
  await writeExport(file, text).catch(fileError(io, file));
  if (mode !== undefined && (mode & 0o222) === 0) { io.stderr.write(`! ${printable(displayPath(file, io.cwd))} was read-only; replaced\n`); }
}

/**
 * A path that is a folder, unreadable or unwritable: the user's to fix, said plainly (exit 2), not
 * a crash. A failure on the temporary file beside the target (the write goes through one) is the
 * folder's: the folder is named, in core/lock's words, never the temporary name or a bare errno.
 */
function fileError(io: CliIo, file: string | undefined): (e: unknown) => Promise<never> {
  return async (e: unknown) => {
    if (e instanceof ExportFileRefused) { throw new CliError(printable(e.message), EXIT.usage); }
    const err = e as NodeJS.ErrnoException;
    const at = err.path ?? file;
    if (typeof err.code !== 'string' || at === undefined) { throw e; }
    // The reason can quote the whole path (ENAMETOOLONG's "open '…'"): cut, as argText cuts the path (argEcho.test on a fresh machine).
    if (file !== undefined && isTemporaryOf(at, file)) {
      const folder = path.dirname(file);
      const shown = argText(displayPath(folder, io.cwd) || '.');
      throw new CliError(`cannot write ${argText(displayPath(file, io.cwd))}: the folder ${shown} is not writable (${printable(await whyNotWritten(err, folder), { max: 200 })}); nothing written`, EXIT.usage);
    }
    // argText: the path may be --out's value, of any length (a 100 KB one is ENAMETOOLONG here, fault31 LOW-3).
    throw new CliError(`${argText(displayPath(at, io.cwd))}: ${err.code === 'EISDIR' ? 'is a folder' : err.code}; nothing written`, EXIT.usage);
  };
}

/** `.gearshift.yml.<pid>.<random>.tmp` beside `file`: core/fileio temporaryFor's name. */
function isTemporaryOf(at: string, file: string): boolean {
  const name = path.basename(at);
  return path.dirname(at) === path.dirname(file) && name.startsWith(`.${path.basename(file)}.`) && name.endsWith('.tmp');
}

function parseTarget(value: string | undefined): ExportTarget {
  const target = EXPORT_TARGETS.find((t) => t === value);
  if (target === undefined) {
    throw new UsageError(value === undefined ? 'name the engine: github or gitlab' : `unknown engine '${argText(value)}': github or gitlab`);
  }
  return target;
}

/** The diff quotes stage names and commands: shown, never interpreted by the terminal. */
function printableDiff(diff: string): string {
  return diff.split('\n').map((line) => printable(line)).join('\n');
}
