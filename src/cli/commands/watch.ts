/**
 * `gearshift watch`: the commit tracker and the commit trigger in the foreground, the same
 * core the editor uses. Each new commit is one line; each run it starts prints as in `run`.
 */
import { CommitTrigger, PipelineAlerts } from '../../core/automation';
import { style, type Style } from '../../core/render';
import { PipelineEngine } from '../../core/engine';
import type { OptionSpec, OptionValues } from '../args';
import { UsageError } from '../args';
import { WATCH_APPROVAL_HINT, cliApprover } from '../approval';
import { nobodyCanAnswer } from '../confirm';
import { useColor } from '../color';
import { CONFIG_LOOKUP_HELP, EXIT, defineCommand } from '../command';
import { docsPage } from '../docsPage';
import { printConfigErrors } from '../configErrors';
import type { CliIo, OutStream } from '../io';
import { locateWatched, notWatchedText } from '../watchBelow';
import { displayPath } from '../paths';
import { flushAlerts } from './run';
import { printRuns } from '../runOutput';
import { StopSignal } from '../stopSignal';
import { eventJson, eventText, modeLine } from '../watchText';
import { deployRunHooks } from '../../core/deploy';
import { cliSecretSource, envSecretMask } from '../secretSource';
import { jsonText } from '../jsonText';
import { argText } from '../argText';
import { printable } from '../../core/format';
import type { Pipeline } from '../../core/config';
import { closeRunLogs, saveRunLogs } from '../runLogs';
import { ranBeforeWatch } from '../watchRanBefore';
import { headBeforeWatch, headNotRunText } from '../watchHeadNotRun';
import { deployedLine } from '../watchDeployed';
import type { RunRecord } from '../../core/pipeline';

