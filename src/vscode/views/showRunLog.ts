import * as vscode from 'vscode';
import { localTime, notificationText, pickText, shortId, shortSha } from '../../core/format';
import { defaultStage, listSavedRuns, savedStages, stageStateWords, type SavedRun, type SavedStage } from '../../core/runlog';
import { settledRuns } from './runRecords';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { noPipeline } from '../run/noPipeline';
import type { StageLogDocuments } from './stageLogDocuments';

const STATE_ICON: Record<string, string> = { green: '$(pass)', red: '$(error)', cancelled: '$(circle-slash)', interrupted: '$(debug-disconnect)', running: '$(sync)' };

/**
 * `gearshift.showRunLog`: a recent run (any window's, or the CLI's), then one of its stages, and
 * its saved output opens read-only. `folder`, `runId` and `stage` skip the picks (tests, links).
 */
export function registerShowRunLog(pipelines: WorkspacePipelines, logs: StageLogDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showRunLog', async (folder?: unknown, runId?: string, stage?: string): Promise<vscode.TextDocument | undefined> => {
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick('Run logs of which folder?');
    if (!fp) { return noPipeline(); }
    const dataDir = await fp.engine.dataDir();
    const run = runId ?? await pickRun(await settledRuns(fp, await listSavedRuns(dataDir)), fp.folder.name);
    if (run === undefined) { return undefined; }
    const stages = (await savedStages(dataDir, run)) ?? [];
    const name = stage ?? await pickStage(stages, run);
    if (name === undefined) { return undefined; }
    return logs.open(fp.folder, name, run);
  });
}

async function pickRun(runs: readonly SavedRun[], folderName: string): Promise<string | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('Gearshift: no saved run output yet. Every run saves its stages\' output (the last 50 runs are kept).');
    return undefined;
  }
  const items = runs.map((r) => {
    const failed = r.meta.stages?.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name;
    return {
      label: `${STATE_ICON[r.meta.state] ?? '$(circle-outline)'} ${r.meta.state} · run ${shortId(r.meta.id)}`,
      description: `${shortSha(r.meta.sha)} · ${localTime(r.meta.startedAt)} · ${pickText(r.meta.trigger)}`,
      detail: failed !== undefined ? `failed: ${pickText(failed)}` : undefined,
      id: r.meta.id,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: `Run logs of ${folderName}`, placeHolder: 'Which run?', matchOnDescription: true, matchOnDetail: true });
  return picked?.id;
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
