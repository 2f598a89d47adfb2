/** `gearshift validate`: the config check the extension's Problems panel shows, for CI and hooks. */
import { everyBranchWarning, loadPipeline, queueAllWarning } from '../../core/config';
import { PipelineEngine } from '../../core/engine';
import { flagsFilesOf } from '../../core/flags';
import { printable, shortSha } from '../../core/format';
import { style } from '../../core/render';
import type { OptionSpec, OptionValues } from '../args';
import { useColor } from '../color';
import { fileErrors, flagsContextFor, loadFlagsFiles } from '../../core/flags';
import { CONFIG_LOOKUP_HELP, EXIT, defineCommand } from '../command';
import { printConfigErrors } from '../configErrors';
import type { CliIo } from '../io';
import { locatePipelineFile } from '../locate';
import { displayPath } from '../paths';
import { sharedFlagsNotes } from './flagsWhich';

const OPTIONS = [{ name: 'config', type: 'string' }] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check .gearshift.yml and its flags files, and list every problem in them',
  options: OPTIONS,
  help: `Usage: gearshift validate [--config PATH]

Checks the pipeline file and its flags files (flags: in it, else flags.json and the
other default names) without running anything. Prints "✔ <file> is valid: N stages"
and exits 0, or prints one "file:line:col: message" line per problem on stderr and
exits 2.
With \`checkout: clean\`, runs follow the commit's own file: a line says so when that is
not this one (it differs from HEAD's, or HEAD's does not say clean yet).

Options:
  --config PATH   the pipeline file to check
  -h, --help      show this help

${CONFIG_LOOKUP_HELP}
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const located = await locatePipelineFile(io.cwd, opts.config);
  const loaded = await loadPipeline(located.configFile);
  if (!loaded.ok) {
    printConfigErrors(loaded.errors, io);
    return EXIT.usage;
  }
  // The flags files are part of what ships: CI's `validate` catches a broken one, as `flags list` would.
  const flagErrors = fileErrors(await loadFlagsFiles(flagsContextFor(located.folder, loaded.pipeline.flags)));
  if (flagErrors.length > 0) {
    printConfigErrors(flagErrors, io);
    return EXIT.usage;
  }
  const n = loaded.pipeline.stages.length;
  const s = style(useColor(io.stdout, io.env));
  io.stdout.write(`${s.green(`✔ ${displayPath(located.configFile, io.cwd)} is valid: ${n} stage${n === 1 ? '' : 's'}`)}\n`);
  for (const warning of [queueAllWarning(loaded.pipeline), everyBranchWarning(loaded.pipeline)]) {
    if (warning) { io.stdout.write(`${s.yellow(`! ${warning}`)}\n`); }
  }
  const flagsFiles = flagsFilesOf(located.folder, loaded.pipeline.flags).files.map((f) => f.path);
  for (const note of await sharedFlagsNotes(located.folder, flagsFiles, io.cwd)) { io.stdout.write(`${s.yellow(`! ${note}`)}\n`); }
  if (loaded.pipeline.checkout === 'clean') {
    const note = await cleanRunNote(new PipelineEngine({ folder: located.folder, configFile: located.configFile }));
    if (note) { io.stdout.write(`${s.yellow(`! ${printable(note)}`)}\n`); } // a refusal's reason may quote a path from the repository
  }
  return EXIT.ok;
}

/** What a run would follow instead of this file (core/engine/runSource.ts), when it would not follow this one. */
async function cleanRunNote(engine: PipelineEngine): Promise<string | undefined> {
  const checked = await engine.check({ trigger: 'cli' });
  if (checked.kind === 'invalid') { return `checkout: clean: runs follow HEAD's own file, which has problems (\`gearshift run\` lists them)`; }
  if (checked.kind === 'refused') { return checked.reason; }
  if (checked.note === 'clean-not-committed') { return 'checkout: clean is not in HEAD\'s file yet: runs use the working tree as it is until it is committed'; }
  if (checked.note !== 'commit-differs') { return undefined; }
  const n = checked.pipeline.stages.length;
  return `checkout: clean: runs follow the file of commit ${shortSha(checked.commit)} (HEAD), which differs from this one (${n} stage${n === 1 ? '' : 's'}) until it is committed`;
}
