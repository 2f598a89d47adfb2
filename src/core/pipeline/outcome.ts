/** How a finished stage process reads in the record: state plus a plain-language reason. */

import type { StageRecord, StageState } from './types';
import type { ApprovalAnswer } from './options';
import type { ProcessResult } from './process';
import { formatLimit } from '../format';

export interface StageOutcome {
  state: StageState;
  reason?: string;
}

export function stageOutcome(result: ProcessResult, timeoutMs: number, cancelReason: string | undefined): StageOutcome {
  if (result.spawnError !== undefined) { return { state: 'failed', reason: result.spawnError }; }
  // A timeout is checked before cancel: it happened first (the process guarantees only one started the kill).
  if (result.timedOut) { return { state: 'timedOut', reason: `timed out after ${formatLimit(timeoutMs)}` }; }
  if (result.terminated) { return { state: 'cancelled', reason: cancelReason ?? 'cancelled' }; }
  if (result.exitCode === 0) { return { state: 'passed' }; }
  if (result.exitCode === null) {
    return { state: 'failed', reason: result.signal ? `killed by ${result.signal}` : 'ended without an exit code' };
  }
  return { state: 'failed', reason: exitReason(result.exitCode) };
}

/** The shell's conventional codes, in words a developer recognises. */
export function exitReason(code: number): string {
  switch (code) {
    case 127: return 'command not found';
    case 126: return 'not executable';
    default: return `exited with code ${code}`;
  }
}

/** "which failed" etc.: why a dependent of `state` cannot run. */
export function blockedBy(need: string, state: StageState, reason: string | undefined): string {
  switch (state) {
    case 'failed': return `needs ${need}, which failed`;
    case 'timedOut': return `needs ${need}, which timed out`;
    case 'skipped': return `needs ${need}, which was skipped`;
    default: return reason === APPROVAL_DECLINED ? `needs ${need}, which was not approved` : `needs ${need}, which was cancelled`;
  }
}

export const APPROVAL_DECLINED = 'approval declined';

export interface ApprovalReading { approved: boolean; approvedBy?: string; notAsked?: string; inAdvance?: boolean }

/** A gate's answer as the runner records it: who approved goes on the stage, why nobody could be asked on its reason. */
export function readApproval(answer: ApprovalAnswer): ApprovalReading {
  if (typeof answer === 'boolean') { return { approved: answer }; }
  if ('approvedBy' in answer) { return { approved: true, approvedBy: answer.approvedBy, ...(answer.inAdvance === true ? { inAdvance: true } : {}) }; }
  return { approved: false, notAsked: `not approved: nobody could be asked (${answer.notAsked})` };
}

/** What an approved gate records on its stage: who, and a person's wait or that nobody waited (`--yes`). */
export function approvalFacts(answer: ApprovalReading, waitedMs: number): Pick<StageRecord, 'approvedBy' | 'approvalWaitMs' | 'approvedInAdvance'> {
  if (!answer.approved) { return {}; }
  return { ...(answer.approvedBy !== undefined ? { approvedBy: answer.approvedBy } : {}), ...(answer.inAdvance === true ? { approvedInAdvance: true } : { approvalWaitMs: Math.round(waitedMs) }) };
}
