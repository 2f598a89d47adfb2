/**
 * A run's history record and saved stages, for the log documents and pickers: what the record
 * says (a failed switch, an interrupted run) explains a stage with no saved output, and
 * history's state corrects run.json's `running` for a run that never ended (core/runlog).
 */
import type { RunRecord } from '../../core/pipeline';
import { KEEP_RUNS, savedStages, type SavedStage } from '../../core/runlog';
import type { FolderPipeline } from '../pipeline/workspacePipelines';

/** The newest runs a log reader may ask about: as many as saved logs are kept, and then some (runs that save none). */
const RECENT = KEEP_RUNS * 2;

export async function recentRecords(fp: FolderPipeline): Promise<RunRecord[]> {
  try {
    return (await (await fp.engine.history()).readNewest(RECENT)).runs;
  } catch {
    return []; // an unreadable history explains nothing: the generic text stands
  }
}

export async function runRecordOf(fp: FolderPipeline, runId: string): Promise<RunRecord | undefined> {
  return (await recentRecords(fp)).find((r) => r.id === runId);
}

/** The run's saved stages and its record, from whichever folder has either; undefined when none does. */
export async function findRun(all: readonly FolderPipeline[], runId: string): Promise<{ fp: FolderPipeline; stages: SavedStage[]; record?: RunRecord } | undefined> {
  for (const fp of all) {
    const stages = (await savedStages(await fp.engine.dataDir(), runId).catch(() => undefined)) ?? [];
    const record = await runRecordOf(fp, runId);
    if (stages.length > 0 || record) { return { fp, stages, ...(record ? { record } : {}) }; }
  }
  return undefined;
}
