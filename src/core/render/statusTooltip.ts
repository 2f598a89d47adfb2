/**
 * The status bar tooltip as parts: `text` is data (from git or history) that the editor must
 * escape — its MarkdownString.appendText does, so a subject like `[x](command:…)` stays text and
 * cannot become a link — and `markdown` is Gearshift's own markup and command links. Kept apart
 * here so the rule is tested in plain node and the adapter only renders.
 */
import { ranNoStage, statusStory, type PipelineStatus } from '../engine';
import { formatDuration, formatElapsed, localTime, printable, shortSha } from '../format';
import { endIsLastSeen, type RunRecord } from '../pipeline';
import { remoteLabel, type RemoteStatus } from '../remote';
import { otherPipelineArgs, otherPipelineName, otherStateWords } from './otherPipelines';
import { CLI_RUNS_TOP } from './noTopPipeline';
import { headTooltipParts } from './headText';
import { redCauseOf } from '../redgreen';
import { BASELINE_WORDS, statusClickAsksGate } from './runningText';
import type { FolderStatus, OtherPipelineStatus, StatusModel } from './statusModel';

export type TooltipPart = { readonly text: string } | { readonly markdown: string };

/** Only these commands may run from the tooltip's links (the editor's isTrusted allow-list). */
export const TOOLTIP_COMMANDS = ['gearshift.showTerminal', 'gearshift.showFailedStageLog', 'gearshift.answerApproval', 'gearshift.rerunFromFailed', 'gearshift.showGauge', 'gearshift.runPipeline', 'gearshift.createPipeline', 'gearshift.refreshRemoteStatus', 'gearshift.openSubfolderPipeline', 'workbench.actions.view.problems'];

/** Data, so made printable here once: a bidi override in a subject or stage name would reorder the line. */
const text = (t: string): TooltipPart => ({ text: printable(t) });
const md = (m: string): TooltipPart => ({ markdown: m });

/** What the last run was (sha, subject, failed stage, duration, trigger) and links to act on it. */
export function statusTooltipParts(model: StatusModel, now: number): TooltipPart[] {
  const s = model.status;
  const parts = model.folder !== undefined ? [md('**Gearshift** — '), text(`${model.folder}: `), md(headline(s))] : [md(`**Gearshift** — ${headline(s)}`)];
  if (s.kind === 'red' && model.redSince !== undefined) { parts.push(text(` for ${formatElapsed(now - model.redSince)}`)); }
  parts.push(md('\n\n'));
  switch (s.kind) {
    case 'noPipeline': return model.others?.length ? [...parts, text(noPipelineLine(model.others)), ...otherPipelinesParts(model, now)]
      : [...parts, text('No .gearshift.yml in this workspace. '), md('[Create a pipeline](command:gearshift.createPipeline)')];
    case 'untrusted': return [...parts, text('This workspace is not trusted, so Gearshift runs nothing: no stage, no git hook, no commit trigger. Trust the workspace to run the pipeline.')];
    // The item may name a red subfolder pipeline in these states too: the tooltip lists them (review28 L1).
    case 'notRun': if (s.loading) { return [...parts, text('Reading the pipeline\'s history of this clone…'), ...otherPipelinesParts(model, now)]; }
      return [...parts, text('The pipeline has not run in this clone yet. '), md('[Run it](command:gearshift.runPipeline)'), ...soleRemote(model), ...otherPipelinesParts(model, now)];
    case 'unknown': return [...parts, text(`The run history could not be read (${s.problem}), so whether the pipeline is red or green is not known. Fix the file, then reload the window or run the pipeline.`), ...otherPipelinesParts(model, now)];
    default: parts.push(...(s.kind === 'red' ? describeRun(s.run, { stage: model.brokeStage ?? model.failedStage, sha: model.redAt })
      : s.kind === 'running' ? describeRun(s.run, undefined) : describeStory(s.run, s.kind, model.stageRun, now)));
  }
  if ((s.kind === 'green' || s.kind === 'red') && s.after) { parts.push(md('\n\n'), text(noVerdictLine(s.after, s.kind))); }
  parts.push(...headTooltipParts(model)); // HEAD not run, or an invalid file (headText.ts)
  if (model.folders.length === 1) {
    for (const note of model.folders[0].notes) { parts.push(md('\n\n'), text(note)); }
    parts.push(...soleRemote(model));
  } else {
    parts.push(md('\n\n'));
    for (const f of model.folders) { parts.push(...folderLine(f, now)); }
  }
  parts.push(...otherPipelinesParts(model, now));
  // A gate waiting for a person: its question leaves the screen by itself, the link asks it again (review39 L9), as the item's click does.
  parts.push(md(`\n\n${statusClickAsksGate(model) ? '[$(question) Answer approval…](command:gearshift.answerApproval) · ' : ''}[$(output) Open log](${openLogLink(model)})`));
  if (offersRerun(s)) {
    parts.push(md(' · [$(debug-rerun) Re-run from failed stage](command:gearshift.rerunFromFailed)'));
  } else if (s.kind === 'red' && redCauseOf(s.run as unknown as Readonly<Record<string, unknown>>).kind === 'rolledBack') {
    parts.push(md(' · [$(play) Run pipeline](command:gearshift.runPipeline)'));
  }
  parts.push(md(' · [$(dashboard) Open gauge](command:gearshift.showGauge)'));
  return parts;
}

