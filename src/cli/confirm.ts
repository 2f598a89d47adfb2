/**
 * The rule every question the CLI asks before a production change follows: --yes answers it; a
 * person at a terminal is asked; in CI or without a terminal nobody can answer, so the command
 * is refused (exit 2) instead of acting unasked or hanging until a CI job's timeout.
 */
import { isCi } from './color';
import type { CliIo } from './io';

export interface Stop {
  readonly result: 'refused' | 'cancelled';
  readonly message: string;
}

/** Undefined when the change may go ahead; else why not (`what` names it in the refusal, `no` is the cancel line). */
export async function stopUnlessConfirmed(question: string, yes: boolean, what: string, io: CliIo, signal: AbortSignal, no: string): Promise<Stop | undefined> {
  if (yes) { return undefined; }
  const refused = nobodyToAsk(yes, what, io);
  if (refused) { return refused; }
  const answer = await io.prompt(`${question} [y/N] `, signal);
  return answer !== null && /^\s*y(es)?\s*$/i.test(answer) ? undefined : { result: 'cancelled', message: no };
}

/** The refusal when nobody can answer (CI, or stdin not a terminal) and --yes was not given: checkable before a summary is printed. */
export function nobodyToAsk(yes: boolean, what: string, io: CliIo): Stop | undefined {
  if (yes) { return undefined; }
  const why = nobodyCanAnswer(io);
  return why ? { result: 'refused', message: `${what} needs confirmation: rerun with --yes (nobody can be asked: ${why})` } : undefined;
}

/** Why nobody can answer a question here (CI, or stdin not a terminal), or undefined: every question's rule, one place. */
export function nobodyCanAnswer(io: CliIo): string | undefined {
  return isCi(io.env) ? 'CI is set' : !io.stdinIsTTY ? 'stdin is not a terminal' : undefined;
}
