/**
 * Manual gates on the command line: --yes approves; a person at a terminal is asked; in CI or
 * with no terminal on stdin nobody can answer, so the gate is declined at once (the run ends
 * `cancelled`) instead of hanging a CI job until its timeout. A production stage's gate nobody
 * can answer stops the run before its first production stage (core/engine unansweredGate.ts).
 */
import type { Stage } from '../core/config';
import type { ApprovalAnswer } from '../core/pipeline';
import { approverName } from '../core/git';
import { printable } from '../core/format';
import { nobodyCanAnswer } from './confirm';
import type { CliIo } from './io';

export type Approver = (stage: Stage, run: unknown, signal: AbortSignal) => Promise<ApprovalAnswer>;

/** How to get a gate approved next time, in the command's own terms (`stage` is printable). */
export type ApprovalHint = (stage: string) => string;

/** `run` and `deploy`: the same command again, with --yes. */
export const RERUN_WITH_YES: ApprovalHint = () => 'rerun with --yes to approve it';

/** `watch` has no --yes: a terminal can answer, or the gate goes for unattended deploys. */
export const WATCH_APPROVAL_HINT: ApprovalHint = (stage) => `run gearshift watch in a terminal, or remove \`approval: manual\` from "${stage}" for unattended deploys`;

/** EngineOptions.nobodyCanApprove: --yes answers every gate; else a production gate nobody can answer stops the run before production. */
export function nobodyUnlessYes(yes: boolean, io: CliIo): { nobodyCanApprove?: string } {
  const why = yes ? undefined : nobodyCanAnswer(io);
  return why === undefined ? {} : { nobodyCanApprove: why };
}

/** Who approved is recorded on the stage: the name the deploy commands record (core/git approverName, of `folder`). */
export function cliApprover(yes: boolean, io: CliIo, folder: string, hint: ApprovalHint = RERUN_WITH_YES): Approver {
  const who = (): Promise<string> => approverName(folder, io.env);
  return async (stage, _run, signal) => {
    const name = printable(stage.name); // from .gearshift.yml: data, never a terminal sequence
    if (yes) {
      io.stderr.write(`gearshift: stage "${name}" approved by --yes\n`);
      return { approvedBy: await who(), inAdvance: true }; // nobody waited: no approval step in the gauge
    }
    const why = nobodyCanAnswer(io);
    if (why) {
      io.stderr.write(`gearshift: stage "${name}" needs approval: ${hint(name)} (nobody can be asked: ${why})\n`);
      return { notAsked: why };
    }
    const answer = await io.prompt(`Approve stage "${name}"? [y/N] `, signal);
    const approved = answer !== null && /^\s*y(es)?\s*$/i.test(answer);
    if (!approved && !signal.aborted) { io.stderr.write(`gearshift: stage "${name}" was not approved\n`); }
    return approved ? { approvedBy: await who() } : false;
  };
}
