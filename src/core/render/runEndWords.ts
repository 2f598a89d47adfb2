/**
 * The gauge's live line (role=status) at a run's end and while a gate waits. The run is a
 * Pseudoterminal, not a VS Code Task, so VS Code's task-completed and task-failed signals never
 * play, and extensions have no API to announce: without this line a screen reader user heard
 * "Running Unit Tests (1/3)…" and then nothing when a run ended green (review37a F5).
 */
import { formatDuration, printable } from '../format';
import type { RunRecord } from '../pipeline';

/**
 * "Run ended: green in 12.3s", "Run ended: red, Unit Tests failed", "Run ended: cancelled".
 * `folder`: named when the window has several pipelines, as the gauge shows one (rereview37 F16).
 */
export function runEndWords(run: RunRecord, folder?: string): string {
  const ended = `Run ended${inFolder(folder)}:`;
  const ms = run.endedAt !== undefined ? Date.parse(run.endedAt) - Date.parse(run.startedAt) : NaN;
  const took = Number.isFinite(ms) && ms >= 0 ? ` in ${formatDuration(ms)}` : '';
  if (run.state === 'red') {
    const failed = run.stages.find((s) => s.state === 'failed' || s.state === 'timedOut');
    return failed ? `${ended} red, ${printable(failed.name)} ${failed.state === 'timedOut' ? 'timed out' : 'failed'}` : `${ended} red`;
  }
  return `${ended} ${run.state}${run.state === 'green' ? took : ''}`;
}

/** "Release waits for your approval": nothing runs until someone answers (review37a F1). */
export function gateWaitsWords(stage: string, folder?: string): string {
  return `${printable(stage)}${inFolder(folder)} waits for your approval`;
}

function inFolder(folder: string | undefined): string {
  return folder !== undefined ? ` in ${printable(folder)}` : '';
}
