/** `gearshift init`: the starter pipeline the extension's "Create Pipeline Config" writes. */
import * as path from 'node:path';
import { parsePipelineText, createTemplate, danglingLinkMessage, CONFIG_FILE_NAME } from '../../core/config';
import { fileIo, keptAttributes } from '../../core/fileio';
import { starterBranch } from '../../core/git';
import type { OptionSpec, OptionValues } from '../args';
import { CliError, EXIT, defineCommand } from '../command';
import type { CliIo } from '../io';

const OPTIONS = [{ name: 'force', type: 'boolean' }] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const initCommand = defineCommand({
  name: 'init',
  summary: 'write a starter .gearshift.yml in the current folder',
  options: OPTIONS,
  help: `Usage: gearshift init [--force]

Writes .gearshift.yml in the current folder: the eight stages of a continuous-deployment
pipeline, with commands taken from your package.json scripts or Makefile targets where
they exist and TODO commands (which fail on purpose) where they do not.

Options:
  --force      overwrite an existing .gearshift.yml
  -h, --help   show this help
`,
  run,
});

/** A new file (under `sudo`, its folder's owner's: core/fileio). */
async function createFile(file: string, text: string): Promise<void> {
  const handle = await fileIo.open(file, 'wx');
  try { await handle.writeFile(text, 'utf8'); } finally { await handle.close(); }
}

async function run(opts: Options, io: CliIo): Promise<number> {
  const file = path.join(io.cwd, CONFIG_FILE_NAME);
  const text = await createTemplate(io.cwd, await starterBranch(io.cwd));
  try {
    // 'wx' fails if the file exists, with no gap between checking and writing.
    // --force renames a new file over the name: a symlink there is replaced, never written through (it may point outside);
    // a file there passes on its mode and owner (`sudo gearshift init --force` leaves it its user's).
    await (opts.force === true ? fileIo.replaceFile(file, text, await keptAttributes(file)) : createFile(file, text));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      // `validate` calls this same link missing: name it, so the two answers agree.
      const dangling = danglingLinkMessage(file);
      if (dangling) { throw new CliError(`${dangling}; use --force to replace the link with a new file (nothing is written where it points)`, EXIT.usage); }
      throw new CliError(`${CONFIG_FILE_NAME} already exists in ${io.cwd}; use --force to overwrite it`, EXIT.usage);
    }
    throw new CliError(`could not write ${file}: ${(e as Error).message}`, EXIT.usage);
  }
  const parsed = parsePipelineText(text, file);
  const stages = parsed.ok ? `${parsed.pipeline.stages.length} stages` : 'stages';
  io.stdout.write(`✔ wrote ${CONFIG_FILE_NAME} with ${stages}. Replace any TODO commands, then run \`gearshift validate\` and \`gearshift run\`.\n`);
  return EXIT.ok;
}
