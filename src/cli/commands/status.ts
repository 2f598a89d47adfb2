/** `gearshift status`: is the pipeline green? Read from the history the editor shares. */
import { style, type Style } from '../../core/render';
import type { RunRecord } from '../../core/pipeline';
import { elapsedSince, endsEveryRedPeriod, failingNow, pipelineStatus, redPeriodFromHistory, standingRun, standsAsVerdict } from '../../core/redgreen';
import type { RedPeriod } from '../../core/redgreen';
import type { OptionSpec, OptionValues } from '../args';
import { useColor } from '../color';
import { EXIT, defineCommand } from '../command';
import { docsPage } from '../docsPage';
import { describeRedFor, describeRunFailure, onBranch, runDuration } from '../describe';
import { nextStageLines } from '../nextStage';
import { ago, localTime, printable, shortSha } from '../../core/format';
import { rememberGitLayouts } from '../../core/git';
import { readRecentHistory, STATUS_FIRST_WINDOW } from '../historyRead';
import type { CliIo } from '../io';
import { firstStep, locateExistingConfig } from '../locate';
import { cliRemoteStatus, remoteLine } from '../remoteStatus';
import { jsonText } from '../jsonText';
import { decisionJson, decisionLine, readDeployJson } from '../releaseDecision';
import type { DecisionState } from '../../core/deploy';
import { otherRepoPipelines, type RepoPipeline } from '../../core/monorepo';
import { otherPipelinesJson, otherPipelinesLines } from '../otherPipelines';
import { newestStageRun, ranNoStage, statusStory, type PipelineStatus } from '../../core/engine';
import { HistoryStore } from '../../core/history';
import { historyFileOf } from '../historyRead';
import { productionJson, productionLine, productionNow, type ProductionNow } from '../production';
import { headStatus, headStatusJson, headStatusLines } from '../headStatus';

const OPTIONS = [{ name: 'json', type: 'boolean' }, { name: 'config', type: 'string' }] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'the pipeline: green, red (for how long), running, cancelled, interrupted or unknown',
  options: OPTIONS,
  // A getter: where the docs are is looked up when the help is shown, not when the CLI loads.
  get help() {
    return `Usage: gearshift status [--json] [--config PATH]

Shows what the editor's status bar shows, from the history the CLI and the editor share:
green, red, running (with its current stage), cancelled, interrupted (it never finished,
e.g. the editor closed), or unknown when nothing has run yet. Also the commit, branch,
when it started, how long it took and which stage failed. After a switch, a rollback or a
Keep (no stage ran), it describes the last run that ran stages, then that record on a
"then" line. Once anything went to production, a "production" line: what is live in which
slot, how it got there (deployed, switched or rolled back from which commit, when), and
when HEAD is not what is live, that.
Red lasts from the first failed run until a green one: a run cancelled, interrupted or
still going after it leaves the pipeline red, so status then says "red for 14m" with the
red run's details and the last run on a line of its own. A green run that left the failed
stage out (--stage, --from) does not end it either, nor, after a production failure (an
alert, a failed switch or rollback), one that did not reach production.
A release whose monitoring was inconclusive waits for a person, and production deploys wait
with it: status then says "release needs a decision" (which commit and slot, why), and what to
do: \`gearshift keep\` or \`gearshift rollback\`. A corrupt deploy.json: "release decision unknown".
A switch interrupted while its script ran (killed, or cancelled): "live slot unknown", which
switch, and the way out (\`gearshift switch --to SLOT\`).
Other pipelines: in a repository with several (a monorepo's apps/api and web), also the
others that have run in this clone, each one not green on a line of its own (red first),
the green ones on one line.
Remote: with GEARSHIFT_GITHUB_TOKEN or GEARSHIFT_GITLAB_TOKEN set, also the CI's latest
run for HEAD on origin (one request, 5 s at most); see ${docsPage('remote-status.md')}.
HEAD: when HEAD has commits the run the verdict is about has not (trigger: manual, a branch
\`branches:\` does not watch, a detached HEAD), a line says so: "HEAD 979b10fe not run yet
(last run: green on 32d54ac0)". An invalid .gearshift.yml stops every run: a line says so,
with its number of problems (\`gearshift validate\` lists them), instead.
Always exits 0: it is a question, an invalid pipeline file included (validate exits 1 on one).

Options:
  --json          print {"state" (of the last run), "verdict" (what the text
                  above says: green, red, running, cancelled, interrupted
                  or unknown), "run" (the newest record, the verdict's, or
                  null), "stageRun" (the last run that ran stages, or null),
                  "production" (what is live: {"sha", "slot", "by", "at",
                  "runId", "result", "from", "head", "headLive"}, or null),
                  "productionUnknown" (no blue/green, a deploy stopped part-way:
                  {"sha", "stopped", "before", "message", …}, or null), "redSince" (ISO time the pipeline
                  went red, or null), "redForMs", "failedStage"
                  (the stage that turned it red), "failingStage" (the stage
                  failing now, as the text names it), "decision" (the release waiting
                  for keep / rollback: {"sha", "slot", "runId", "at", "message"},
                  or null), "decisionUnknown" (why deploy.json cannot tell, or
                  null), "liveUnknown" (the interrupted switch: {"to", "from",
                  "sha", "runId", "startedAt", "message"}, or null),
                  "otherPipelines" (the repository's other pipelines:
                  [{"path" ('' the top), "verdict", "redSince", "redForMs",
                  "failedStage"}]), "gear", "metrics" (DORA's five, as
                  in gear --json), "bands", "speed", "checklist",
                  "remote" (the CI's run for HEAD: {"state", "name", "url", …}),
                  "pipelineFile" ({"valid", "problems"}), "headNotRun"
                  (HEAD is not the run's commit: {"sha", "lastRunSha",
                  "lastRunState"}, or null; read without git, not counted)}
  --config PATH   the pipeline whose history to read (each pipeline file has its own)
  -h, --help      show this help
`;
  },
  run,
});


