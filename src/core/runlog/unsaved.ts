/**
 * Runs history lists that saved no stage output (a manual gate nobody answered, a run killed
 * before its first stage ended, a switch or rollback): `gearshift logs --list` and the editor's
 * *Show Run Log…* list them beside the saved runs, and say why there is nothing to open.
 */
import { shortId } from '../format';
import type { RunRecord } from '../pipeline';
import { answerFor, answerText } from './runAnswer';
import type { SavedRun } from './runLogRead';
import { stageStateWords } from './stateWords';

/** History's runs with no saved folder, back to the oldest saved run (older ones may have been pruned). */
export function unsavedRuns(saved: readonly SavedRun[], history: readonly RunRecord[]): RunRecord[] {
  const ids = new Set(saved.map((r) => r.meta.id));
  const oldest = saved.length > 0 ? Math.min(...saved.map((r) => Date.parse(r.meta.startedAt))) : -Infinity;
  return history.filter((r) => !ids.has(r.id) && Date.parse(r.startedAt) >= oldest);
}

/** Why run `record` has no output to show, from its result: interrupted, red in production, a gate not approved, still running. */
export function noOutputText(record: RunRecord): string {
  if (record.state === 'running') { return `Run ${shortId(record.id)} has no saved output yet: it is still running (a stage's output is saved when it ends).\n`; }
  const answer = answerFor(record, []);
  if (answer.kind === 'production' || answer.kind === 'interrupted') { return answerText(answer); }
  const stopped = record.stages.find((s) => s.reason !== undefined && s.state !== 'passed' && s.state !== 'skipped');
  const why = stopped ? `: "${stopped.name}" ${stageStateWords(stopped.state)} (${stopped.reason})` : '';
  return `Run ${shortId(record.id)} saved no stage output (${record.state}; no stage had ended)${why}.\n`;
}
