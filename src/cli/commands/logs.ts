/** `gearshift logs`: a recent run's saved stage output (core/runlog), the failed stage's by default. */
import { argText } from '../argText';
import * as path from 'node:path';
import { closest } from '../../core/config';
import { localTime, printable, shellWord, shortId, shortSha } from '../../core/format';
import { PRODUCTION_MONITORING } from '../../core/redgreen';
import {
  answerFor, answerText, listSavedRuns, logForTerminal, missingStageText, readStageFile, savedStages, stageStateWords, KEEP_RUNS,
  type RunAnswer, type SavedRun, type SavedStage,
} from '../../core/runlog';
import type { OptionSpec, OptionValues } from '../args';
import { useColor } from '../color';
import { CliError, EXIT, defineCommand } from '../command';
import { historyFileOf } from '../historyRead';
import type { CliIo } from '../io';
import { locateExistingConfig } from '../locate';
import { envSecretMask } from '../secretSource';
import { listText, NONE_YET } from './logsList';
import { chooseTarget, historyFor, newerUnsaved, noOutputOf, redEndedBy, type LogsTarget } from './logsTarget';

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
       gearshift logs --list [--config PATH]

Prints a stage's output from a recent run, as the terminal showed it (secrets masked).
Every run saves its stages' output beside the history; the last ${KEEP_RUNS} runs are kept.

