/**
 * What deploy.json adds to a dead run's end line (engine/leftovers.ts's InterruptedRunNote): the
 * switch intent's words (interruptedNote.ts), and `alert: true` when this run's own deploy record
 * says its monitoring alerted. A deploy killed after the alert — in its automatic rollback, whose
 * switch script is the likeliest place to be — had failed already: the clean-up then ends it red,
 * as a Ctrl+C at that moment does, so the red period, the gauge and DORA's failed deploy are not
 * lost with the process (faults41 M1).
 */
import type { RunRecord } from '../pipeline';
import { deployContextIn } from './deployFiles';
import { interruptedRunNote } from './interruptedNote';

export async function deadRunNote(run: RunRecord, dataDir: string): Promise<Partial<RunRecord> | undefined> {
  const [intent, alerted] = await Promise.all([interruptedRunNote(run, dataDir), alertOf(run, dataDir)]);
  return intent === undefined && alerted === undefined ? undefined : { ...intent, ...alerted };
}

/** `{ alert: true }` when deploy.json holds this run's production deploy record with result `alert`. */
async function alertOf(run: RunRecord, dataDir: string): Promise<Partial<RunRecord> | undefined> {
  const { state, corrupt } = await deployContextIn(dataDir).store.read();
  if (corrupt !== undefined) { return undefined; }
  return state.records.some((r) => r.runId === run.id && r.kind === 'deploy' && r.result === 'alert') ? { alert: true } : undefined;
}