/**
 * "Re-run from failed stage" only where a stage failed: red, or a cancelled or interrupted run
 * (alone, or after the green one) in which one had failed first. A run stopped before anything
 * failed has no failed stage to start from (review26 F9).
 */
function offersRerun(s: PipelineStatus): boolean {
  // Red from production monitoring: no stage re-run fixes it (core/deploy redGuard refuses one), a full run or a rollback does (walkedit33 M1).
  if (s.kind === 'red') { return redCauseOf(s.run as unknown as Readonly<Record<string, unknown>>).kind === 'failed'; }
  const run = s.kind === 'green' ? s.after : s.kind === 'cancelled' || s.kind === 'interrupted' ? s.run : undefined;
  return run?.stages.some((x) => x.state === 'failed' || x.state === 'timedOut') === true;
}

/**
 * What the red status item's click opens: `gearshift.showFailedStageLog` with the red run and
 * the stage (or production step) that turned it red. The terminal holds only this window's
 * runs, not a CLI's, a hook's or one from before a reload.
 */
export function redLogArgs(model: StatusModel): [string, string | undefined] | undefined {
  const s = model.status;
  if (s.kind !== 'red') { return undefined; }
  return [s.run.id, model.failedStage ?? s.run.stages.find((x) => x.state === 'failed' || x.state === 'timedOut')?.name];
}

/**
 * Red: the saved failed-stage log (as the item's click). Any other run (green, running, cancelled,
 * interrupted): the last run's output, wherever it is: `gearshift.showTerminal` with its id shows
 * the terminal when this window printed it (live, while it runs), else its saved log (a run of the
 * CLI, a hook, another window or before a reload). The status always has a run here.
 */
function openLogLink(model: StatusModel): string {
  const args = redLogArgs(model);
  if (args) { return `command:gearshift.showFailedStageLog?${linkArgs(args)}`; }
  const s = model.status;
  const last = 'run' in s ? ('after' in s && s.after ? s.after : storyRun(s.run, s.kind, model.stageRun)) : undefined;
  return last ? `command:gearshift.showTerminal?${linkArgs([null, last.id])}` : 'command:gearshift.showTerminal';
}

/** The run the tooltip tells of: after a switch or rollback the run that ran stages before it, whose output is a log (prodtruth33). */
function storyRun(run: RunRecord, state: string, stageRun: RunRecord | undefined): RunRecord {
  return state === 'running' ? run : statusStory(run, state, stageRun).run;
}

