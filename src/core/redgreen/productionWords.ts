/**
 * What a look at production or a change of its slot did to red/green, said in the one toast of
 * the command (the editor's Monitor Production Now, Roll Back, Switch Blue/Green). Production
 * healthy is not the pipeline green, and a rollback that ended the red is not two toasts, the
 * rollback's and "back to green" (walkedit33 M1). Plain text; names are data, made printable.
 */
import { formatElapsed, shortId, shortSha } from '../format';
import { clean } from './clean';
import type { RedNow } from './redNow';

/** The open red as a clause: "a production alert in run 1a2b3c4d (abcdef01)". */
function redClause(red: RedNow): string {
  const where = red.runId !== undefined ? ` in run ${clean(shortId(red.runId))}${red.sha ? ` (${shortSha(red.sha)})` : ''}` : '';
  return `${clean(red.cause ?? 'a run failed')}${where}`;
}

/** What turns it green: the stages that still fail, passed; else (production failed) a whole new run that passes. */
function whatTurnsItGreen(red: RedNow): string {
  const stages = red.failingStages?.map(clean) ?? [];
  if (stages.length === 0) { return 'a new run of the pipeline that passes turns it green'; }
  const names = stages.length === 1 ? stages[0] : `${stages.slice(0, -1).join(', ')} and ${stages[stages.length - 1]}`;
  return `a run that passes ${names} turns it green`;
}

/**
 * Monitoring found no alarm while the pipeline is red: production is healthy now, the pipeline
 * stays red (why), and what ends it. Undefined when it is not red (or red is unknown: no run to name).
 */
export function healthyButRedText(red: RedNow | undefined): string | undefined {
  if (red?.since === undefined) { return undefined; }
  return `Production is healthy now, but the pipeline stays red: ${redClause(red)}. Monitoring on its own ends no red: ${whatTurnsItGreen(red)}.`;
}

/**
 * After a switch or rollback that made a slot live: the red it ended (how long, what it was) or
 * the red it left (why, and what ends it). Undefined when it was green before and after.
 */
export function slotChangeRedGreenText(kind: 'rollback' | 'switch', before: RedNow | undefined, after: RedNow | undefined, now: number): string | undefined {
  if (after?.since !== undefined) { return `The pipeline is still red: ${redClause(after)}; ${whatTurnsItGreen(after)}.`; }
  if (before?.since === undefined) { return undefined; }
  const redFor = formatElapsed(Math.max(0, now - Date.parse(before.since)));
  return `The pipeline is green again after ${redFor}: the ${kind} ended the red (${redClause(before)}). Newer commits are not live until one deploys.`;
}
