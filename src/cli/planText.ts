/**
 * The production deploy's summary, shown before "Deploy … to production?" by `gearshift deploy
 * production` and by a `gearshift run` that will reach production (runQuestion.ts).
 */
import { formatLimit, localTime, printable, printableSubject, shortSha } from '../core/format';
import { type LiveNow, NO_DEPLOY_HERE, OTHER_CLONES, slotMayBeLive, type ProductionPlan } from '../core/release';

/** The confirmation's facts, plain text, one per line; subjects, branches and messages are data (printable). */
export function describePlan(p: ProductionPlan, overrideRed: boolean): string {
  const pr = printable; // `p` is the plan here
  const lines = ['Production deploy'];
  lines.push(`  commit    ${shortSha(p.sha)}${p.subject ? `  ${printableSubject(p.subject)}` : ''}${p.branch ? ` (${pr(p.branch)})` : ''}`);
  lines.push(p.productionUnknown !== undefined ? `  live now  unknown: ${pr(p.productionUnknown)}`
    : p.lastProduction
      ? `  live now  ${shortSha(p.lastProduction.sha)}${p.lastProduction.slot ? ` in ${pr(p.lastProduction.slot)}` : ''} (${liveSinceText(p.lastProduction)})`
      : p.stateCorrupt ? '  live now  unknown: deploy.json is corrupt'
        : `  live now  ${NO_DEPLOY_HERE}\n            (${OTHER_CLONES})`);
  if (p.commits) {
    const n = p.commits.length;
    // Counted from what is live, which after a switch or rollback is not the newest deploy (review41 F4).
    const where = p.lastProduction ? (n === 0 ? 'beyond the live release' : 'not in the live release') : 'in this commit\'s history';
    lines.push(`  commits   ${n === 0 ? 'none' : `${n}${p.moreCommits ? '+' : ''}`} ${where}${n > 0 ? ':' : ''}`);
    for (const c of p.commits) { lines.push(`              ${shortSha(c.sha)} ${printableSubject(c.subject)}`); }
    if (p.moreCommits) { lines.push('              …'); }
  } else if (p.commitsNote) {
    lines.push(`  commits   ${pr(p.commitsNote)}`);
  }
  lines.push(...removedLines(p));
  const live = p.lastProduction;
  if (p.commits?.length === 0 && live?.sha === p.sha && live.slot !== undefined) {
    // As the editor's Promote says it (release/planText.ts): both slots would then hold one release.
    lines.push(`  ! ${shortSha(p.sha)} is already live in ${pr(live.slot)}: this deploys the same commit again${p.targetSlot ? ` into ${pr(p.targetSlot)}` : ''}, leaving no other release to roll back to`);
  }
  if (p.targetSlot) { lines.push(`  slot      ${pr(p.targetSlot)}${p.liveSlot ? ` (${pr(p.liveSlot)} stays live until the switch)` : ''}`); }
  if (slotMayBeLive(p)) { lines.push(`  ! this clone has no record of the live slot: ${pr(p.targetSlot ?? '')} may be serving traffic`); }
  if (p.monitor) {
    lines.push(`  monitor   ${pr(p.monitor.probes.join(', '))} every ${formatLimit(p.monitor.intervalMs)} for ${formatLimit(p.monitor.windowMs)}, auto-rollback ${p.monitor.autoRollback ? 'on' : 'off'}`);
  }
  if (p.rolledBack) { lines.push(`  ! ${shortSha(p.sha)} was live before: a rollback took it out of production at ${localTime(p.rolledBack.at)}; this deploys it again`); }
  if (p.dirty) { lines.push('  ! the working tree has uncommitted changes: the stages run on them, but they are not in the commit'); }
  if (p.red) { lines.push(`  ! ${pr(p.red.message)}${overrideRed ? ' (--override-red: deploying anyway)' : ''}`); }
  for (const problem of p.problems) { lines.push(`  ! ${pr(problem)}`); }
  return `${lines.join('\n')}\n\n`;
}

/** "deployed 2026-12-07 18:59:02", or "live since the switch at …" when a switch or rollback made it live later. */
function liveSinceText(live: LiveNow): string {
  return live.madeLive ? `live since the ${live.madeLive.by} at ${localTime(live.madeLive.at)}` : `deployed ${localTime(live.at)}`;
}

/** What leaves production: the commits live now that HEAD lacks, and when HEAD is an older commit than the live one, that. */
function removedLines(p: ProductionPlan): string[] {
  if (!p.removed) { return []; }
  const n = p.removed.commits.length;
  const lines = [`  removes   ${n}${p.removed.more ? '+' : ''} commit${n === 1 && !p.removed.more ? '' : 's'} live now that this commit lacks:`];
  for (const c of p.removed.commits) { lines.push(`              ${shortSha(c.sha)} ${printableSubject(c.subject)}`); }
  if (p.removed.more) { lines.push('              …'); }
  if (p.commits?.length === 0) { lines.push(`  ! this deploys an older commit than the one live: ${shortSha(p.sha)} is an ancestor of ${shortSha(p.lastProduction?.sha ?? '')}`); }
  return lines;
}