const OPTIONS = [
  { name: 'json', type: 'boolean' },
  { name: 'config', type: 'string' },
  { name: 'remind-minutes', type: 'string' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const watchCommand = defineCommand({
  name: 'watch',
  summary: 'watch the repository and run the pipeline on each new commit',
  options: OPTIONS,
  // A getter: where the docs are is looked up when the help is shown, not when the CLI loads.
  get help() {
    return `Usage: gearshift watch [--remind-minutes N] [--json] [--config PATH]

Watches the repository in the foreground until Ctrl+C. Every new commit, however it was
made (terminal, editor, amend, merge, rebase, pull), prints one line: short sha, branch,
subject, and whether it starts a run. A branch switch or reset prints as a HEAD move.

With \`trigger: commit\` in the pipeline, a new commit on a branch matching \`branches:\`
runs the pipeline for that exact sha, printed as \`gearshift run\` prints it. Commits made
during a run wait: with \`queue: latest\` (default) only the newest waits and its run covers
the ones it jumped over, so a commit is told it "runs next unless a newer commit comes first"
and, when a newer commit's run covers it, a second line says which run; with \`queue: all\`
each gets its own run. No commit runs twice, and a commit already run by hand (\`gearshift run\`,
the editor) is not run again. Stages run in the folder as it is (a run over uncommitted
changes says so); with \`checkout: clean\` they run in a temporary worktree of that commit.
With \`trigger: manual\` commits are listed but start no runs; watch says so at start.
A HEAD committed before the watch started (the commit that turned \`trigger: commit\` on) is
not run by it: watch says so at start when HEAD has no run; \`gearshift run\` runs it.
Watch runs one pipeline, the nearest .gearshift.yml: at a monorepo's top it names, at start,
each subfolder pipeline with \`trigger: commit\` it does not run (run a watch in each of those).

The pipeline file is re-read on every commit, so it can be edited while watching. An
invalid file at start exits 2; one broken later is reported once and nothing runs until
it is fixed.

Options:
  --json          stdout gets one JSON object per line: {"type":"commit",…} for each new
                  commit, {"type":"covered",…} when a newer commit's run covers
                  commits (queue: latest), {"type":"run","run":{…}} for each
                  finished run, and {"type":"deployed",…} when a run reached
                  production; stage output and messages go to stderr
  --remind-minutes N
                  while red, remind every N minutes (default 15; 0 = never), as the
                  editor's gearshift.reminderMinutes
  --config PATH   the pipeline file to use
  -h, --help      show this help

While the pipeline is red, watch prints a reminder every 15 minutes (firmer each time) until
a run is green, and a commit made while red asks once whether it is the fix. With
\`alerts.webhook\` in the config, going red, each reminder and back-to-green are POSTed
there too (see ${docsPage('alerts.md')}).

Ctrl+C (or SIGTERM) stops watching: a running stage is cancelled (its whole process
group), history is written, and gearshift exits 130. Press Ctrl+C again to exit at once.
Manual gates (\`approval: manual\`) are asked on the terminal; with no terminal on stdin,
or in CI, nobody can answer them: watch says so once at start, and each run is cancelled
at the gate, or before its first production stage when a production stage has the gate (no
production stage runs for a deploy nobody can approve). For unattended deploys, remove
\`approval: manual\` from that stage (watch has no --yes).

${CONFIG_LOOKUP_HELP}

Exit codes: 130 stopped by Ctrl+C or SIGTERM, 2 usage or config error at start.
`;
  },
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const remindMinutes = reminderMinutes(opts['remind-minutes']);
  const json = opts.json === true;
  const out = json ? io.stderr : io.stdout;
  const color = useColor(out, io.env);
  const located = await locateWatched(io.cwd, opts.config);
  const engine = new PipelineEngine({
    hooks: deployRunHooks(), holderKind: 'watch', folder: located.folder, configFile: located.configFile, approve: cliApprover(false, io, located.folder, WATCH_APPROVAL_HINT), baseEnv: io.env, color,
    secrets: cliSecretSource(io), ...(nobodyCanAnswer(io) !== undefined ? { nobodyCanApprove: nobodyCanAnswer(io) } : {}),
  });
  const loaded = await engine.validate();
  if (!loaded.ok) {
    printConfigErrors(loaded.errors, io);
    return EXIT.usage;
  }
  const logs = saveRunLogs(engine, io);
  const stop = new StopSignal(engine, io, 'watch');
  const trigger = new CommitTrigger({ engine });
  // Escalation while watching: the terminal hears it, and so does the webhook (read per alert).
  const alerts = new PipelineAlerts(engine, { reminderMs: remindMinutes * 60_000, log: (_level, line) => io.stderr.write(`gearshift watch: ${line}\n`) });
  // Read before the trigger starts: only runs before this watch count as "already run before".
  const [ranBefore, headBefore] = await Promise.all([ranBeforeWatch(engine), headBeforeWatch(engine.folder)]);
  const offs = [stop.dispose.bind(stop), printRuns(engine, { out, io, color }), ...report({ engine, trigger, alerts, out, io, json, s: style(color), mask: envSecretMask(io.env), ranBefore })];
  try {
    await Promise.all([alerts.start(), trigger.start()]);
    printStart(trigger, { folder: engine.folder, config: displayPath(located.configFile, io.cwd), remindMinutes }, out, style(color));
    // After what commits do, and only when they start runs: with trigger: manual no run reaches the gate (firsthour34 F13).
    if (trigger.mode().state === 'commit') { warnUnansweredGate(loaded.pipeline, io); }
    io.stderr.write(headNotRunText(headBefore, trigger, ranBefore)); // HEAD from before the watch: how to run it (review41 F5)
    io.stderr.write(await notWatchedText(engine.folder));
    await stop.stopped;
    // No new run from here; the running one was cancelled by the signal; wait for its processes and history.
    await trigger.dispose();
    await engine.dispose();
    await flushAlerts(alerts, io);
    return EXIT.cancelled;
  } finally {
    offs.forEach((off) => off());
    alerts.dispose();
    await trigger.dispose();
    await engine.dispose();
    await closeRunLogs(logs);
  }
}

interface Reporting {
  engine: PipelineEngine; trigger: CommitTrigger; alerts: PipelineAlerts; out: OutStream; io: CliIo; json: boolean; s: Style; mask: <T>(value: T) => T;
  /** Commits run before this watch started: a restart re-reads the last of them (watchRanBefore.ts). */
  ranBefore: ReadonlyMap<string, RunRecord>;
}

/** Escalations and commit events as terminal lines (and JSON lines with --json); returns the unsubscribers. */
function report({ engine, trigger, alerts, out, io, json, s, mask, ranBefore }: Reporting): Array<() => void> {
  const saidRanBefore = new Set<string>();
  return [
    alerts.onEscalation((e) => {
      if (json) { io.stdout.write(`${jsonText({ type: 'escalation', event: e.type, level: e.level, message: e.message })}\n`); }
      out.write(`${e.type === 'backToGreen' ? s.green(e.message) : e.type === 'commitWhileRed' ? s.yellow(e.message) : s.red(s.bold(e.message))}\n`);
    }),
    trigger.onEvent((e) => {
      if (e.type === 'configInvalid') {
        io.stderr.write('gearshift watch: the pipeline file is invalid: commits start no runs until it is fixed\n');
        printConfigErrors(e.errors, io);
        return;
      }
      if (e.type === 'commitSeen') { alerts.onCommit(e.commit.sha, e.decision.triggers); }
      const earlier = e.type === 'commitSeen' && e.decision.triggers ? ranBefore.get(e.commit.sha) : undefined;
      if (earlier && e.type === 'commitSeen') { saidRanBefore.add(e.commit.sha); }
      if (e.type === 'ranElsewhere' && saidRanBefore.has(e.plan.sha)) { return; } // its commit's line said so
      if (e.type === 'commitsCovered') { e = { ...e, shas: e.shas.filter((sha) => !saidRanBefore.has(sha)) }; } // "already run before" stands
      // Read from history and deploy.json first: printed when known (the next run may have begun meanwhile).
      if (e.type === 'commitsDeployed' && e.past !== true) { void deployedLine(engine, e, s).then((text) => out.write(mask(text))); }
      const { text, toStderr } = e.type === 'commitsDeployed' ? { text: '' } : eventText(mask(e), s, earlier);
      if (text) { (toStderr ? io.stderr : out).write(text); }
      const line = json ? eventJson(mask(e)) : undefined;
      if (line) { io.stdout.write(`${line}\n`); }
    }),
  ];
}

/** The editor's default for gearshift.reminderMinutes. */
const DEFAULT_REMIND_MINUTES = 15;
/** A week: longer is no reminder, and timers cannot wait much beyond 24 days. */
const MAX_REMIND_MINUTES = 10_080;

/** --remind-minutes: a whole number of minutes, 0 for never; anything else is a usage error before watching starts. */
function reminderMinutes(text: string | undefined): number {
  if (text === undefined) { return DEFAULT_REMIND_MINUTES; }
  const minutes = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(minutes <= MAX_REMIND_MINUTES)) {
    throw new UsageError(`--remind-minutes must be a whole number of minutes (0 = never) up to ${MAX_REMIND_MINUTES}, not '${argText(text)}'`);
  }
  return minutes;
}

/** Said once at start: a gate nobody can answer cancels every run that reaches it (and a production one, before production). */
function warnUnansweredGate(pipeline: Pipeline, io: CliIo): void {
  const why = nobodyCanAnswer(io);
  const gated = pipeline.stages.find((st) => st.approval === 'manual');
  if (why === undefined || !gated) { return; }
  const name = printable(gated.name);
  const stops = gated.environment === 'production' ? 'runs stop before the production stages' : 'runs stop at it';
  io.stderr.write(`gearshift watch: stage "${name}" needs approval and nobody can answer it here (${why}): ${stops}; ${WATCH_APPROVAL_HINT(name)}\n`);
}

interface StartFacts { folder: string; config: string; remindMinutes: number }

/** What is watched, in which mode, how often red is recalled, and whether there is a repository yet. */
function printStart(trigger: CommitTrigger, { folder, config, remindMinutes }: StartFacts, out: OutStream, s: Style): void {
  const mode = modeLine(trigger.mode());
  out.write(`${s.bold('gearshift watch')}: ${config}; ${mode.warn ? s.yellow(mode.text) : mode.text}\n`);
  out.write(s.dim(remindMinutes === 0 ? 'while red: no reminders (--remind-minutes 0)\n' : `while red: a reminder every ${remindMinutes} min\n`));
  out.write(trigger.tracker.status().state === 'tracking'
    ? s.dim(`watching ${folder} for new commits (Ctrl+C to stop)\n`)
    : s.yellow(`${folder} is not in a git repository yet: waiting for one (Ctrl+C to stop)\n`));
}