async function run(opts: Options, io: CliIo): Promise<number> {
  const forget = rememberGitLayouts(); // the config lookup, the history path and origin's URL each need it: one lookup
  try {
    return await answer(opts, io);
  } finally {
    forget();
  }
}

/** What `status` asks at once, before the history: origin's CI run (a request), deploy.json's pending decision, the repository's other pipelines. */
interface Asked { remote: ReturnType<typeof cliRemoteStatus>; decision: Promise<DecisionState>; others: Promise<RepoPipeline[]>; production: Promise<ProductionNow | undefined> }

async function answer(opts: Options, io: CliIo): Promise<number> {
  const located = await locateExistingConfig(io.cwd, opts.config);
  const now = Date.now();
  // Started first: the remote's git query and request overlap the history read and the gauge.
  // deploy.json is read on every call, in every branch: it is not part of the kept figures. Once: the decision and production lines share the read.
  const deployJson = readDeployJson(located.folder);
  const asked: Asked = {
    remote: cliRemoteStatus(located.folder, io), decision: deployJson.then((d) => d.decision), others: otherRepoPipelines(located.folder, now),
    production: productionNow(located.folder, deployJson.then((d) => d.read)).catch(() => undefined),
  };
  asked.remote.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile
  asked.decision.catch(() => undefined);
  asked.others.catch(() => undefined);
  if (opts.json === true) { return answerJson(located, io, now, asked); }
  // The red period may have begun many runs ago: read back from the end to the last run that ended every red period.
  const { runs, unreadable, file } = await readRecentHistory(located.folder, io, (newestFirst) => newestFirst.some(endsEveryRedPeriod), { firstWindow: STATUS_FIRST_WINDOW });
  const last = runs[0];
  const period = redPeriodFromHistory(runs, '', now);
  const s = style(useColor(io.stdout, io.env));
  const historyFile = (): Promise<string> => Promise.resolve(file);
  const stageRun = await stageRunOf(historyFile, runs);
  const head = headStatus(located.folder, located.configFile, pipelineStatus(last, period, standingRun(runs)), stageRun, historyFile, last);
  const said = await head; // before the verdict: a run between stages may wait for the pipeline's baseline
  io.stdout.write(last ? describe(last, period, now, s, standingRun(runs), stageRun, said.baseline === true)
    : unreadable ? `${s.bold('unknown')}: the run history could not be read (above), so whether the pipeline is red or green is not known\n`
      : `${s.bold('unknown')}: no pipeline runs yet; ${firstStep(located.found)}\n`);
  for (const line of headStatusLines(said, s)) { io.stdout.write(`${line}\n`); }
  const production = await asked.production;
  if (production) { io.stdout.write(`${productionLine(production, s)}\n`); }
  const decided = decisionLine(await asked.decision, s);
  if (decided) { io.stdout.write(`${decided}\n`); }
  for (const other of otherPipelinesLines(await othersOrSaid(asked.others, io), now, s)) { io.stdout.write(`${other}\n`); }
  const line = remoteLine(await asked.remote, io.env);
  if (line) { io.stdout.write(`${line}\n`); }
  return EXIT.ok;
}

