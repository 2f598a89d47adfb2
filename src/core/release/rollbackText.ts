/**
 * A rollback's confirmation as text, for the CLI's y/N prompt and the editor's modal: the
 * release it takes out of production and the one it brings back. Subjects are data from git:
 * `escape` (a terminal) makes controls visible, `space` (a modal) turns them into spaces.
 */
import { printable, printableSubject, shortSha } from '../format';
import type { RollbackGoAhead } from './rollbackPlan';

type Controls = 'escape' | 'space';

export function rollbackQuestion(plan: RollbackGoAhead, controls: Controls): string {
  const restores = commitText(plan.sha, plan.subject, controls);
  const removes = plan.removes ? commitText(plan.removes.sha, plan.removesSubject, controls) : undefined;
  if (plan.kind === 'switch') {
    const from = plan.from !== undefined ? ` from ${slotText(plan.from, controls)}${removes !== undefined ? ` (${removes})` : ''}` : '';
    return `Roll production back${from} to ${slotText(plan.to, controls)} (${restores})?`;
  }
  return removes !== undefined
    ? `Roll production back: take out ${removes} and redeploy ${restores} through the production stages?`
    : `Roll production back by redeploying ${restores} through the production stages?`;
}

/** The modal's detail: how it rolls back, and that the release taken out is no rollback target afterwards. */
export function rollbackDetail(plan: RollbackGoAhead): string {
  const out = plan.removes ? ` ${shortSha(plan.removes.sha)} leaves production, and no later rollback goes back to it.` : '';
  if (plan.kind === 'switch') {
    const from = plan.from !== undefined ? ` from ${slotText(plan.from, 'space')}` : '';
    return `Blue/green: switches traffic${from} back to ${slotText(plan.to, 'space')}, which still holds ${shortSha(plan.sha)}; nothing is rebuilt.${out}`;
  }
  // The plan counts from the release recorded live before a stopped deploy: said, so nobody reads it as what production holds.
  const unknown = plan.productionUnknown !== undefined ? `What production runs is unknown: ${plan.productionUnknown}.\n\n` : '';
  return `${unknown}Without blue/green: ${plan.message}.${out}`;
}

function commitText(sha: string, subject: string | undefined, controls: Controls): string {
  return `${shortSha(sha)}${subject !== undefined ? ` "${printableSubject(subject, controls)}"` : ''}`;
}

/** A slot name comes from the config file: data, like a subject. */
function slotText(slot: string, controls: Controls): string {
  return printable(slot, { controls });
}