Without RUN: while the pipeline is red, its latest red run (the run \`status\` and the
editor's red item show); else the latest run. Without --stage: the stage that failed (or
timed out). A run red in production with every stage passed (a failed switch or rollback,
a monitoring alert) saved no stage output: what failed goes to stderr and what it said to
stdout. An interrupted run (killed): which stage it was in, whose output was not saved; the
newest run, killed before its first stage ended, is that run (it saved nothing).
Newer runs that saved no output (a gate nobody answered, a run cancelled before its
first stage ended) are named on stderr before the run shown.
On a green run, the last stage that ran. Which run and stage it is goes to stderr first,
so stdout is the log alone.

  RUN             a run id or its start (4 characters at least; as --list or history
                  shows it), or the start of a commit sha (that commit's latest run)
  --stage NAME    the stage whose output to print
  -l, --list      the recent runs, newest first, as history lists them; a run that
                  saved no output (no stage had ended) says "no output"
  --config PATH   the pipeline whose runs to read (each pipeline file has its own)
  -h, --help      show this help

A saved log holds each stage's first 64 KiB and last 1 MiB of output, with a line saying
how much was left out between. A stage still running (or killed with its process) has no
saved output. Escape sequences are removed; colours stay on a terminal that shows them
(not blinking or concealed text).

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
    io.stdout.write(await listText(runs, located.folder, io));
    return EXIT.ok;
  }
  const history = await historyFor(located.folder, io, opts.run);
  const target = chooseTarget(runs, history, opts.run);
  if (!target) {
    io.stdout.write(NONE_YET);
    return EXIT.ok;
  }
  const stages = target.saved ? (await savedStages(dataDir, target.saved.meta.id)) ?? [] : [];
  if (opts.stage !== undefined && stillRunning(target, stages, opts.stage)) {
    io.stderr.write(lines(missingStageText(target.record, stages, opts.stage)));
    return EXIT.ok;
  }
  // Without RUN: a red run shown while green says what ended it; newer runs that saved nothing are named.
  for (const note of opts.run === undefined ? [redEndedBy(target, history), newerUnsaved(target, history)] : []) {
    if (note) { io.stderr.write(lines(note)); }
  }
  // A run history lists with no saved output: a production failure's or an interruption's record explains it.
  const unsaved = !target.saved && target.record ? answerFor(target.record, []).kind : undefined;
  if (target.record && unsaved !== undefined && (opts.stage !== undefined || (unsaved !== 'production' && unsaved !== 'interrupted'))) { throw noOutputOf(target.record, runs); }
  if (opts.stage !== undefined) { return printStage(io, target, stages, chooseStage(stages, opts.stage, target)); }
  const answer = answerFor(target.record, stages);
  if (answer.kind === 'stage') { return printStage(io, target, stages, answer); }
  if (answer.kind === 'none') { throw new CliError(`run ${shortId(idOf(target))} has no saved stage output (no stage had ended)`, EXIT.usage); }
  io.stderr.write(lines(answer.kind === 'production' ? productionLine(answer) : answerText(answer)));
  if (answer.kind === 'production') { io.stdout.write(shownLog(io, `${answer.message}\n`)); }
  return EXIT.ok;
}

function idOf(target: LogsTarget): string { return target.saved?.meta.id ?? target.record?.id ?? ''; }

/** The stage is running now in another process: its output is saved when it ends (not an error). */
function stillRunning(target: LogsTarget, stages: readonly SavedStage[], name: string): boolean {
  const record = target.record;
  return record?.state === 'running' && !stages.some((s) => s.header.stage === name) && record.stages.some((s) => s.name === name);
}

async function printStage(io: CliIo, target: LogsTarget, stages: readonly SavedStage[], chosen: Chosen): Promise<number> {
  const log = await readStageFile(chosen.stage.file);
  if (!log) { throw new CliError(`the log of stage "${printable(chosen.stage.header.stage)}" could not be read (pruned meanwhile?)`, EXIT.usage); }
  io.stderr.write(describe(target, stages, chosen));
  io.stdout.write(shownLog(io, log.text));
  return EXIT.ok;
}

/**
 * Saved output as the terminal shows it, masked again with every GEARSHIFT_SECRET_* value set now: a secret the run's
 * masker could not see whole (cut by a control character this cleaning removes) is not printed joined (security41 F1).
 */
function shownLog(io: CliIo, text: string): string {
  return envSecretMask(io.env)(logForTerminal(text, useColor(io.stdout, io.env)));
}

/** The stderr line before a production failure's message: which run, what failed. */
function productionLine(answer: Extract<RunAnswer, { kind: 'production' }>): string {
  const run = answer.run;
  const cause = answer.what === PRODUCTION_MONITORING ? 'a production monitoring alert' : `${answer.what} failed`;
  return `run ${shortId(run.id)} · ${shortSha(run.sha)} · ${localTime(run.endedAt ?? run.startedAt)} · red in production: ${cause}; no stage failed, so no stage output was saved; what it said follows`;
}

/** Every field comes from files anyone who can write .git may edit: each line is made printable. */
function lines(text: string): string {
  return `${text.replace(/\n$/, '').split('\n').map((line) => printable(line)).join('\n')}\n`;
}

type Chosen = { stage: SavedStage; why: 'failed' | 'last' | 'asked' };

function chooseStage(stages: readonly SavedStage[], name: string, target: LogsTarget): Chosen {
  const runName = `run ${shortId(idOf(target))}`;
  const asked = stages.find((s) => s.header.stage === name);
  if (asked) { return { stage: asked, why: 'asked' }; }
  const answer = answerFor(target.record, stages);
  if (answer.kind === 'interrupted' && answer.during === name) { throw new CliError(lines(answerText(answer)).trimEnd(), EXIT.usage); }
  const names = stages.map((s) => s.header.stage);
  const guess = closest(name, names);
  throw new CliError(
    `--stage: ${runName} saved no output of a stage named "${argText(name)}"${guess ? ` (did you mean "${argText(guess)}"?)` : ''}\n` +
    (names.length > 0 ? `Its saved stages are:\n${names.map((n) => `  ${printable(n)}\n`).join('')}` : 'It saved no stage output.\n'),
    EXIT.usage,
  );
}

/** The stderr line before the log: which run, which stage, and why that stage. */
function describe(target: LogsTarget, stages: readonly SavedStage[], chosen: Chosen): string {
  const run = target.saved as SavedRun;
  const h = chosen.stage.header;
  const head = `run ${shortId(run.meta.id)} · ${shortSha(run.meta.sha)} · ${localTime(run.meta.startedAt)} · stage "${printable(h.stage)}" ${stageStateWords(h.state)}${h.exitCode !== null && h.state === 'failed' ? ` (exit ${h.exitCode})` : ''}`;
  const others = chosen.why === 'last' && stages.length > 1
    ? `\nno stage failed; stages that ran: ${stages.map((s) => `"${printable(s.header.stage)}"`).join(', ')}; this is the last (--stage NAME for another)` : '';
  const cut = h.omitted > 0 ? `\n${h.omitted} of its ${h.bytes} bytes of output were left out` : '';
  // Every field comes from files anyone who can write .git may edit: each line is made printable.
  return `${`${head}${others}${cut}${alsoFailed(stages, chosen)}${runningNow(target)}`.split('\n').map((line) => printable(line)).join('\n')}\n`;
}

/** Parallel stages can fail together: the first one's log is shown, the others are named. */
function alsoFailed(stages: readonly SavedStage[], chosen: Chosen): string {
  if (chosen.why === 'last') { return ''; }
  const others = stages.filter((s) => s !== chosen.stage && (s.header.state === 'failed' || s.header.state === 'timedOut'));
  return others.map((s) => `\nalso ${stageStateWords(s.header.state)}: "${s.header.stage}" (gearshift logs --stage ${shellWord(s.header.stage)})`).join('');
}

/** A run still going in another process (history says running): its later stages' output comes when they end. */
function runningNow(target: LogsTarget): string {
  const record = target.record;
  if (record?.state !== 'running') { return ''; }
  const now = record.stages.filter((s) => s.state === 'running').map((s) => `"${s.name}"`);
  return `\nrun ${shortId(record.id)} is still running${now.length > 0 ? ` (now: ${now.join(', ')})` : ''}: a stage's output is saved when it ends`;
}
