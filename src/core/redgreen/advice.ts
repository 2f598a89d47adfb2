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
  | { kind: 'starterTodo'; stage: string; todoStages?: readonly string[] }
  | { kind: 'releaseStillLive' }
  | { kind: 'rolledBack' }
  | { kind: 'failed' };

export interface RedAdvice { text: string; actions: readonly RedAction[] }

export function redAdvice(cause: RedCause): RedAdvice {
  switch (cause.kind) {
    case 'starterTodo':
      return {
        text: starterTodoText(cause.stage, cause.todoStages),
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
 * Replace the command, or, with nothing to put there yet (no test environment, no production: the
 * starter writes six such stages), take the TODO stages out: red is otherwise the only way from
 * the starter, and nothing said so (firsthour34 F11). `todoStages`: all of them, as the config is now.
 */
function starterTodoText(stage: string, todoStages: readonly string[] | undefined): string {
  const all = todoStages?.length ? todoStages : [stage];
  const them = all.length === 1 ? `the TODO stage ${clean(all[0])}` : `the TODO stages (${all.map(clean).join(', ')})`;
  return `The pipeline is red: ${clean(stage)} still runs the starter's TODO command, which fails on purpose. `
    + 'Replace the TODO command in .gearshift.yml with your real command. '
    + `Nothing to run there yet (no test environment, no production)? Delete or comment out ${them}, and add ${all.length === 1 ? 'it' : 'them'} back when you have one.`;
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
 * The cause of a red run: `todoStage` when its failed stage still runs the starter's TODO command
 * (the caller reads the config as it is now, and names all its TODO stages in `todoStages`), else from what its deploy recorded: `alert` (monitoring
 * tripped) and `rollback` (switched back) are set by core/deploy's applyDeployOutcome.
 */
export function redCauseOf(run: Readonly<Record<string, unknown>> | undefined, todoStage?: string, todoStages?: readonly string[]): RedCause {
  if (todoStage !== undefined) { return { kind: 'starterTodo', stage: todoStage, ...(todoStages ? { todoStages } : {}) }; }
  if (run?.alert === true) { return run.rollback === true ? { kind: 'rolledBack' } : { kind: 'releaseStillLive' }; }
  return { kind: 'failed' };
}
