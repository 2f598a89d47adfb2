import * as vscode from 'vscode';
import type { PipelineStatus } from '../../core/engine';
import type { RunRecord } from '../../core/pipeline';
import { formatDuration, shortSha, formatElapsed } from '../../core/format';
import type { FolderStatus, StatusModel } from './statusModel';

/** Only these commands may run from the tooltip's links (MarkdownString.isTrusted allow-list). */
const LINK_COMMANDS = ['gearshift.showTerminal', 'gearshift.rerunFromFailed', 'gearshift.showGauge', 'gearshift.runPipeline', 'gearshift.createPipeline'];

/**
 * The status bar tooltip: what the last run was (sha, subject, failed stage, duration, trigger)
 * and links to act on it. Every value from git or history goes through appendText, which
 * escapes Markdown: a subject like `[x](command:…)` stays text and cannot become a link.
 */
export function statusTooltip(model: StatusModel, now: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: LINK_COMMANDS };
  md.supportThemeIcons = true;
  const s = model.status;
  md.appendMarkdown(`**Gearshift** — ${headline(s)}`);
  if (s.kind === 'red' && model.redSince !== undefined) { md.appendText(` for ${formatElapsed(now - model.redSince)}`); }
  md.appendMarkdown('\n\n');
  switch (s.kind) {
    case 'noPipeline':
      md.appendText('No .gearshift.yml in this workspace. ');
      md.appendMarkdown('[Create a pipeline](command:gearshift.createPipeline)');
      return md;
    case 'untrusted':
      md.appendText('This workspace is not trusted, so Gearshift runs nothing: no stage, no git hook, no commit trigger. Trust the workspace to run the pipeline.');
      return md;
    case 'notRun':
      md.appendText('The pipeline has not run in this clone yet. ');
      md.appendMarkdown('[Run it](command:gearshift.runPipeline)');
      return md;
    default:
      describeRun(md, s.run, s.kind === 'red' ? model.failedStage : undefined);
  }
  if (model.folders.length === 1) {
    for (const note of model.folders[0].notes) { md.appendMarkdown('\n\n'); md.appendText(note); }
  } else {
    md.appendMarkdown('\n\n');
    for (const f of model.folders) { folderLine(md, f, now); }
  }
  md.appendMarkdown('\n\n[$(output) Open log](command:gearshift.showTerminal)');
  if (s.kind === 'red' || s.kind === 'cancelled' || s.kind === 'interrupted') {
    md.appendMarkdown(' · [$(debug-rerun) Re-run from failed stage](command:gearshift.rerunFromFailed)');
  }
  md.appendMarkdown(' · [$(dashboard) Open gauge](command:gearshift.showGauge)');
  return md;
}

function headline(s: PipelineStatus): string {
  switch (s.kind) {
    case 'noPipeline': return 'no pipeline';
    case 'untrusted': return 'untrusted workspace';
    case 'notRun': return 'not run yet';
    case 'running': return `running (${s.index}/${s.total})`;
    case 'red': return '$(error) pipeline **RED**';
    case 'green': return '$(pass-filled) pipeline green';
    default: return `last run ${s.kind}`;
  }
}

function describeRun(md: vscode.MarkdownString, run: RunRecord, failedStage: string | undefined): void {
  const failed = failedStage ?? run.stages.find((x) => x.state === 'failed' || x.state === 'timedOut')?.name;
  md.appendText(`${shortSha(run.sha)}${run.branch ? ` on ${run.branch}` : ''}`);
  if (typeof run.subject === 'string') { md.appendText(` — "${run.subject}"`); }
  md.appendMarkdown('\n\n');
  if (failed) { md.appendMarkdown('Failed stage: **'); md.appendText(failed); md.appendMarkdown('**  \n'); }
  const running = run.stages.find((x) => x.state === 'running' || x.state === 'waiting-approval');
  if (running) { md.appendText(`Now: ${running.name}${running.state === 'waiting-approval' ? ' (waiting for approval)' : ''}`); md.appendMarkdown('  \n'); }
  const took = run.endedAt ? formatDuration(Date.parse(run.endedAt) - Date.parse(run.startedAt)) : undefined;
  md.appendText(`Triggered by ${run.trigger}${took ? ` · took ${took}` : ''}`);
}

function folderLine(md: vscode.MarkdownString, f: FolderStatus, now: number): void {
  md.appendMarkdown('- **');
  md.appendText(f.name);
  md.appendMarkdown('**: ');
  const red = f.status.kind === 'red';
  md.appendText(`${red && f.redSince !== undefined ? `red for ${formatElapsed(now - f.redSince)}` : f.status.kind}${red && f.failedStage ? ` (${f.failedStage})` : ''}`);
  for (const note of f.notes) { md.appendText(` · ${note}`); }
  md.appendMarkdown('\n');
}
