/**
 * "Is commit X the fix?" is a question a run answers (firsthour34 F4): the commit's run starting
 * (from the ▶, the CLI's queue or the trigger) or any run's verdict (green ends the red; red
 * re-asks nothing). Until then the editor keeps it up; after, a question left on screen beside
 * "Back to green" would say red while everything else says green.
 */
import type { EngineEvent } from '../engine';

export function answersCommitQuestion(sha: string, e: EngineEvent): boolean {
  if (e.type === 'runStarted') { return e.run.sha === sha; }
  if (e.type === 'runEnded' || e.type === 'runRecorded') { return e.run.state === 'green' || e.run.state === 'red'; }
  return false;
}
