/**
 * What to do about a red pipeline, written once: the advice and the buttons, in order, of every
 * red notification (went red, its reminders, a failed deploy, promotion, rollback or switch, a
 * production alert, a failed automatic rollback), so they cannot drift apart. Plain text; the
 * editor maps each action to its command (vscode/redgreen/redAdvice.ts). Names are data.
 */
import { clean } from './clean';

/** The advice while a production release whose monitoring alerted is still live; the went-red words and reminders say it too (messages.ts). */
export const ROLL_BACK_FIRST = 'roll back first, then fix it or revert it';

/** Each action's button label. */
export const RED_ACTION_LABELS = {
  rollBack: 'Roll Back',
  showLog: 'Show Log',
  rerun: 'Re-run From Failed Stage',
  revert: 'Revert Last Commit…',
  openConfig: 'Open .gearshift.yml',
  runPipeline: 'Run Pipeline',
} as const;
export type RedAction = keyof typeof RED_ACTION_LABELS;

/**
 * Why it is red, as far as the advice goes: a stage that still runs the starter's TODO command
 * (replace it; nothing to fix or revert), a production alert whose release is still live (roll
 * back first), one that was rolled back, or anything else that failed.
 */
export type RedCause =
  | StarterTodoCause
  | { kind: 'releaseStillLive' }
  | { kind: 'rolledBack' }
  | { kind: 'failed' };

/** A stage that still runs the starter's TODO command, and the 1-based line of its `run:` in the pipeline file when found. */
export interface TodoStage { readonly name: string; readonly line?: number }

/**
 * The red's failed `stage` still runs the starter's TODO command (redgreen/starterTodoCause.ts reads
 * the config as it is now): `todoStages`, all such stages in file order; `file`, the pipeline file as
 * the front shows it (the CLI: relative to its cwd; `.gearshift.yml` when not given).
 */
export interface StarterTodoCause { kind: 'starterTodo'; stage: string; todoStages?: readonly TodoStage[]; file?: string }

export interface RedAdvice { text: string; actions: readonly RedAction[] }

export function redAdvice(cause: RedCause): RedAdvice {
  switch (cause.kind) {
    case 'starterTodo':
      return {
        text: `The pipeline is red: ${starterTodoText(cause)}`,
        actions: ['openConfig', 'showLog'],
      };
    case 'releaseStillLive':
      // Re-running would ship the same release into the same alert: undo it first.
      return { text: `The pipeline is red until a green run: ${ROLL_BACK_FIRST}.`, actions: ['rollBack', 'showLog', 'revert'] };
    case 'rolledBack':
      // No stage re-run fixes a monitoring red (core/deploy redGuard refuses one): a full run deploys the fix and shows production works.
      return { text: 'The pipeline is red until a green run: fix it or revert it, then run the pipeline.', actions: ['showLog', 'runPipeline', 'revert'] };
    case 'failed':
      return { text: 'The pipeline is red: fix it or revert it before anything else.', actions: ['showLog', 'rerun', 'revert'] };
  }
}

/**
 * What a starter TODO red asks, in the words of both fronts (the editor's notifications after "The
 * pipeline is red:", the CLI's line after "Next:"): replace the command, at its line, or, with
 * nothing to put there yet (no test environment, no production: the starter writes six such
 * stages), take the TODO stages out: red is otherwise the only way from the starter, and nothing
 * said so (firsthour34 F11, F12).
 */
export function starterTodoText(cause: StarterTodoCause): string {
  const all = cause.todoStages?.length ? cause.todoStages.map((s) => s.name) : [cause.stage];
  const line = cause.todoStages?.find((s) => s.name === cause.stage)?.line;
  const at = `${clean(cause.file ?? '.gearshift.yml')}${line === undefined ? '' : `:${line}`}`;
  const them = all.length === 1 ? `the TODO stage ${clean(all[0])}` : `the TODO stages (${all.map(clean).join(', ')})`;
  return `${clean(cause.stage)} still runs the starter's TODO command, which fails on purpose. `
    + `Replace the TODO command in ${at} with your real command. `
    + `Nothing to run there yet (no test environment, no production)? Delete or comment out ${them}, and add ${all.length === 1 ? 'it back when you have somewhere to run it' : 'them back when you have somewhere to run them'}.`;
}

/**
 * The advice once a later commit already reverts the red commit (core/git revertedBy): a second
 * revert would fail, and the revert's own run is what ends the red, so Run Pipeline comes in its
 * place, first unless a live bad release must be rolled back first.
 */
export function afterRevert(advice: RedAdvice): RedAdvice {
  if (!advice.actions.includes('revert')) { return advice; } // a starter TODO stage: nothing to revert either way
  const rest = advice.actions.filter((a) => a !== 'revert' && a !== 'rerun');
  return { text: advice.text, actions: rest[0] === 'rollBack' ? ['rollBack', 'runPipeline', ...rest.slice(1)] : ['runPipeline', ...rest] };
}

/**
 * The cause of a red run: `todo` when its failed stage still runs the starter's TODO command
 * (starterTodoCause, on the config as it is now), else from what its deploy recorded: `alert`
 * (monitoring tripped) and `rollback` (switched back) are set by core/deploy's applyDeployOutcome.
 */
export function redCauseOf(run: Readonly<Record<string, unknown>> | undefined, todo?: StarterTodoCause): RedCause {
  if (todo !== undefined) { return todo; }
  if (run?.alert === true) { return run.rollback === true ? { kind: 'rolledBack' } : { kind: 'releaseStillLive' }; }
  return { kind: 'failed' };
}
