/**
 * A run killed (kill -9, OOM, the editor's host) while its switch script ran has no end line, so
 * history read it back as a plain `interrupted` run: no deploy, no slot, and every stage
 * "interrupted before it finished". Yet the switch intent it left in deploy.json (switchIntent.ts)
 * says what it was doing. The clean-up that ends such a run (engine/leftovers.ts) asks here, so its
 * end line says it was interrupted during the switch, with the slot and "which slot is live is
 * unknown" — what `history`, the gauge and DORA then read.
 */
import { INTERRUPTED_STAGE_REASON } from '../history';
import type { RunRecord, StageRecord } from '../pipeline';
import { deployContextIn } from './deployFiles';
import { liveUnknownText } from './switchIntent';

/**
 * A production deploy switches only after every stage it ran passed: those cut short by the kill
 * had passed. (Their `stageEnd` lines say so already; this is for a history from before them.)
 */
export const PASSED_BEFORE_SWITCH = 'passed before the switch (its end was not recorded: the run was interrupted during the switch)';

/** engine's InterruptedRunNote: the words for `run` when deploy.json's standing intent is its own; else undefined. */
export async function interruptedRunNote(run: RunRecord, dataDir: string): Promise<Partial<RunRecord> | undefined> {
  const { state, corrupt } = await deployContextIn(dataDir).store.read();
  const intent = corrupt === undefined ? state.switching : undefined;
  if (intent === undefined || intent.runId !== run.id) { return undefined; }
  return {
    slot: intent.to,
    deploy: { result: 'interrupted', message: liveUnknownText(intent, undefined), liveUnknown: true },
    ...(intent.kind === 'deploy' ? { stages: run.stages.map(passedBeforeSwitch) } : {}),
  };
}

function passedBeforeSwitch(stage: StageRecord): StageRecord {
  if (stage.state !== 'cancelled' || stage.reason !== INTERRUPTED_STAGE_REASON) { return stage; }
  return { ...stage, state: 'passed', exitCode: 0, reason: PASSED_BEFORE_SWITCH };
}
