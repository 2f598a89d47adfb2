/**
 * Turns a batch of reflog entries into steps: which commits are new (and how they came), and
 * which HEAD moves are not commits at all. Pure, so every git operation's reading is testable
 * without a repository; the tracker then asks git for the details the steps name.
 *
 * A rebase is reported once, when it finishes: its intermediate picks happen on a detached
 * HEAD, may stop for conflicts, and are not states anyone wants deployed.
 */
import { classify, type ReflogEntry } from './reflogEntry';
import { ZERO_SHA, type CommitOperation, type MoveOperation } from './types';

export type Step =
  | { kind: 'single'; operation: CommitOperation; sha: string; old: string; branch: string; replaces?: string[] }
  /** `from` undefined: the start of the range is not in the log (use ORIG_HEAD). */
  | { kind: 'range'; operation: CommitOperation; from?: string; to: string; branch: string; rewritten: boolean }
  | { kind: 'moved'; operation: MoveOperation; from: string; to: string; branch: string };

export interface PendingRebase { startOld: string }

export interface PlanInput {
  entries: readonly ReflogEntry[];
  /** Carried between batches: a rebase that started in an earlier batch. */
  pending?: PendingRebase;
  /** Branch HEAD names now (after the last entry). */
  currentBranch: string;
  /** Local branch names; needed only when the batch has checkouts (see needsBranchNames). */
  branches?: ReadonlySet<string>;
  /** A rebase state dir existed before the entries were read; if not, a pending rebase is stale. */
  rebaseInProgress: boolean;
}

export interface Plan { steps: Step[]; pending?: PendingRebase }

export function needsBranchNames(entries: readonly ReflogEntry[]): boolean {
  return entries.some((e) => classify(e).kind === 'checkout');
}

export function plan(input: PlanInput): Plan {
  const kinds = input.entries.map(classify);
  const after = branchesAfter(input, kinds);
  const steps: Step[] = [];
  let pending = input.pending;

  kinds.forEach((k, i) => {
    const e = input.entries[i];
    const branch = after[i];
    if (k.kind === 'rebase') {
      if (k.phase === 'start') {
        pending = pending ?? { startOld: e.old };
      } else if (k.phase === 'finish') {
        steps.push({ kind: 'range', operation: k.operation, from: pending?.startOld, to: e.new, branch: k.returningTo ?? branch, rewritten: true });
        pending = undefined;
      } else if (k.phase === 'abort') {
        if (pending && pending.startOld !== e.new) {
          steps.push({ kind: 'moved', operation: 'other', from: pending.startOld, to: e.new, branch });
        }
        pending = undefined;
      }
      return;
    }
    if (pending) {
      // Inside a rebase (edit stops, amends, resets): the finish reports the outcome. A checkout
      // means the rebase was left with --quit.
      if (k.kind !== 'checkout') { return; }
      pending = undefined;
    }
    switch (k.kind) {
      case 'single':
        steps.push({ kind: 'single', operation: k.operation, sha: e.new, old: e.old, branch, replaces: k.operation === 'amend' ? [e.old] : undefined });
        break;
      case 'range':
        if (e.old !== e.new) {
          steps.push({ kind: 'range', operation: k.operation, from: ZERO_SHA.test(e.old) ? undefined : e.old, to: e.new, branch, rewritten: false });
        }
        break;
      case 'checkout':
        steps.push({ kind: 'moved', operation: 'checkout', from: e.old, to: e.new, branch });
        break;
      default:
        if (e.old !== e.new) {
          steps.push({ kind: 'moved', operation: k.kind === 'reset' ? 'reset' : 'other', from: e.old, to: e.new, branch });
        }
    }
  });
  return { steps, pending: pending && !input.rebaseInProgress ? undefined : pending };
}

/**
 * The branch HEAD was on after each entry, walking back from the branch it names now: a
 * checkout's "moving from X" says what came before it, a rebase's "returning to X" what the
 * rebase started from. In between, HEAD stays on one branch.
 */
function branchesAfter(input: PlanInput, kinds: ReturnType<typeof classify>[]): string[] {
  const out = new Array<string>(kinds.length);
  let branch = input.currentBranch;
  let rebasedBranch: string | undefined;
  for (let i = kinds.length - 1; i >= 0; i--) {
    out[i] = branch;
    const k = kinds[i];
    if (k.kind === 'checkout') {
      branch = input.branches?.has(k.from) ? k.from : '';
    } else if (k.kind === 'rebase' && k.phase === 'finish') {
      rebasedBranch = k.returningTo;
      branch = '';
    } else if (k.kind === 'rebase' && k.phase === 'start') {
      branch = rebasedBranch ?? branch;
      rebasedBranch = undefined;
    }
  }
  return out;
}
