/**
 * A production deploy's confirmation as text: the question naming the commit and slot, and the
 * detail (commits not in the live release, slots, monitoring, caveats). Plain strings,
 * shown by the editor's modal; subjects are data here (a modal renders no markup).
 */
import { localTime, printableSubject, shortSha } from '../format';
import type { ProductionPlan } from './types';

/** More would make the modal scroll; the rest is summarised as "…". */
export const COMMITS_SHOWN = 10;

/** Deploy state is per clone (docs/deploys.md): with none here, that is a fact about this clone, not production. */
export const NO_DEPLOY_HERE = 'no deploy recorded in this clone';
export const OTHER_CLONES = 'deploys made from other clones are not known here';

/** Blue/green with no deploy recorded here: the target is only the first slot, and another clone may have made it live. */
export function slotMayBeLive(plan: ProductionPlan): boolean {
  return plan.blueGreen && plan.targetSlot !== undefined && plan.liveSlot === undefined && !plan.lastProduction && !plan.stateCorrupt;
}

/** `verb`: Promote asks "Promote …?" about the same facts. */
export function productionQuestion(plan: ProductionPlan, verb = 'Deploy'): string {
  const what = plan.sha === 'none' ? 'the working tree' : shortSha(plan.sha);
  return `${verb} ${what}${plan.subject ? ` "${subjectText(plan.subject)}"` : ''} to production${plan.targetSlot ? ` (slot ${plan.targetSlot})` : ''}?`;
}

/** The rest of the confirmation: commits not in the live release, slots, monitoring, caveats. */
export function planDetail(plan: ProductionPlan): string {
  const lines = commitLines(plan);
  // Said first: the commits below count from the release live before the stopped deploy, not from what production holds.
  if (plan.productionUnknown !== undefined) { lines.unshift(`What production runs is unknown: ${plan.productionUnknown}.`, ''); }
  if (plan.rolledBack) { lines.unshift(`${shortSha(plan.sha)} was live before: a rollback took it out of production at ${localTime(plan.rolledBack.at)}. This deploys it again.`, ''); }
  if (plan.blueGreen) {
    lines.push('', `Blue/green: the release goes to ${plan.targetSlot ?? 'the idle slot'}${plan.liveSlot ? ` while ${plan.liveSlot} stays live` : ''}, then traffic switches.`);
    if (slotMayBeLive(plan)) { lines.push(`This clone has no record of the live slot: ${plan.targetSlot} may be serving traffic.`); }
  }
  lines.push(`Production stages: ${plan.productionStages.join(', ')}.`);
  if (plan.monitor) {
    lines.push(`Then monitoring for ${Math.round(plan.monitor.windowMs / 1000)}s (${plan.monitor.probes.join(', ')})${plan.monitor.autoRollback ? ', rolling back by itself on an error spike' : ''}.`);
  }
  if (plan.dirty) { lines.push('', 'The working tree has uncommitted changes: stages run on it, which is not exactly the commit.'); }
  for (const p of plan.problems) { lines.push(`Note: ${p}`); }
  return lines.join('\n');
}

/** What ships: the commits not in the live release, at most COMMITS_SHOWN of them. */
function commitLines(plan: ProductionPlan): string[] {
  if (plan.removed) { return [...addedLines(plan), ...removedLines(plan.removed, plan.commits?.length === 0)]; }
  return addedLines(plan);
}

/** What leaves production: commits live now that this one lacks; all of it when it is an older commit than the live one. */
function removedLines(removed: NonNullable<ProductionPlan['removed']>, older: boolean): string[] {
  const n = removed.commits.length;
  const lines = [older
    ? `This deploys an OLDER commit than the one live: ${n}${removed.more ? '+' : ''} commit${n === 1 && !removed.more ? '' : 's'} would leave production:`
    : `${n}${removed.more ? '+' : ''} commit${n === 1 && !removed.more ? '' : 's'} live now would leave production (not in this commit):`];
  for (const c of removed.commits.slice(0, COMMITS_SHOWN)) { lines.push(`  ${shortSha(c.sha)} ${subjectText(c.subject)}`); }
  if (n > COMMITS_SHOWN || removed.more) { lines.push('  …'); }
  return lines;
}

function addedLines(plan: ProductionPlan): string[] {
  if (plan.removed && plan.commits?.length === 0) { return []; } // going back: nothing is added, removedLines says what leaves
  if (plan.commits && plan.commits.length === 0 && plan.lastProduction) {
    const live = plan.lastProduction;
    // Said plainly: both slots would then hold one release, leaving nothing to roll back to.
    const already = live.sha === plan.sha && live.slot !== undefined ? ` ${shortSha(live.sha)} is already live in ${live.slot}.` : '';
    return [`No commit beyond the live release (${shortSha(live.sha)}): this deploys the same commit again.${already}`];
  }
  if (!plan.commits) { return plan.commitsNote ? [plan.commitsNote] : []; }
  const n = plan.commits.length;
  const lines = [plan.lastProduction
    ? `${n}${plan.moreCommits ? '+' : ''} commit${n === 1 ? '' : 's'} not in the live release (${shortSha(plan.lastProduction.sha)}):`
    : `${upper(NO_DEPLOY_HERE)}; ${OTHER_CLONES}. Commits:`];
  for (const c of plan.commits.slice(0, COMMITS_SHOWN)) { lines.push(`  ${shortSha(c.sha)} ${subjectText(c.subject)}`); }
  if (n > COMMITS_SHOWN || plan.moreCommits) { lines.push('  …'); }
  return lines;
}

/** A subject on one bounded line; bidi controls would reorder what the modal shows, so they become spaces. */
function subjectText(subject: string): string {
  return printableSubject(subject, 'space');
}

const upper = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
