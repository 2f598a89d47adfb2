import type { StageState } from '../pipeline';

/** A stage state in words: `timedOut` is "timed out" wherever a person reads it. */
export function stageStateWords(state: StageState | string): string {
  return state === 'timedOut' ? 'timed out' : state === 'waiting-approval' ? 'waiting for approval' : state;
}

/** A saved log's last line, "[gearshift: failed: exited with code 1]"; a reason that starts with the state's words ("timed out after 2s") is not said twice. */
export function reasonLine(state: StageState, reason: string): string {
  const words = stageStateWords(state);
  return `[gearshift: ${reason.startsWith(words) ? reason : `${words}: ${reason}`}]\n`;
}
