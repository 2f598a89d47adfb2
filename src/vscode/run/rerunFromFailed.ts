import * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import { readBackToGreen, redPeriodFromHistory, whatEndsIt, type RedPeriod } from '../../core/redgreen';
import { notificationText } from '../../core/format';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { startRun } from './startRun';
import { noPipeline } from '../pipeline/noPipeline';
import { saidNoticeIsOver } from '../redgreen/staleNotice';

/**
 * `gearshift.rerunFromFailed`. While a red period is open it starts from the period's first
 * stage still failing, in pipeline order — what the status bar and the notification name —
 * not the last run's (a green `--stage` run after it, or a switch, has none). That run covers
 * every stage still failing, so it is the fix attempt the red guard allows (docs/deploys.md).
 * A red no stage can fix (a failed switch or rollback, a monitoring alert) says the way out.
 */
export function registerRerunFromFailed(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.rerunFromFailed', async (folder?: unknown): Promise<RunRecord | undefined> => {
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick();
    if (!fp) { return noPipeline(pipelines); }
    if (await saidNoticeIsOver(fp, folder, 're-run')) { return undefined; }
    const last = fp.engine.lastRun ?? await fp.engine.loadLastRun();
    const period = await openRedPeriod(fp);
    const from = period ? firstFailing(period, last) : lastFailed(last);
    if (from === undefined) {
      void vscode.window.showInformationMessage(notificationText(period ? noStageFixes(period)
        : last ? `Gearshift: the last run has no failed stage (it was ${last.state}).` : 'Gearshift: the pipeline has not run yet.'));
      return undefined;
    }
    return startRun(fp, { trigger: 'rerun', from });
  });
}

async function openRedPeriod(fp: FolderPipeline): Promise<RedPeriod | undefined> {
  if (fp.engine.current) { return undefined; } // a run in progress: its own record is the one to go by
  try {
    await fp.engine.settle();
    const store = await fp.engine.history();
    return redPeriodFromHistory(await readBackToGreen((limit) => store.readNewest(limit)));
  } catch {
    return undefined; // history unreadable: the last run is all there is to go by
  }
}

/** The period's stages still failing, the first of them in the latest run's order (the pipeline's). */
function firstFailing(period: RedPeriod, last: RunRecord | undefined): string | undefined {
  const failing = whatEndsIt(period).stages;
  const order = (last ?? period.latestRedRun).stages.map((s) => s.name);
  const known = failing.filter((name) => order.includes(name)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return known[0] ?? failing[0];
}

function lastFailed(last: RunRecord | undefined): string | undefined {
  return last?.stages.find((s) => s.state === 'failed' || s.state === 'timedOut' || s.state === 'cancelled')?.name;
}

function noStageFixes(period: RedPeriod): string {
  const removed = period.removedFailing ?? [];
  if (removed.length > 0) {
    return `Gearshift: the pipeline is red from ${removed.join(', ')}, which is no longer in the pipeline (renamed or removed): ` +
      'no stage re-run can show it fixed; run the whole pipeline.';
  }
  return `Gearshift: the pipeline is red from ${period.failedStage ?? 'a production failure'}, which no stage re-run can fix: ` +
    'run the whole pipeline (it deploys and shows production works), or switch or roll back successfully.';
}
