/**
 * The deploy's hooks into the engine (EngineOptions.hooks), so every run that reaches production
 * deploys — however it was started (palette, CLI, a commit): otherwise a commit-triggered 5th-gear
 * run would deploy over the live slot, unlocked and unwatched. A run selecting a production stage
 * goes through productionHooks.ts (lock, idle slot, switch, monitoring, auto-rollback); after
 * every run, a pass of the non-prod stages is recorded for "Promote to Production". Under
 * `checkout: workspace` a run whose HEAD moved is neither (headWatch.ts).
 *
 * This module stays small: the deploy machinery is loaded on the first run that needs it
 * (webpack's "deploy" chunk), so the extension's bundle does not carry it.
 */
import type { RunContext, RunHooks, RunHooksFactory } from '../engine';
import type { RunRecord } from '../pipeline';
import { selectsProduction } from './selectsProduction';
import { watchHead } from './headWatch';

export function deployRunHooks(): RunHooksFactory {
  return { forRun: hooksForRun, afterRun: recordNonProdPass, interruptedRun: noteInterruptedRun };
}

/** A dead run's end line: what deploy.json's switch intent says it was doing, and its alert (interruptedNote.ts); loaded only when a run died. */
async function noteInterruptedRun(run: RunRecord, dataDir: string): Promise<Partial<RunRecord> | undefined> {
  const { interruptedRunNote } = await import(/* webpackChunkName: "deploy" */ './interruptedNote');
  return interruptedRunNote(run, dataDir);
}

/** Under `checkout: workspace` every run also watches HEAD (headWatch.ts): a run whose HEAD moved is no verdict on its sha. */
async function hooksForRun(ctx: RunContext): Promise<RunHooks | undefined> {
  const production = await productionHooksFor(ctx);
  return ctx.worktree !== undefined || ctx.sha === 'none' ? production : watchHead(ctx, production);
}

async function productionHooksFor(ctx: RunContext): Promise<RunHooks | undefined> {
  if (!selectsProduction(ctx.pipeline, ctx.request)) { return undefined; }
  const [{ productionHooks }, { deployContextIn }, { guardRedProduction }] = await Promise.all([
    import(/* webpackChunkName: "deploy" */ './productionHooks'),
    import(/* webpackChunkName: "deploy" */ './deployFiles'),
    import(/* webpackChunkName: "deploy" */ './redGuard'),
  ]);
  const record = await guardRedProduction(ctx); // rejects (refusing the run) on red
  const { store, lock } = deployContextIn(ctx.dataDir);
  const approvedBy = ctx.request.extra?.approvedBy;
  const { gate, hold } = productionHooks({
    runId: ctx.runId, pipeline: ctx.pipeline, root: ctx.root, sha: ctx.sha, store, lock, env: ctx.env, emit: ctx.emit,
    ...(ctx.killGraceMs !== undefined ? { killGraceMs: ctx.killGraceMs } : {}),
    ...(ctx.secrets ? { secrets: ctx.secrets } : {}),
    ...(ctx.onStageStarted ? { onStageStarted: ctx.onStageStarted } : {}),
    ...(ctx.worktree !== undefined ? { cleanCheckout: true } : {}),
    ...(typeof approvedBy === 'string' ? { approvedBy } : {}),
    ...(ctx.request.extra?.rollback === true ? { rollback: true } : {}),
    ...(ctx.request.slots ? { expectSlots: ctx.request.slots } : {}),
  });
  return { gate, hold, ...(record ? { record } : {}) };
}

async function recordNonProdPass(record: RunRecord, ctx: RunContext): Promise<void> {
  if (!ctx.pipeline.stages.some((s) => s.environment === 'non-prod')) { return; } // nothing to note, nothing to load
  try {
    const [{ noteNonProdPass }, { deployContextIn }] = await Promise.all([
      import(/* webpackChunkName: "deploy" */ './nonProdPass'),
      import(/* webpackChunkName: "deploy" */ './deployFiles'),
    ]);
    await noteNonProdPass(deployContextIn(ctx.dataDir).store, record, ctx.pipeline, ctx.request);
  } catch (e) {
    ctx.emit({ type: 'historyProblem', message: `could not record the non-prod deploy: ${(e as Error).message}` });
  }
}
