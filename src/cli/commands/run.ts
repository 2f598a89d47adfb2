/** `gearshift run`: the pipeline in this terminal, the same engine and history as the editor. */
import type { PipelineAlerts } from '../../core/automation';
import type { Pipeline } from '../../core/config';
import { PipelineEngine, type RunRequest, exitCodeFor } from '../../core/engine';
import { rememberGitLayouts } from '../../core/git';
import type { OptionSpec, OptionValues } from '../args';
import { UsageError } from '../args';
import { cliApprover, nobodyUnlessYes } from '../approval';
import { nobodyCanAnswer } from '../confirm';
import { useColor } from '../color';
import { CONFIG_LOOKUP_HELP, CliError, EXIT, defineCommand } from '../command';
import { noStageError, printConfigErrors } from '../configErrors';
import { InterruptGuard } from '../interrupt';
import type { CliIo, OutStream } from '../io';
import { locateConfig, requirePipelineFile } from '../locate';
import { printRuns } from '../runOutput';
import { installParseStore } from '../parseCache';
import { deployRunHooks } from '../../core/deploy';
import { missingSecretsMessage } from '../../core/secrets';
import { cliSecretSource } from '../secretSource';
import { redRefusalMessage } from '../redRefusal';
import { jsonText } from '../jsonText';
import { sayIfStillRed, stillRedJson } from '../stillRed';
import { closeRunLogs, saveRunLogs } from '../runLogs';

