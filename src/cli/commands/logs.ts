/** `gearshift logs`: a recent run's saved stage output (core/runlog), the failed stage's by default. */
import * as path from 'node:path';
import { closest } from '../../core/config';
import { localTime, printable, shortId, shortSha } from '../../core/format';
import type { RunState } from '../../core/pipeline';
import { defaultStage, listSavedRuns, logForTerminal, pickRun, readStageFile, savedStages, KEEP_RUNS, type SavedRun, type SavedStage } from '../../core/runlog';
import type { OptionSpec, OptionValues } from '../args';
import { useColor } from '../color';
import { CliError, EXIT, defineCommand } from '../command';
import { historyFileOf, readHistory } from '../historyRead';
import type { CliIo } from '../io';
import { locateExistingConfig } from '../locate';

const OPTIONS = [
  { name: 'run', type: 'positional' },
  { name: 'stage', type: 'string' },
  { name: 'list', type: 'boolean', short: 'l' },
  { name: 'config', type: 'string' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const logsCommand = defineCommand({
  name: 'logs',
  summary: "a recent run's saved stage output (the failed stage's by default)",
  options: OPTIONS,
  help: `Usage: gearshift logs [RUN] [--stage NAME] [--config PATH]
       gearshift logs --list

Prints a stage's output from a recent run, as the terminal showed it (secrets masked).
Every run saves its stages' output beside the history; the last ${KEEP_RUNS} runs are kept.

Without RUN: the latest run. Without --stage: the stage that failed (or timed out); on a
run where none failed, the last stage that ran. Which run and stage it is goes to stderr
first, so stdout is the log alone.

  RUN             a run id or its start (as --list shows it), or the start of a commit
                  sha (that commit's latest run)
  --stage NAME    the stage whose output to print
  -l, --list      the runs with saved output, newest first
  --config PATH   the pipeline whose runs to read (matters outside git only)
  -h, --help      show this help

A saved log holds each stage's first 64 KiB and last 1 MiB of output, with a line saying
how much was left out between. A stage still running (or killed with its process) has no
saved output. Escape sequences are removed; colours stay on a terminal that shows them.

Exit codes: 0 printed (or nothing saved yet), 2 no such run or stage, or a usage error.
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const located = await locateExistingConfig(io.cwd, opts.config);
  const dataDir = path.dirname(await historyFileOf(located.folder));
  const runs = await listSavedRuns(dataDir);
  if (opts.list === true) {
    if (opts.run !== undefined || opts.stage !== undefined) { throw new CliError('--list takes no RUN or --stage', EXIT.usage); }
    io.stdout.write(runs.length === 0 ? NONE_YET : table(runs, await statesOf(runs, located.folder, io)));
    return EXIT.ok;
  }
  if (runs.length === 0) {
    if (opts.run !== undefined) { throw noRun(opts.run); }
    io.stdout.write(NONE_YET);
    return EXIT.ok;
  }
  const chosen = chooseRun(runs, opts.run);
  const stages = (await savedStages(dataDir, chosen.meta.id)) ?? [];
  const stage = chooseStage(stages, opts.stage, chosen);
  const log = await readStageFile(stage.stage.file);
  if (!log) { throw new CliError(`the log of stage "${printable(stage.stage.header.stage)}" could not be read (pruned meanwhile?)`, EXIT.usage); }
  io.stderr.write(describe(chosen, stages, stage));
  io.stdout.write(logForTerminal(log.text, useColor(io.stdout, io.env)));
  return EXIT.ok;
}

const NONE_YET = 'No saved run output yet: every `gearshift run` (and every run in the editor) saves its stages\' output.\n';

function chooseRun(runs: readonly SavedRun[], ref: string | undefined): SavedRun {
  if (ref === undefined) { return runs[0]; }
  const pick = pickRun(runs, ref);
  if (pick.kind === 'found') { return pick.run; }
  if (pick.kind === 'ambiguous') {
    throw new CliError(`"${printable(ref)}" matches ${pick.ids.length} runs (${pick.ids.slice(0, 5).map(shortId).join(', ')}${pick.ids.length > 5 ? ', …' : ''}); give more of the run id`, EXIT.usage);
  }
  throw noRun(ref);
}

function noRun(ref: string): CliError {
  return new CliError(`no saved run matches "${printable(ref)}" (a run id or the start of a commit sha); \`gearshift logs --list\` shows the runs that have saved output`, EXIT.usage);
}

type Chosen = { stage: SavedStage; why: 'failed' | 'last' | 'asked' };

function chooseStage(stages: readonly SavedStage[], name: string | undefined, run: SavedRun): Chosen {
  const runName = `run ${shortId(run.meta.id)}`;
  if (name === undefined) {
    const found = defaultStage(stages);
    if (!found) { throw new CliError(`${runName} has no saved stage output (no stage had ended)`, EXIT.usage); }
    return found;
  }
  const asked = stages.find((s) => s.header.stage === name);
  if (asked) { return { stage: asked, why: 'asked' }; }
  const names = stages.map((s) => s.header.stage);
  const guess = closest(name, names);
  throw new CliError(
    `--stage: ${runName} saved no output of a stage named "${printable(name)}"${guess ? ` (did you mean "${printable(guess)}"?)` : ''}\n` +
    (names.length > 0 ? `Its saved stages are:\n${names.map((n) => `  ${printable(n)}\n`).join('')}` : 'It saved no stage output.\n'),
    EXIT.usage,
  );
}

/** The stderr line before the log: which run, which stage, and why that stage. */
function describe(run: SavedRun, stages: readonly SavedStage[], chosen: Chosen): string {
  const h = chosen.stage.header;
  const head = `run ${shortId(run.meta.id)} · ${shortSha(run.meta.sha)} · ${localTime(run.meta.startedAt)} · stage "${printable(h.stage)}" ${h.state}${h.exitCode !== null && h.state === 'failed' ? ` (exit ${h.exitCode})` : ''}`;
  const others = chosen.why === 'last' && stages.length > 1
    ? `\nno stage failed; stages that ran: ${stages.map((s) => `"${printable(s.header.stage)}"`).join(', ')}; this is the last (--stage NAME for another)` : '';
  const cut = h.omitted > 0 ? `\n${h.omitted} of its ${h.bytes} bytes of output were left out` : '';
  // Every field comes from files anyone who can write .git may edit: each line is made printable.
  return `${`${head}${others}${cut}`.split('\n').map((line) => printable(line)).join('\n')}\n`;
}

/** run.json says `running` until the run ends; one that never ended (kill -9) is read from history. */
async function statesOf(runs: readonly SavedRun[], folder: string, io: CliIo): Promise<Map<string, RunState>> {
  const states = new Map(runs.map((r) => [r.meta.id, r.meta.state]));
  if (!runs.some((r) => r.meta.state === 'running')) { return states; }
  const { runs: history } = await readHistory(folder, KEEP_RUNS * 2, io);
  for (const h of history) { if (states.get(h.id) === 'running') { states.set(h.id, h.state); } }
  return states;
}

const HEADER = ['RUN', 'SHA', 'STATE', 'STARTED', 'FAILED'];

function table(runs: readonly SavedRun[], states: Map<string, RunState>): string {
  const rows = runs.map((r) => {
    const failed = r.meta.stages?.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name ?? '';
    return [shortId(r.meta.id), shortSha(r.meta.sha), states.get(r.meta.id) ?? r.meta.state, localTime(r.meta.startedAt), failed].map((c) => printable(c));
  });
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [HEADER, ...rows].map((cells) => `${line(cells)}\n`).join('');
}
