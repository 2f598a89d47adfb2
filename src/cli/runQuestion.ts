/**
 * `gearshift run` at a terminal asks before a run that reaches production, with `gearshift deploy
 * production`'s summary and question, as the editor's Run Pipeline asks with Deploy to
 * Production's (walkcli32 M2). The same cases ask (core/release runNeedsConfirmation: a selected
 * production stage that is not the starter's TODO). --yes skips it; nobody is asked where nobody
 * can answer (a hook, CI, no terminal): such runs go on as before, their gates decide.
 * Loaded only when a run may ask (run.ts), so a plain run does not carry the plan's code.
 */
import type { Pipeline } from '../core/config';
import type { ConfirmedFields, PipelineEngine, RunRequest } from '../core/engine';
import { approverName } from '../core/git';
import { shortSha, printable } from '../core/format';
import { planProductionDeploy, redRefusalOf, runDeploysNote, runNeedsConfirmation, slotsToPin } from '../core/release';
import { stopUnlessConfirmed, type Stop } from './confirm';
import type { CliIo, OutStream } from './io';
import { describePlan } from './planText';
import { redRefusalMessage } from './redRefusal';
import { envSecretMask } from './secretSource';

export interface RunQuestion { engine: PipelineEngine; pipeline: Pipeline; request: RunRequest; overrideRed: boolean; io: CliIo; out: OutStream; signal: AbortSignal }

/** What a confirmed run adds to its request (pinned to the commit asked about, who confirmed), or why it does not start. */
export type RunAnswer = { go: ConfirmedFields } | { stop: Stop };

/** The way to run less than production: `deploy non-prod` only where there is a non-prod stage (else it exits 2). */
function notDeployed(pipeline: Pipeline): string {
  const less = pipeline.stages.some((s) => s.environment === 'non-prod')
    ? '`gearshift deploy non-prod` runs only the non-prod stages'
    : '`gearshift run --stage NAME` runs one stage';
  return `not deployed: nothing ran; ${less}`;
}

/** Undefined when there is nothing to ask (the engine reports a bad file, a missing secret, a refusal itself). */
export async function askBeforeProduction(q: RunQuestion): Promise<RunAnswer | undefined> {
  if (!runNeedsConfirmation(q.pipeline, q.request, { confirmSetting: true })) { return undefined; }
  const missing = await q.engine.secrets.missingFor(q.pipeline, { only: q.request.only, from: q.request.from }).catch(() => []);
  if (missing.length > 0) { return undefined; } // refused before any stage: nobody should say yes to that first
  // The engine's red guard would refuse it (a partial run past failing stages): refuse before the summary and question.
  const red = await redRefusalOf(q.engine, q.pipeline, { ...q.request, overrideRed: q.overrideRed });
  if (red) { return { stop: { result: 'refused', message: redRefusalMessage(red) } }; }
  const plan = await planProductionDeploy(q.engine);
  if (plan.kind === 'invalid' || plan.sha === 'none') { return undefined; }
  q.out.write(`${note(q)}\n\n`);
  q.out.write(envSecretMask(q.io.env)(describePlan(plan, q.overrideRed)));
  const where = plan.targetSlot ? ` (slot ${printable(plan.targetSlot)})` : '';
  const stop = await stopUnlessConfirmed(`Deploy ${shortSha(plan.sha)} to production${where}?`, false, 'deploying to production', q.io, q.signal, notDeployed(q.pipeline));
  if (stop) { return { stop }; }
  // As the editor's confirmed run: a commit made meanwhile is refused before production, and the confirmer is recorded.
  const approvedBy = await approverName(q.engine.folder, q.io.env);
  // The slots shown too (a deploy from elsewhere while asked is refused under the deploy lock), except for `--wait`, as for the editor's queued run.
  const slots = slotsToPin(plan, q.request.waitForLock === true);
  return { go: { sha: plan.sha, confirmed: 'run', ...(slots ? { slots } : {}), extra: { ...q.request.extra, approvedBy } } };
}

/** The first line: what this run is, and that it deploys (the core's words for a partial run). */
function note(q: RunQuestion): string {
  if (q.request.only === undefined && q.request.from === undefined) { return 'gearshift run runs every stage, the production ones included: this deploys to production'; }
  return runDeploysNote(q.pipeline, q.request);
}
