/**
 * Manual gates on the command line: --yes approves; a person at a terminal is asked; in CI or
 * with no terminal on stdin nobody can answer, so the gate is declined at once (the run ends
 * `cancelled`) instead of hanging a CI job until its timeout.
 */
import type { Stage } from '../core/config';
import type { ApprovalAnswer } from '../core/pipeline';
import { approverName } from '../core/git';
import { printable } from '../core/format';
import { isCi } from './color';
import type { CliIo } from './io';

export type Approver = (stage: Stage, run: unknown, signal: AbortSignal) => Promise<ApprovalAnswer>;

/** Who approved is recorded on the stage: the name the deploy commands record (core/git approverName, of `folder`). */
export function cliApprover(yes: boolean, io: CliIo, folder: string): Approver {
  const who = (): Promise<string> => approverName(folder, io.env);
  return async (stage, _run, signal) => {
    const name = printable(stage.name); // from .gearshift.yml: data, never a terminal sequence
    if (yes) {
      io.stderr.write(`gearshift: stage "${name}" approved by --yes\n`);
      return { approvedBy: await who() };
    }
    const why = isCi(io.env) ? 'CI is set' : !io.stdinIsTTY ? 'stdin is not a terminal' : undefined;
    if (why) {
      io.stderr.write(`gearshift: stage "${name}" needs approval: rerun with --yes to approve it (nobody can be asked: ${why})\n`);
      return { notAsked: why };
    }
    const answer = await io.prompt(`Approve stage "${name}"? [y/N] `, signal);
    const approved = answer !== null && /^\s*y(es)?\s*$/i.test(answer);
    if (!approved && !signal.aborted) { io.stderr.write(`gearshift: stage "${name}" was not approved\n`); }
    return approved ? { approvedBy: await who() } : false;
  };
}
