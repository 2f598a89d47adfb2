import { printable } from '../../core/format';
import { KEEP_RUNS, logForDocument, missingStageText, savedStages } from '../../core/runlog';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { runRecordOf } from './runRecords';

/**
 * A log document's text when stage `stage` of run `runId` saved no output: why, from the run's
 * history record (core/runlog missingStageText) — a failed switch's message, the stage an
 * interrupted run was in, a stage left out — so the document never lists reasons that do not apply.
 */
export async function missingLogText(fp: FolderPipeline, runId: string | undefined, stage: string): Promise<string> {
  if (runId === undefined) {
    return `No output of "${printable(stage)}" was saved: it did not start, or the run is older than the last ${KEEP_RUNS} kept.\n`;
  }
  try {
    const stages = (await savedStages(await fp.engine.dataDir(), runId)) ?? [];
    return logForDocument(missingStageText(await runRecordOf(fp, runId), stages, stage));
  } catch (e) {
    return `Could not read the run's history: ${printable((e as Error).message)}\n`;
  }
}
