/**
 * The gauge's next steps to shift up, fitted to what the readiness checklist sees: the talk's
 * practices (model.ts) are the same for every team at a gear, but a practice already in place is
 * no step, and a missing one says what to change (review26 F1). gaugeState.ts measures and calls
 * this with its gear, classification and checklist.
 */
import type { ChecklistItem } from './checklist';
import type { GaugeModel } from './gaugeState';
import { REPLACE_TODO } from './limitingFactor';
import { GEARS } from './model';

/** The checklist item of the 5th gear's `trigger: commit`. */
const CONTINUOUS = 'continuous-trigger';
/**
 * Not yet judged (history shorter than a day, or no runs) means never red for a day so far: no
 * step then, which read as "the pipeline is red" while it was green (walkcli32 L7). Red now, the
 * limiting factor's own steps (fix or revert) say it.
 */
const NEVER_RED_LONG = 'never-red-long';

/** The talk's practices, by their words, with the checklist item that tells (undefined: nothing can). */
const PRACTICES = new Map(GEARS.flatMap((gear) => gear.shiftUp.map((practice) => [practice.step, practice.check] as const)));

/**
 * The limiting factor's own steps (fix or revert it, …) stay first; then the practices the
 * checklist sees missing, in the talk's order, each as its fix when the check knows one; then
 * those it cannot tell. Practices it sees done are dropped. The next gear's rule leads the
 * practices: at 4th gear, every commit unattended (`trigger: commit`), then commits reaching
 * production within a day.
 */
export function shiftUpSteps(model: {
  gear: Pick<GaugeModel['gear'], 'number' | 'heldBack' | 'next'>; checklist: GaugeModel['checklist']; classification: Pick<GaugeModel['classification'], 'commitsDeployedWithinDay'>;
}): string[] {
  const items = new Map(model.checklist.map((item) => [item.id, item]));
  const own: string[] = [];
  const missing: string[] = [];
  const lead: string[] = [];
  const untold: string[] = [];
  // The limit's own TODO step names every TODO stage: a checklist fix naming some of them again is the same step (review39 L1).
  const todoSaid = model.gear.next.some((step) => !PRACTICES.has(step) && step.startsWith(REPLACE_TODO));
  for (const step of model.gear.next) {
    if (!PRACTICES.has(step)) { own.push(step); continue; }
    const check = PRACTICES.get(step);
    const item: ChecklistItem | undefined = check === undefined ? undefined : items.get(check);
    if (item?.status === 'done' || (check === NEVER_RED_LONG && item?.status === 'unknown')) { continue; }
    if (todoSaid && item?.fix?.startsWith(REPLACE_TODO)) { continue; }
    if (item?.status === 'missing') { (check === CONTINUOUS ? lead : missing).push(item.fix ?? step); } else { untold.push(step); }
  }
  // At 4th gear the 5th gear's rule leads: `trigger: commit` (found by its check, wherever the limit put it), then the share.
  const fifth = model.gear.number === 4 ? [...lead.splice(0), ...fifthGearShare(model)] : [];
  return [...new Set([...own, ...fifth, ...lead, ...missing, ...untold])];
}

/**
 * 4th gear: the rest of the 5th gear's rule (classify.ts) is more than half the commits in
 * production within a day; when that is not met, say how far off it is.
 */
function fifthGearShare(model: Parameters<typeof shiftUpSteps>[0]): string[] {
  const share = model.classification.commitsDeployedWithinDay;
  if (model.gear.number !== 4 || model.gear.heldBack || share === null || share > 0.5) { return []; }
  return [`get more than half of the commits to production within a day of committing (now ${Math.round(share * 100)}%)`];
}