/**
 * --json: the last run and the red period, the release decision, the gauge's figures and the
 * remote run. The figures an earlier call kept for these bytes, this git and this clock answer
 * without a run read (cli/gaugeAnswer.ts); else the gauge's window is read, which also reaches
 * past the last run that ended every red period.
 */
async function answerJson(located: { folder: string; configFile: string }, io: CliIo, now: number, asked: Asked): Promise<number> {
  // Loaded only for --json: the gauge (git metrics, the gears) is most of this command's code.
  const gauge = await import('../gauge');
  const starting = gauge.startGauge(located.folder, located.configFile, io);
  const scan = gauge.startRepoScan(located.folder, starting);
  const start = await starting;
  const figures = await gauge.keptGaugeFigures(located.folder, start, now, scan);
  const read = figures ? undefined : await gauge.readGaugeHistory(located.folder, located.configFile, io, now, true, start);
  const last = figures ? figures.newest : read?.runs[0];
  const json = figures ? figures.gauge : gauge.gaugeJson(await gauge.gaugeFor(located.folder, located.configFile, io, now, read, scan));
  const red = redJson(read?.fold.current, now); // kept figures: never while red (gaugeStability.ts)
  const runs = read?.runs ?? (last ? [last] : []);
  const status = await verdictOf(located.folder, io, runs, read?.fold.current);
  const verdict = status.kind === 'notRun' ? 'unknown' : status.kind;
  const known = start.source?.file; // the gauge's lookup, when it made one
  const historyFile = known !== undefined ? (): Promise<string> => Promise.resolve(known) : stateFileOnce(located.folder);
  const stageRun = await stageRunOf(historyFile, runs);
  const head = await headStatus(located.folder, located.configFile, status, stageRun, historyFile, last ?? undefined);
  io.stdout.write(`${jsonText({ state: last?.state ?? 'unknown', verdict, run: last ?? null, stageRun: stageRun ?? null, ...red, ...headStatusJson(head), ...productionJson(await asked.production), ...decisionJson(await asked.decision), otherPipelines: otherPipelinesJson(await othersOrSaid(asked.others, io), now), ...json, remote: await asked.remote })}\n`);
  return EXIT.ok;
}

/** The other pipelines, or none when their state cannot be listed (said on stderr: the answer on this pipeline stands). */
async function othersOrSaid(others: Promise<RepoPipeline[]>, io: CliIo): Promise<RepoPipeline[]> {
  try {
    return await others;
  } catch (e) {
    io.stderr.write(`gearshift: the repository's other pipelines could not be listed: ${printable((e as Error).message)}\n`);
    return [];
  }
}

/**
 * --json's `verdict` (and the run HEAD is compared with): what the text and the status bar say (pipelineStatus), while `state` stays
 * the last run's own. A kept answer holds only the newest run: when that one was cancelled, the
 * run it leaves standing is read from the history's end (only then, and only as far as it).
 */
async function verdictOf(folder: string, io: CliIo, runs: readonly RunRecord[], period: RedPeriod | undefined): Promise<PipelineStatus> {
  const last = runs[0];
  let standing = standingRun(runs);
  if (last?.state === 'cancelled' && !period && !standing) {
    standing = standingRun((await readRecentHistory(folder, io, (newestFirst) => newestFirst.some(standsAsVerdict), { firstWindow: STATUS_FIRST_WINDOW })).runs);
  }
  return pipelineStatus(last, period, standing);
}

function redJson(period: RedPeriod | undefined, now: number): Record<string, unknown> {
  return {
    redSince: period ? new Date(period.redSince).toISOString() : null,
    redForMs: period ? elapsedSince(period.redSince, now) : null,
    // failedStage keeps its meaning (scripts read it): the stage that turned it red; failingStage is the one failing now (the text's).
    failedStage: period?.failedStage ?? null,
    failingStage: period ? failingNow(period) ?? null : null,
  };
}

/**
 * The newest record that ran stages (engine/stageRun.ts, as the editor's Pipeline view): what status
 * describes when the verdict comes from a switch, a rollback or Keep's decision (walkcli32 H1).
 * Read back further only when none of `runs` ran stages.
 */
async function stageRunOf(historyFile: () => Promise<string>, runs: readonly RunRecord[]): Promise<RunRecord | undefined> {
  const found = runs.find((r) => !ranNoStage(r));
  if (found || runs.length === 0) { return found; }
  return newestStageRun(new HistoryStore(await historyFile())).catch(() => undefined);
}

/** The history file, looked up once (when first asked) for the stage run's read and HEAD's kept answer. */
function stateFileOnce(folder: string): () => Promise<string> {
  let file: Promise<string> | undefined;
  return () => (file ??= historyFileOf(folder));
}

