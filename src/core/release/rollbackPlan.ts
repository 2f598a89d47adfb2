/**
 * What a rollback would do now, for its confirmation: the release it takes out of production
 * and the one it brings back, each with its commit's subject (data from git: rollbackText.ts
 * escapes it). Refused plans say why, before anyone is asked.
 */
import { deployContext, missingSecretsRefusal, planRollback, productionUnknownText, type RollbackPlan, switchSecretNames } from '../deploy';
import { resolveForOperation } from './operationSecrets';
import type { ConfigError } from '../config';
import type { PipelineEngine } from '../engine';
import { deployRunning } from './facts';
import { formatConfigErrors } from './messages';
import { subjectOf } from './redeploy';

/**
 * A rollback that can go ahead, with subjects where git knows the commits. `productionUnknown`: without blue/green, a
 * deploy stopped in its production stages, in `gearshift status`'s words (the plan counts from the release recorded live before it).
 */
export type RollbackGoAhead = Extract<RollbackPlan, { kind: 'switch' | 'redeploy' }> & { subject?: string; removesSubject?: string; productionUnknown?: string };

export type RollbackPlanNow = RollbackGoAhead | Extract<RollbackPlan, { kind: 'refused' }> | { kind: 'invalid'; message: string; errors: readonly ConfigError[] };

/** What rollbackProduction would do now: switch back (blue/green), redeploy a sha, or nothing (and why). */
export async function planRollbackNow(engine: PipelineEngine): Promise<RollbackPlanNow> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { kind: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const { store, lock } = await deployContext(engine);
  const read = await store.read();
  const { state, corrupt } = read;
  if (corrupt !== undefined) { return { kind: 'refused', message: `not rolling back: ${corrupt}` }; }
  const plan = planRollback(state, loaded.pipeline.deploy, await deployRunning(lock));
  if (plan.kind === 'refused') { return plan; }
  const unrecorded = await unrecordedRollback(engine);
  if (unrecorded !== undefined) { return { kind: 'refused', message: unrecorded }; }
  if (plan.kind === 'switch') {
    // Asked before the confirmation: nobody should confirm a rollback that cannot run.
    const secrets = await resolveForOperation(engine, switchSecretNames(loaded.pipeline.deploy));
    if (!secrets.ok) { return missingSecretsRefusal(secrets.missing, state.live); }
  }
  const unknown = await productionUnknownText(read, lock);
  return { ...await withSubjects(engine.folder, plan), ...(unknown !== undefined ? { productionUnknown: unknown } : {}) };
}

/** Why a rollback would go unrecorded in history, refused (faults41 M2: killed, its script or stages would run on unwatched); undefined: it would not. */
export async function unrecordedRollback(engine: PipelineEngine): Promise<string | undefined> {
  const unwritable = await engine.historyUnwritable();
  return unwritable === undefined ? undefined : `not rolling back: ${unwritable}; nothing changed`;
}

async function withSubjects(folder: string, plan: Extract<RollbackPlan, { kind: 'switch' | 'redeploy' }>): Promise<RollbackGoAhead> {
  const [subject, removesSubject] = await Promise.all([subjectOf(folder, plan.sha), plan.removes ? subjectOf(folder, plan.removes.sha) : undefined]);
  return { ...plan, ...(subject ? { subject } : {}), ...(removesSubject ? { removesSubject } : {}) };
}