/** A command link's arguments: data, encoded whole, parentheses too, so none ends the link (every Markdown command link). */
export function linkArgs(args: readonly unknown[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function headline(s: PipelineStatus): string {
  switch (s.kind) {
    case 'noPipeline': return 'no pipeline';
    case 'untrusted': return 'untrusted workspace';
    case 'notRun': return s.loading ? 'loading…' : 'not run yet';
    case 'unknown': return '$(warning) history unreadable';
    case 'running': return s.baseline === true ? BASELINE_WORDS : `running (${s.index}/${s.total})`;
    case 'red': return '$(error) pipeline **RED**';
    case 'green': return '$(pass-filled) pipeline green';
    default: return `last run ${s.kind}`;
  }
}

/**
 * The run described is the latest (red) run: "Failed stage" is the stage that failed in it, the
 * one *Re-run from failed stage* starts from. What turned the pipeline red (the status bar's
 * stage) is added when it is another stage or commit: a later run may have failed elsewhere.
 */
function describeRun(run: RunRecord, red: { stage?: string; sha?: string } | undefined): TooltipPart[] {
  const own = run.stages.find((x) => x.state === 'failed' || x.state === 'timedOut')?.name;
  const failed = own ?? red?.stage;
  const parts = [text(commitLine(run))];
  if (typeof run.subject === 'string') { parts.push(text(` — "${run.subject}"`)); }
  parts.push(md('\n\n'));
  if (failed) { parts.push(md('Failed stage: **'), text(failed), md('**  \n')); }
  if (red?.stage && (red.stage !== failed || (red.sha !== undefined && red.sha !== run.sha))) {
    parts.push(text(`Red since ${red.stage} failed${red.sha ? ` at ${shortSha(red.sha)}` : ''}`), md('  \n'));
  }
  const running = run.stages.find((x) => x.state === 'running' || x.state === 'waiting-approval');
  if (running) { parts.push(text(`Now: ${running.name}${running.state === 'waiting-approval' ? ' (waiting for approval)' : ''}`), md('  \n')); }
  const took = run.endedAt ? formatDuration(Date.parse(run.endedAt) - Date.parse(run.startedAt)) : undefined;
  parts.push(text(`${startedBy(run.trigger)}${took ? ` · took ${endIsLastSeen(run) ? 'at least ' : ''}${took}` : ''}`));
  return parts;
}

/** Who started the run, in words: "Triggered by manual" read as a thing called manual (review41 F8). */
function startedBy(trigger: string): string {
  return trigger === 'manual' ? 'Started by hand' : `Triggered by ${trigger}`;
}

/**
 * What the run's commit is. A switch's or rollback's record holds the release it made live, not the
 * branch's commit: "1111111 on main" read as main's tip (walkedit33 M1). A rollback that redeploys
 * runs the stages on the old release, which is no longer main's tip either.
 */
function commitLine(run: RunRecord): string {
  const sha = shortSha(run.sha);
  if (ranNoStage(run) && run.trigger !== 'decision') { return slotChangeWords(run); }
  if (run.trigger === 'rollback') { return `${sha}, the release a rollback redeployed`; }
  return `${sha}${run.branch ? ` on ${run.branch}` : ''}`;
}

/** "Rollback: slot blue live with 1111111", or, when it did not succeed, "Rollback to slot blue (1111111): red". */
function slotChangeWords(run: RunRecord): string {
  const what = `${run.trigger.charAt(0).toUpperCase()}${run.trigger.slice(1)}`;
  const slot = typeof run.slot === 'string' && run.slot !== '' ? run.slot : undefined;
  if (run.state === 'green') { return `${what}: ${slot ? `slot ${slot} live with ` : ''}${shortSha(run.sha)}${slot ? '' : ' live'}`; }
  return `${what} to ${slot ? `slot ${slot} (${shortSha(run.sha)})` : shortSha(run.sha)}: ${run.state}`;
}

/** ", slot blue live with 1111111" after a switch or rollback that made it live; nothing for a decision or one that failed. */
function madeLive(record: RunRecord): string {
  const slot = typeof record.slot === 'string' && record.slot !== '' ? record.slot : undefined;
  return record.state === 'green' && record.trigger !== 'decision' && slot ? `, slot ${slot} live with ${shortSha(record.sha)}` : '';
}

/**
 * The verdict's record as `gearshift status` tells it (core/engine statusStory): after a switch, a
 * rollback or Keep (no stage ran), the last run that ran stages, then "Then: rollback at …"; when
 * the two disagree (green after rolling back a red release), what made the verdict first and the
 * stage run as the last run, so "green" never sits beside the commit that failed.
 */
function describeStory(verdict: RunRecord, state: string, stageRun: RunRecord | undefined, now: number): TooltipPart[] {
  const { run, after, differs } = statusStory(verdict, state, stageRun);
  if (!after) { return describeRun(verdict, undefined); }
  const how = `${after.trigger}${after.state === 'green' ? '' : ` (${after.state})`} at ${localTime(after.startedAt)} (${formatElapsed(now - Date.parse(after.startedAt))} ago)${madeLive(after)}`;
  if (differs !== true) { return [...describeRun(run, undefined), md('  \n'), text(`Then: ${how}`)]; }
  const ended = state === 'green' && run.state === 'red' ? ': it ended the red' : '';
  return [text(`After ${how}${ended}.`), md('\n\n'), text(`Last run (${run.state}): `), ...describeRun(run, undefined)];
}

/** A cancelled run after the green (or red) one the status describes (redgreen/verdict.ts). */
function noVerdictLine(after: RunRecord, stays: 'green' | 'red'): string {
  const stopped = after.stages.find((x) => x.state === 'cancelled' || x.state === 'running' || x.state === 'waiting-approval')?.name;
  return `Last run ${shortSha(after.sha)} ${after.state}${stopped ? ` (${stopped})` : ''}; it gave no verdict, so the pipeline stays ${stays}.`;
}

function folderLine(f: FolderStatus, now: number): TooltipPart[] {
  const red = f.status.kind === 'red';
  const state = red && f.redSince !== undefined ? `red for ${formatElapsed(now - f.redSince)}` : f.status.kind;
  return [
    md('- **'), text(f.name), md('**: '),
    text(`${state}${red && f.failedStage ? ` (${f.failedStage})` : ''}`),
    ...f.notes.map((note) => text(` · ${note}`)),
    ...(f.remote ? [text(` · ${remoteLabel(f.remote)}`)] : []),
    md('\n'),
  ];
}

/**
 * "1 more pipeline in this repository:" and a line for each (a monorepo's apps/api below the
 * open folder), each with a link that offers its failed log or its folder; the link names the
 * workspace folder too, as the same path may be below two.
 */
function otherPipelinesParts(model: StatusModel, now: number): TooltipPart[] {
  const others = model.others ?? [];
  if (others.length === 0) { return []; }
  const count = others.length + (model.othersMore ?? 0);
  const parts = [md(`\n\n${count} more pipeline${count === 1 ? '' : 's'} in this repository${model.othersMore ? ` (the first ${others.length} shown)` : ''}:\n\n`)];
  for (const o of others) {
    const icon = o.status.kind === 'red' ? '$(error)' : o.status.kind === 'green' ? '$(pass-filled)' : '$(circle-outline)';
    parts.push(md(`- ${icon} **`), text(otherPipelineName(o, model)), md('**: '), text(otherStateWords(o, now)));
    parts.push(md(` · [${o.status.kind === 'red' ? 'Show log or folder' : 'Open'}](command:gearshift.openSubfolderPipeline?${linkArgs(otherPipelineArgs(o))})\n`));
  }
  return parts;
}

/**
 * No pipeline in the open folder, others known: a monorepo's top (pipelines below it), or a folder
 * below the top, whose terminal's `gearshift run` runs the top's (noTopPipeline.ts says it alike).
 */
function noPipelineLine(others: readonly OtherPipelineStatus[]): string {
  return others.some((o) => o.fromTop === true && o.path === '') ? `No .gearshift.yml in this folder; ${CLI_RUNS_TOP}` : 'No .gearshift.yml at the top of this folder.';
}

/** The remote line of a one-folder workspace (several folders: on each folder's line). */
function soleRemote(model: StatusModel): TooltipPart[] {
  const remote = model.folders.length === 1 ? model.folders[0].remote : undefined;
  return remote ? [md('\n\n'), ...remoteParts(remote)] : [];
}

/** "Remote: remote red — CI (failure)" and what to do when it is off; server text stays text. */
export function remoteParts(r: RemoteStatus): TooltipPart[] {
  const icon = r.state === 'failure' ? '$(error)' : r.state === 'success' ? '$(pass-filled)' : r.state === 'in-progress' ? '$(sync~spin)' : '$(cloud)';
  const facts = [r.name, r.detail, r.hint].filter((x): x is string => typeof x === 'string' && x !== '');
  const parts = [md(`${icon} `), text(`${remoteLabel(r)}${facts.length ? ` — ${facts.join(' · ')}` : ''}`)];
  if (r.state !== 'off' && r.state !== 'unsupported') { parts.push(md(' · [$(refresh) Refresh](command:gearshift.refreshRemoteStatus)')); }
  return parts;
}
