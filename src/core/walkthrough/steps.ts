/**
 * The walkthrough "Shift up through the five gears": its steps in gear order. package.json's
 * `contributes.walkthroughs` repeats the ids and titles (a unit test keeps them equal); each
 * step completes on the context key `gearshift.walkthrough.<id>` that the editor sets from
 * progress.ts, to one of two values in turn (see DONE_VALUES).
 */
import type { GearNumber } from '../gears';

export interface WalkthroughStep {
  readonly id: WalkthroughStepId;
  /** The gear this step belongs to (1st gear's steps come first). */
  readonly gear: GearNumber;
  readonly title: string;
}

export type WalkthroughStepId =
  | 'pipelineFile' | 'greenRun' | 'redToGreen' | 'nonProdDeploy' | 'productionDeploy'
  | 'flagsFile' | 'monitoring' | 'commitTrigger';

/** `publisher.name#id` as `workbench.action.openWalkthrough` wants it. */
export const WALKTHROUGH_ID = 'gearshift.gearshift#shiftUp';
export const CONTEXT_KEY_PREFIX = 'gearshift.walkthrough.';

export const WALKTHROUGH_STEPS: readonly WalkthroughStep[] = [
  { id: 'pipelineFile', gear: 1, title: 'Create your pipeline' },
  { id: 'greenRun', gear: 1, title: 'Run it until it is green' },
  { id: 'redToGreen', gear: 1, title: 'See it red, bring it back to green' },
  { id: 'nonProdDeploy', gear: 2, title: 'Deploy to non-prod' },
  { id: 'productionDeploy', gear: 2, title: 'Deploy to production with blue/green' },
  { id: 'flagsFile', gear: 3, title: 'Hide unfinished work behind feature flags' },
  { id: 'monitoring', gear: 4, title: 'Watch production after each deploy' },
  { id: 'commitTrigger', gear: 5, title: 'Deploy every commit' },
];

export function isWalkthroughStepId(value: unknown): value is WalkthroughStepId {
  return typeof value === 'string' && WALKTHROUGH_STEPS.some((s) => s.id === value);
}

export function contextKey(id: WalkthroughStepId): string {
  return CONTEXT_KEY_PREFIX + id;
}

/**
 * The values a done step's key takes, in turn. VS Code (1.139) treats an `onContext:` expression
 * that is already true when it registers the walkthrough as an event that happened, without
 * checking the step, and fires each expression once a session: a key set before registration
 * (Gearshift often activates first) was never checked. Two expressions per step, `== done` and
 * `== doneAgain`: switching a done key to the other value after registration checks it.
 */
export const DONE_VALUES = ['done', 'doneAgain'] as const;
export type DoneValue = typeof DONE_VALUES[number];

/** The step's `completionEvents` in package.json. */
export function completionEvents(id: WalkthroughStepId): string[] {
  return DONE_VALUES.map((v) => `onContext:${contextKey(id)} == ${v}`);
}
