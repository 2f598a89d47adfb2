import type { FlagsStagePort } from '../flags/stagePort';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { startRun } from './startRun';

/** The flags chunk's view of a folder's engine: the same check and start as Run Stage, in the flag's own folder. */
export function flagsStagePort(pipelines: WorkspacePipelines): FlagsStagePort {
  return {
    async cleanCommitFor(folder, stage) {
      const checked = await pipelines.get(folder).engine.check({ trigger: 'manual', only: stage }).catch(() => undefined);
      return checked?.kind === 'source' ? checked.commit : undefined;
    },
    runStage: (folder, stage) => startRun(pipelines.get(folder), { trigger: 'manual', only: stage }),
  };
}
