/** `gearshift history`: past runs, newest first, one line each. */
import { argText } from '../argText';
import type { RunRecord } from '../../core/pipeline';
import { type OptionSpec, type OptionValues, UsageError } from '../args';
import { EXIT, defineCommand } from '../command';
import { runDuration } from '../describe';
import { failedStageOf } from '../../core/redgreen';
import { environmentWords, productionChange } from '../../core/engine';
import { localTime, printable, shortSha } from '../../core/format';
import { readHistory } from '../historyRead';
import type { CliIo } from '../io';
import { firstStep, locateExistingConfig } from '../locate';
import { jsonText } from '../jsonText';

const DEFAULT_LIMIT = 20;

const OPTIONS = [{ name: 'limit', type: 'string', short: 'n' }, { name: 'json', type: 'boolean' }, { name: 'config', type: 'string' }] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const historyCommand = defineCommand({
  name: 'history',
  summary: 'past runs, newest first',
  options: OPTIONS,
  help: `Usage: gearshift history [--limit N] [--json] [--config PATH]

Lists pipeline runs, newest first: state, commit, branch, trigger, the environment it
deployed to (ENV: "prod → blue" for a run, switch or rollback that changed production and
the slot it made live, "prod" without blue/green, "prod (partial)" without blue/green when
its production stages were stopped part-way (production may hold part of it), "prod (unknown)"
when a switch was stopped part-way, "prod (unchanged)" when production stages ran but what is
live stayed, "non-prod", "-" for neither or for a run that stopped before
its production stages), start time, duration and the
stage that failed. Lines of the history file that cannot be read are reported
on stderr ("history.jsonl:LINE: skipped: …") and skipped.

Options:
  -n, --limit N   show the newest N runs (default ${DEFAULT_LIMIT})
  --json          print the run records as one JSON array; each has "changedProduction":
                  {"slot" (the slot made live, or null without blue/green or
                  when not known)}, plus "unknown": "partial" (without blue/green,
                  stopped in its production stages) or "switch" (a switch stopped
                  part-way) when it may have changed production; or null
  --config PATH   the pipeline whose history to read (each pipeline file has its own)
  -h, --help      show this help
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const limit = parseLimit(opts.limit);
  const located = await locateExistingConfig(io.cwd, opts.config);
  const { runs, unreadable } = await readHistory(located.folder, limit, io);
  if (opts.json === true) {
    io.stdout.write(`${jsonText(runs.map(withProductionChange))}\n`);
  } else if (unreadable) {
    // The read failed (said on stderr): "no runs yet" would be a claim about runs nobody could see.
    io.stdout.write('The run history could not be read (above), so which runs there were is not known.\n');
  } else if (runs.length === 0) {
    io.stdout.write(`No pipeline runs yet; ${firstStep(located.found)}.\n`);
  } else {
    io.stdout.write(table(runs));
  }
  return EXIT.ok;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) { return DEFAULT_LIMIT; }
  if (!/^\d+$/.test(value) || Number(value) < 1) { throw new UsageError(`--limit needs a whole number of at least 1, not '${argText(value)}'`); }
  return Number(value);
}

/** --json's record: the run as written, and whether it changed production (M3: a key added, none renamed). */
function withProductionChange(run: RunRecord): RunRecord {
  const change = productionChange(run);
  return { ...run, changedProduction: change ? { slot: change.slot ?? null, ...(change.unknown !== undefined ? { unknown: change.unknown } : {}) } : null };
}

const HEADER = ['STATE', 'SHA', 'BRANCH', 'TRIGGER', 'ENV', 'STARTED', 'DURATION', 'FAILED'];

/** Plain aligned columns (no colour): easy to read, grep and cut. Cells are data from a file: printable. */
function table(runs: RunRecord[]): string {
  const rows = runs.map((r) => [r.state, shortSha(r.sha), r.branch || '-', r.trigger, environmentWords(r), localTime(r.startedAt), runDuration(r) || '-', failedStageOf(r) ?? ''].map((c) => printable(c)));
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [HEADER, ...rows].map((cells) => `${line(cells)}\n`).join('');
}
