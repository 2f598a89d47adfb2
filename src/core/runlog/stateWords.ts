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

/** Whether a saved log ends in a failure's reason line (reasonLine for failed or timed out): where a reader wants to start. */
export function endsInFailure(text: string): boolean {
  const last = text.trimEnd().split('\n').pop() ?? '';
  return last.startsWith('[gearshift: failed') || last.startsWith('[gearshift: timed out');
}

/**
 * What a cut saved log kept, for the line above it: a stage past its run's share keeps only its
 * end (the file's first line says so), any other its first HEAD_BYTES and last TAIL_BYTES.
 */
export function keptNote(header: { readonly bytes: number; readonly omitted: number }, body: string): string {
  const tailOnly = body.startsWith(TAIL_ONLY_MARK);
  return `${header.omitted} of ${header.bytes} bytes of output were left out; the saved log keeps ${tailOnly ? `only the last ${header.bytes - header.omitted} bytes` : 'the first 64 KiB and the last 1 MiB'}`;
}

/** The start of the line a tail-only saved log opens with (runLogRecorder). */
export const TAIL_ONLY_MARK = '[… gearshift: only the last ';
