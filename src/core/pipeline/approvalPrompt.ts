/**
 * A manual approval asked with a prompt its asker cannot close (VS Code's API cannot close a
 * notification or a modal). When the run stops needing the answer (cancelled, or stopped after a failure or
 * timeout) the prompt stays up, so a later click must change nothing, and should say so.
 */
import type { RunRecord } from './types';

/**
 * The prompt's answer while the run needs it: `undefined` as soon as `signal` aborts. An
 * answer that arrives after that goes to `late` instead, so the prompt's owner can tell the
 * user nothing ran.
 */
export function answerUntilAborted<T>(answer: PromiseLike<T>, signal: AbortSignal, late: (answer: T) => void): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    let settled = false;
    const abort = (): void => { if (!settled) { settled = true; resolve(undefined); } };
    if (signal.aborted) { abort(); } else { signal.addEventListener('abort', abort, { once: true }); }
    answer.then((a) => {
      signal.removeEventListener('abort', abort);
      if (settled) { late(a); } else { settled = true; resolve(a); }
    }, (e: unknown) => {
      signal.removeEventListener('abort', abort);
      if (!settled) { settled = true; reject(e); }
    });
  });
}

/** What to tell someone who approved after the run stopped needing it (the stage's reason says why). */
export function lateApprovalMessage(stage: string, run: RunRecord): string {
  const why = run.stages.find((s) => s.name === stage)?.reason ?? `the run is ${run.state}`;
  return `"${stage}" did not run: the approval came after the run stopped needing it (${why}).`;
}
