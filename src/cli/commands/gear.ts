/** `gearshift gear`: which gear the team is in, what limits it, how to shift up. */
import { formatGaugeText, NO_PIPELINE_FILE } from '../../core/gears';
import type { OptionSpec, OptionValues } from '../args';
import { EXIT, defineCommand } from '../command';
import { gaugeFor, gaugeJson, keptGaugeFigures, readGaugeHistory, startGauge, startRepoScan } from '../gauge';
import type { CliIo } from '../io';
import { locateExistingConfig, noPipelineFile } from '../locate';
import { jsonText } from '../jsonText';

const OPTIONS = [{ name: 'json', type: 'boolean' }, { name: 'config', type: 'string' }] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const gearCommand = defineCommand({
  name: 'gear',
  summary: 'which gear the team is in, what limits it, and how to shift up',
  options: OPTIONS,
  help: `Usage: gearshift gear [--json] [--config PATH]

Reads the run history and the repository and prints the gear (1st: about monthly … 5th:
every commit), the limiting factor with the number behind it, the next practices, DORA's
five metrics (change lead time, deployment frequency, failed deployment recovery time,
change fail rate, deployment rework rate) with their Accelerate State of DevOps 2024 bands
and sample sizes ("not enough data" below 3), and the readiness checklist. Always exits 0.

Options:
  --json          print {"gear", "metrics" (the five, each {value, unit, band?,
                  sampleSize}), "bands", "speed", "checklist"}
  --config PATH   the pipeline to read
  -h, --help      show this help
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const located = await locateExistingConfig(io.cwd, opts.config);
  // No file is no gear to measure, not "a file with errors" (walkcli32 M4): one line, in the gauge's words
  // (core/gears NO_PIPELINE_FILE, which --json and the editor's gauge say too), as `status` says it.
  if (opts.json !== true && noPipelineFile(located)) {
    io.stdout.write(`Gear: ${NO_PIPELINE_FILE}: \`gearshift init\` writes one, then \`gearshift run\`\n`);
    return EXIT.ok;
  }
  const now = Date.now();
  const starting = startGauge(located.folder, located.configFile, io);
  const scan = startRepoScan(located.folder, starting);
  // --json: figures an earlier call kept for these bytes, this git and this clock (cli/gaugeAnswer.ts).
  const start = await starting;
  const figures = opts.json === true ? await keptGaugeFigures(located.folder, start, now, scan) : undefined;
  if (figures) {
    io.stdout.write(`${jsonText(figures.gauge)}\n`);
    return EXIT.ok;
  }
  const read = await readGaugeHistory(located.folder, located.configFile, io, now, true, start);
  const model = await gaugeFor(located.folder, located.configFile, io, now, read, scan);
  io.stdout.write(opts.json === true ? `${jsonText(gaugeJson(model))}\n` : formatGaugeText(model));
  return EXIT.ok;
}
