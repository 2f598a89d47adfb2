/** `gearshift validate`: the config check the extension's Problems panel shows, for CI and hooks. */
import { loadPipeline } from '../../core/config';
import { style } from '../../core/render';
import type { OptionSpec, OptionValues } from '../args';
import { useColor } from '../color';
import { CONFIG_LOOKUP_HELP, EXIT, defineCommand } from '../command';
import { printConfigErrors } from '../configErrors';
import type { CliIo } from '../io';
import { locateConfig } from '../locate';
import { displayPath } from '../paths';

const OPTIONS = [{ name: 'config', type: 'string' }] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check .gearshift.yml and list every problem in it',
  options: OPTIONS,
  help: `Usage: gearshift validate [--config PATH]

Checks the pipeline file without running anything. Prints "✔ <file> is valid: N stages"
and exits 0, or prints one "file:line:col: message" line per problem on stderr and
exits 2.

Options:
  --config PATH   the pipeline file to check
  -h, --help      show this help

${CONFIG_LOOKUP_HELP}
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const located = await locateConfig(io.cwd, opts.config);
  const loaded = await loadPipeline(located.configFile);
  if (!loaded.ok) {
    printConfigErrors(loaded.errors, io);
    return EXIT.usage;
  }
  const n = loaded.pipeline.stages.length;
  const s = style(useColor(io.stdout, io.env));
  io.stdout.write(`${s.green(`✔ ${displayPath(located.configFile, io.cwd)} is valid: ${n} stage${n === 1 ? '' : 's'}`)}\n`);
  return EXIT.ok;
}