const OPTIONS = [
  { name: 'stage', type: 'string' },
  { name: 'from', type: 'string' },
  { name: 'yes', type: 'boolean', short: 'y' },
  { name: 'json', type: 'boolean' },
  { name: 'config', type: 'string' },
  { name: 'no-alerts', type: 'boolean' },
  { name: 'wait', type: 'boolean' },
  { name: 'override-red', type: 'boolean' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const runCommand = defineCommand({
  name: 'run',
  summary: 'run the pipeline, one stage of it, or from one stage on',
  options: OPTIONS,
  help: `Usage: gearshift run [--stage NAME | --from NAME] [--override-red] [--yes] [--json] [--config PATH] [--no-alerts] [--wait]

Runs the pipeline's stages, streaming their output, then prints a summary table.

Options:
  --stage NAME    run only this stage (its needs are not run)
  --from NAME     run this stage and every stage after it in the file
  --override-red  deploy to production although the pipeline is red (see below)
  -y, --yes       approve stages marked \`approval: manual\` without asking, and
                  skip the production question (below)
  --json          stage output goes to stderr; stdout gets only the finished run
                  record, as one JSON object (with "stillRed", see below)
  --config PATH   the pipeline file to run
  --no-alerts     do not POST to the config's alerts.webhook
  --wait          if another run of this pipeline is in progress (another terminal,
                  \`gearshift watch\`, the editor), wait for it to end instead of refusing
  -h, --help      show this help

Red pipeline: a --stage or --from run that reaches an \`environment: production\` stage
without running the stages it needs (its \`needs\`, transitively; without \`needs\`, the
stages above it) is refused while the pipeline is red (exit 2, nothing runs), as
\`gearshift deploy production\` is, unless --override-red (recorded on the run).
A full run is not refused: its earlier stages run first.
Still red: a green --stage/--from run that did not run every failing stage (or, after a
failed switch, rollback or alert, did not deploy to production) leaves the pipeline red,
as \`gearshift status\` says; a line under the verdict says so and what would end it, and
--json adds "stillRed" {redSince, failedStage, redRunId, mustPass, mustReachProduction,
message} to the record. The exit code is the run's own (0).
Production: at a terminal (stdin a TTY, CI not set) a run that reaches production stages
first shows \`gearshift deploy production\`'s summary and asks "Deploy <sha> to production?
[y/N]"; no runs nothing (exit 130). --yes skips it. In a hook, in CI or without a terminal
nothing is asked: the run goes on as it always has (\`gearshift deploy non-prod\` runs only
the non-prod stages).
Manual gates: without --yes you are asked "Approve stage "X"? [y/N]" when stdin is a
terminal; in CI (CI=true) or without a terminal the gate is declined and the run ends
cancelled (exit 130). When a production stage has a gate nobody can answer, the run stops
before its first production stage: no production stage runs.
One run at a time per pipeline: while another process's run of it is in progress, this one
is refused (exit 2) with who holds it, unless --wait. Pipelines in other folders of the
repository (a monorepo's a/.gearshift.yml, b/.gearshift.yml) run at the same time.
Ctrl+C (or SIGTERM) cancels the run: every stage's processes are stopped, history is
written, and gearshift exits 130. Press Ctrl+C again to exit at once.
Alerts: with \`alerts.webhook\` in the config, a run that turns the pipeline red, or green
again, POSTs to it (not a red run while it is already red). gearshift waits up to 15 s
for the delivery before it exits; the exit code does not depend on it.
Secrets: \`\${{ secrets.NAME }}\` in the config is read from GEARSHIFT_SECRET_NAME in this
environment (never from argv or a file); one not set stops the run before any stage
(exit 2). Their values are masked as *** in all output.
Colour: on when the output is a terminal; NO_COLOR turns it off, FORCE_COLOR=1 forces it.

${CONFIG_LOOKUP_HELP}

A run through production whose monitoring is inconclusive leaves the release live and
waiting for a decision: at a terminal you are asked to keep it or roll back; with --yes,
in CI or without a terminal it exits 3 (\`gearshift keep\` / \`gearshift rollback\` later).

Exit codes: 0 green, 1 red (a stage failed or timed out), 2 usage or config error,
3 inconclusive (the release waits for a decision), 130 cancelled (Ctrl+C, SIGTERM, a gate
not approved, or HEAD moved to other files during the run: rerun on the new commit).
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  if (opts.stage !== undefined && opts.from !== undefined) { throw new UsageError('--stage and --from cannot be used together'); }
  installParseStore(io.env); // an unchanged config is not parsed again (cli/parseCache.ts)
  // The config lookup, git's facts and the history path each need the `.git` layout: read once,
  // until the run starts or waits for another one (stages may change the tree).
  const forgetLayouts = rememberGitLayouts();
  try {
    return await locateAndRun(opts, io, forgetLayouts);
  } finally {
    forgetLayouts();
  }
}

async function locateAndRun(opts: Options, io: CliIo, forgetLayouts: () => void): Promise<number> {
  const only = opts.stage;
  const from = opts.from;
  const json = opts.json === true;
  const out = json ? io.stderr : io.stdout;
  const color = useColor(out, io.env);
  const located = await locateConfig(io.cwd, opts.config);
  requirePipelineFile(located, opts.config);
  const engine = new PipelineEngine({ hooks: deployRunHooks(), holderKind: 'terminal',
    folder: located.folder,
    configFile: located.configFile,
    approve: cliApprover(opts.yes === true, io, located.folder),
    ...nobodyUnlessYes(opts.yes === true, io),
    baseEnv: io.env,
    color,
    secrets: cliSecretSource(io),
  });
  // Listening from here: a Ctrl+C while the config and git are read still means "don't run".
  const guard = new InterruptGuard(engine, io);
  const logs = saveRunLogs(engine, io);
  const stopListening = engine.onEvent((e) => { if (e.type === 'runStarted' || e.type === 'waitingForRun') { forgetLayouts(); } });
  try {
    await engine.prefetchRepoInfo(); // git's two processes run while the config is parsed (docs/benchmarks-journal.md, 14r)
    return await validateAndRun(engine, guard, { only, from, json, out, color, alerts: opts['no-alerts'] !== true, wait: opts.wait === true, yes: opts.yes === true, overrideRed: opts['override-red'] === true, detachedBranch: io.env.GEARSHIFT_BRANCH }, io);
  } finally {
    stopListening();
    guard.stop();
    await closeRunLogs(logs);
  }
}

interface RunChoices {
  only?: string; from?: string; json: boolean; out: OutStream; color: boolean; alerts: boolean; wait: boolean; yes: boolean; overrideRed: boolean;
  /** GEARSHIFT_BRANCH from the environment: the branch on a detached checkout (a CI job's). */
  detachedBranch?: string;
}

/** How long a finished run waits for its webhook alert before the process exits anyway. */
export const ALERT_WAIT_MS = 15_000;

async function validateAndRun(engine: PipelineEngine, guard: InterruptGuard, c: RunChoices, io: CliIo): Promise<number> {
  // Checked before anything starts, against the file the run follows (the commit's under
  // `checkout: clean`): a bad file or stage name must not leave a history line.
  const asked = runRequest(c);
  const checked = await engine.check(asked);
  if (checked.kind === 'invalid') {
    printConfigErrors(checked.result.errors, io);
    return EXIT.usage;
  }
  if (checked.kind === 'refused') { throw checked.noStage ? noStageError(checked.noStage, io) : new CliError(checked.reason, EXIT.usage); }
  if (guard.signal) { return EXIT.cancelled; } // interrupted before anything started
  const request = await askFirst(engine, checked.pipeline, asked, c, io, guard.aborted);

  // Only with a webhook: without one there is nobody to tell, so skip reading the history.
  const alerts = c.alerts && checked.pipeline.alerts?.webhook ? await startAlerts(engine, io) : undefined;
  let code: number;
  try {
    code = await startAndWait(engine, guard, request, c, io);
  } finally {
    guard.runFinished();
    if (alerts) { await flushAlerts(alerts, io, ALERT_WAIT_MS, guard.aborted); }
  }
  // Ctrl+C during the wait for the alert: the person asked to stop, so say "cancelled".
  return guard.aborted.aborted ? EXIT.cancelled : code;
}

/** At a terminal a run that reaches production asks first, as `deploy production` does (runQuestion.ts, loaded only then). */
async function askFirst(engine: PipelineEngine, pipeline: Pipeline, request: RunRequest, c: RunChoices, io: CliIo, signal: AbortSignal): Promise<RunRequest> {
  if (c.yes || nobodyCanAnswer(io) !== undefined || !pipeline.stages.some((s) => s.environment === 'production')) { return request; }
  const { askBeforeProduction } = await import(/* webpackChunkName: "decision" */ '../runQuestion');
  const answer = await askBeforeProduction({ engine, pipeline, request, overrideRed: c.overrideRed, io, out: c.out, signal });
  if (answer && 'stop' in answer) { throw new CliError(answer.stop.message, answer.stop.result === 'refused' ? EXIT.usage : EXIT.cancelled); }
  return answer ? { ...request, ...answer.go } : request;
}

function runRequest(c: RunChoices): RunRequest {
  return {
    trigger: 'cli', waitForLock: c.wait, ...(c.overrideRed ? { overrideRed: true } : {}),
    ...(c.only !== undefined ? { only: c.only } : {}), ...(c.from !== undefined ? { from: c.from } : {}),
    ...(c.detachedBranch ? { detachedBranch: c.detachedBranch } : {}),
  };
}

async function startAndWait(engine: PipelineEngine, guard: InterruptGuard, request: RunRequest, c: RunChoices, io: CliIo): Promise<number> {
  printRuns(engine, { out: c.out, io, color: c.color }); // configInvalid: printed below, as file:line:col lines
  const outcome = await engine.start(request);
  if (outcome.kind === 'invalid') {
    printConfigErrors(outcome.result.errors, io); // the file changed since we checked it
    return EXIT.usage;
  }
  if (outcome.kind === 'refused' && guard.signal) { return EXIT.cancelled; } // Ctrl+C while waiting for another run
  if (outcome.kind !== 'started') {
    const missing = outcome.kind === 'refused' ? outcome.missingSecrets : undefined;
    // Thrown, not written: main prefixes `gearshift run:` and makes it inert, as for every other error of run.
    if (outcome.kind === 'refused' && outcome.noStage) { throw noStageError(outcome.noStage, io); } // the file changed since we checked it
    throw new CliError(missing ? missingSecretsMessage(missing, 'cli') : outcome.kind === 'queued' ? 'the run was queued'
      : outcome.red !== undefined ? redRefusalMessage(outcome.red) : outcome.reason, EXIT.usage);
  }
  guard.started(); // a signal during start-up cancels at once
  const record = await outcome.done;
  await engine.settle(); // the end line is in history before we exit
  const stillRed = await sayIfStillRed(engine, record, c.out, c.color, io);
  // Loaded only for a red run: its config and YAML code stay off a green run's path (runStartCost.test).
  if (record.state === 'red') { await (await import(/* webpackChunkName: "redNext" */ '../redNext')).sayRedNext(engine, record, c.out, c.color, io.cwd); }
  if (c.json) { io.stdout.write(`${jsonText(engine.secrets.mask(stillRed ? { ...record, stillRed: stillRedJson(stillRed) } : record))}\n`); }
  if (record.inconclusive === true && record.state === 'green') {
    const { decideInconclusive } = await import(/* webpackChunkName: "decision" */ './decision'); // the release code loads only for this
    return decideInconclusive({ engine, io, out: c.out, yes: c.yes, signal: guard.aborted });
  }
  return exitCodeFor(record.state);
}

/** No reminders: the process ends with the run, and a later run or `gearshift watch` takes over. */
async function startAlerts(engine: PipelineEngine, io: CliIo): Promise<PipelineAlerts> {
  const { PipelineAlerts } = await import('../../core/automation'); // only with a webhook
  const alerts = new PipelineAlerts(engine, { reminderMs: 0, log: (_level, line) => io.stderr.write(`gearshift: ${line}\n`) });
  await alerts.start();
  return alerts;
}

/** Waits (bounded, and no longer than until `stop` aborts) for the webhook, then aborts whatever is still trying. */
export async function flushAlerts(alerts: PipelineAlerts, io: CliIo, ms = ALERT_WAIT_MS, stop?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onStop: (() => void) | undefined;
  const outcome = await Promise.race([
    alerts.idle().then(() => 'idle' as const),
    new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), ms); }),
    new Promise<'stopped'>((resolve) => {
      onStop = () => resolve('stopped');
      if (stop?.aborted) { onStop(); } else { stop?.addEventListener('abort', onStop, { once: true }); }
    }),
  ]);
  clearTimeout(timer);
  if (onStop) { stop?.removeEventListener('abort', onStop); }
  if (outcome === 'timeout') { io.stderr.write(`gearshift: gave up waiting for the webhook alert after ${ms / 1000} s; it may not have been delivered\n`); }
  alerts.dispose();
}