/** Running first (what happens now), then red (what is broken), else the last run's verdict. */
function describe(last: RunRecord, period: RedPeriod | undefined, now: number, s: Style, standing: RunRecord | undefined, stageRun: RunRecord | undefined, baseline: boolean): string {
  const status = pipelineStatus(last, period, standing);
  const lines: string[] = [];
  if (status.kind === 'running') {
    lines.push(headline('running', last, s));
    if (status.stage) { lines.push(`  stage     ${printable(status.stage)} (${status.index}/${status.total})`); } else if (status.finishing !== true) { lines.push(...nextStageLines(last, baseline)); }
    lines.push(...runLines(last, now));
    if (period) {
      lines.push(`  ${s.red(`still ${describeRedFor(period.redSince, now)}`)}`);
      const failed = describeRunFailure(period.latestRedRun);
      if (failed) { lines.push(`  failed    ${failed} in run ${printable(period.latestRedRun.id)}`); }
    }
  } else if (period) {
    const red = period.latestRedRun;
    lines.push(headline('red', red, s), `  ${s.red(describeRedFor(period.redSince, now))}`, ...runLines(red, now));
    if (last.id !== red.id) { lines.push(lastRunLine(last, now)); }
  } else if ((status.kind === 'green' || status.kind === 'interrupted') && status.run.id !== last.id) {
    // A cancelled run gave no verdict: the state is the run before it's, the cancelled one on a line of its own.
    lines.push(...verdictLines(status.kind, status.run, stageRun, now, s), lastRunLine(last, now));
  } else {
    lines.push(...verdictLines(last.state, last, stageRun, now, s));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The verdict's record, or, when that is a switch, a rollback or a decision (no stage ran: its sha is
 * the slot's release, not the branch's commit), the last run that ran stages, then that record on a
 * line of its own: "then      rollback at … (run 113cc000)". When the two disagree (green after a
 * rollback of a red release), the verdict is headlined by what made it, and the stage run is a
 * "last run" line under it: "green" is never printed beside the commit that failed (review32 M1).
 */
function verdictLines(state: string, run: RunRecord, stageRun: RunRecord | undefined, now: number, s: Style): string[] {
  const { after, differs } = statusStory(run, state, stageRun); // the status bar's tooltip tells the same story
  if (!after || !stageRun) { return [headline(state, run, s), ...runLines(run, now)]; }
  // The record's state is said only when it is not plain success: "switch green" read as the slot (review32 L9).
  const how = `${printable(run.trigger)}${run.state === 'green' ? '' : ` (${printable(run.state)})`} at ${localTime(run.startedAt)} (${ago(run.startedAt, now)}), run ${printable(run.id)}`;
  if (differs === true) {
    const failed = describeRunFailure(stageRun);
    const ended = state === 'green' && stageRun.state === 'red' ? ': it ended the red' : '';
    return [`${colored(state, s)}  after ${how}${ended}`, lastRunLine(stageRun, now), ...(failed ? [`  failed    ${failed}`] : [])];
  }
  return [headline(state, stageRun, s), ...runLines(stageRun, now), `  then      ${how}`];
}

/** A later run than the one the state comes from (it gave no verdict, or a partial one). */
function lastRunLine(last: RunRecord, now: number): string {
  return `  last run  ${printable(last.state)}  ${shortSha(last.sha)}${onBranch(last)}, started ${localTime(last.startedAt)} (${ago(last.startedAt, now)}) by ${printable(last.trigger)}`;
}

function headline(state: string, run: RunRecord, s: Style): string {
  // A run of uncommitted changes did not test its commit alone: no commit is to blame (review26 F3).
  const dirty = run.dirty === true ? ' + uncommitted changes' : '';
  return `${colored(state, s)}  ${shortSha(run.sha)}${dirty}${onBranch(run)}`;
}

function colored(state: string, s: Style): string {
  const color = state === 'green' ? s.green : state === 'red' ? s.red : s.yellow;
  return color(s.bold(printable(state)));
}

function runLines(run: RunRecord, now: number): string[] {
  const lines = [`  started   ${localTime(run.startedAt)} (${ago(run.startedAt, now)}) by ${printable(run.trigger)}`];
  const duration = runDuration(run, now);
  if (duration) { lines.push(`  ${run.state === 'running' ? 'running  ' : 'duration '} ${duration}`); }
  const failed = describeRunFailure(run);
  if (failed) { lines.push(`  failed    ${failed}`); }
  lines.push(`  run       ${printable(run.id)}`);
  return lines;
}
