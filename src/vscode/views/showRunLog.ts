import * as vscode from 'vscode';
import { localTime, notificationText, pickText, shortId, shortSha } from '../../core/format';
import type { RunRecord } from '../../core/pipeline';
import { defaultStage, listSavedRuns, noOutputText, savedStages, stageStateWords, unsavedRuns, withHistoryStates, type SavedRun, type SavedStage } from '../../core/runlog';
import { recentRecords } from './runRecords';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { noPipeline } from '../pipeline/noPipeline';
import type { StageLogDocuments } from './stageLogDocuments';
import { folderName } from '../pipeline/folderName';

const STATE_ICON: Record<string, string> = { green: '$(pass)', red: '$(error)', cancelled: '$(circle-slash)', interrupted: '$(debug-disconnect)', running: '$(sync)' };

/**
 * `gearshift.showRunLog`: a recent run (any window's, or the CLI's), then one of its stages, and
 * its saved output opens read-only. Runs that saved no output are listed too, as `gearshift logs
 * --list` lists them; picking one says why there is none. `folder`, `runId` and `stage` skip the
 * picks (tests, links).
 */
export function registerShowRunLog(pipelines: WorkspacePipelines, logs: StageLogDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showRunLog', async (folder?: unknown, runId?: string, stage?: string): Promise<vscode.TextDocument | undefined> => {
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick('Run logs of which folder?');
    if (!fp) { return noPipeline(pipelines); }
    const dataDir = await fp.engine.dataDir();
    const run = runId ?? await pickRun(await recentRuns(fp, dataDir), folderName(fp.folder));
    if (run === undefined) { return undefined; }
    if (typeof run !== 'string') { void vscode.window.showInformationMessage(notificationText(`Gearshift: ${noOutputText(run).trim().replace(/\s*\n+\s*/g, ' ')}`)); return undefined; }
    const stages = (await savedStages(dataDir, run)) ?? [];
    const name = stage ?? await pickStage(stages, run);
    if (name === undefined) { return undefined; }
    return logs.open(fp.folder, name, run);
  });
}

/** Saved runs (history's state for one that never ended) and, as `gearshift logs --list` has them, the runs history lists with none. */
async function recentRuns(fp: FolderPipeline, dataDir: string): Promise<Array<SavedRun | RunRecord>> {
  const saved = await listSavedRuns(dataDir);
  const history = await recentRecords(fp);
  const settled = withHistoryStates(saved, history);
  const startOf = (r: SavedRun | RunRecord): number => Date.parse(isSaved(r) ? r.meta.startedAt : r.startedAt);
  return [...settled, ...unsavedRuns(settled, history)].sort((a, b) => startOf(b) - startOf(a));
}

/** The run's id, or for a run that saved no output its record (the caller says why there is none). */
async function pickRun(runs: ReadonlyArray<SavedRun | RunRecord>, folderName: string): Promise<string | RunRecord | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('Gearshift: no saved run output yet. Every run saves its stages\' output (the last 50 runs are kept).');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(runs.map(runItem), { title: `Run logs of ${folderName}`, placeHolder: 'Which run?', matchOnDescription: true, matchOnDetail: true });
  return picked?.run;
}

/** A run's record carries arbitrary extra fields: told from a saved run by the folder the latter names. */
function isSaved(r: SavedRun | RunRecord): r is SavedRun {
  return typeof r.dir === 'string' && typeof r.meta === 'object';
}

function runItem(r: SavedRun | RunRecord): vscode.QuickPickItem & { run: string | RunRecord } {
  const run = isSaved(r) ? r.meta : r;
  const failed = run.stages?.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name;
  const none = isSaved(r) ? '' : run.state === 'running' ? ' · no output yet' : ' · no output';
  return {
    label: `${STATE_ICON[run.state] ?? '$(circle-outline)'} ${run.state} · run ${shortId(run.id)}`,
    description: `${shortSha(run.sha)} · ${localTime(run.startedAt)} · ${pickText(run.trigger)}${none}`,
    detail: failed !== undefined ? `failed: ${pickText(failed)}` : undefined,
    run: isSaved(r) ? run.id : r,
  };
}

async function pickStage(stages: readonly SavedStage[], runId: string): Promise<string | undefined> {
  if (stages.length === 0) {
    void vscode.window.showInformationMessage(notificationText(`Gearshift: run ${shortId(runId)} saved no stage output (no stage had ended).`));
    return undefined;
  }
  const preferred = defaultStage(stages)?.stage;
  const items = stages.map((s) => ({
    label: pickText(s.header.stage),
    description: `${stageStateWords(s.header.state)}${s.header.exitCode !== null && s.header.state === 'failed' ? ` (exit ${s.header.exitCode})` : ''} · ${s.header.bytes} bytes${s.header.omitted > 0 ? `, ${s.header.omitted} left out` : ''}`,
    picked: s === preferred,
    name: s.header.stage,
  }));
  // The failed stage first: Enter opens what a red run needs.
  const ordered = preferred ? [items[stages.indexOf(preferred)], ...items.filter((_, i) => stages[i] !== preferred)] : items;
  const picked = await vscode.window.showQuickPick(ordered, { title: `Run ${shortId(runId)}`, placeHolder: 'Which stage\'s output?' });
  return picked?.name;
}
