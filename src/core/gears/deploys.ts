/**
 * Production deploys: read off run history (the pipeline's `environment: production` stages)
 * and, optionally, off git tags from before Gearshift. Then cleaned for classification:
 * sorted, clock-skewed future times dropped, cut to the window.
 */
import type { Pipeline } from '../config';
import { compactRun, type CompactRun, type RunInput } from './compact';
import { toMs } from './stats';

export interface Deploy {
  /** Epoch ms the production stages finished. */
  readonly at: number;
  readonly sha: string;
  readonly source: 'history' | 'tag';
  readonly runId?: string;
}

/** A git tag treated as a production deploy (`gears.deployTags`), found by the caller. */
export interface TagDeploy {
  readonly sha: string;
  /** Epoch ms or ISO 8601. */
  readonly at: number | string;
}

/** Clock skew tolerated between machines: later than now + this is ignored as bogus. */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;

export function productionStageNames(pipeline: Pick<Pipeline, 'stages'>): ReadonlySet<string> {
  return new Set(pipeline.stages.filter((s) => s.environment === 'production').map((s) => s.name));
}

/**
 * A run is a production deploy when it recorded at least one of the pipeline's production
 * stages and every production stage it recorded `passed`. A stage the run skipped (`--stage`
 * on another stage) is not `passed`, so a partial run does not count; a production stage the
 * run does not mention at all (added to the pipeline later) is not required. The run's overall
 * state does not matter: a monitoring stage failing after production is a failed deploy, not
 * a missing one (see changeFailure.ts).
 */
export function isProductionDeploy(run: CompactRun, production: ReadonlySet<string>): boolean {
  let seen = false;
  for (const stage of run.stages) {
    if (!production.has(stage.name)) { continue; }
    if (stage.state !== 'passed') { return false; }
    seen = true;
  }
  return seen;
}

/** When production was reached: the last production stage's end, else the run's end, else start. */
export function deployTime(run: CompactRun, production: ReadonlySet<string>): number {
  let at = NaN;
  for (const stage of run.stages) {
    if (production.has(stage.name) && Number.isFinite(stage.endMs) && !(stage.endMs <= at)) { at = stage.endMs; }
  }
  if (Number.isFinite(at)) { return at; }
  return Number.isFinite(run.endMs) ? run.endMs : run.startMs;
}

/** Every production deploy in the history, oldest first. Corrupt records are skipped. */
export function productionDeploys(runs: Iterable<RunInput>, pipeline: Pick<Pipeline, 'stages'>): Deploy[] {
  const production = productionStageNames(pipeline);
  const out: Deploy[] = [];
  if (production.size === 0) { return out; }
  for (const input of runs) {
    const run = compactRun(input);
    if (!run || !isProductionDeploy(run, production)) { continue; }
    const at = deployTime(run, production);
    if (Number.isFinite(at)) { out.push({ at, sha: run.sha, source: 'history', runId: run.id }); }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * History deploys plus tag deploys, oldest first. A tag whose commit was deployed by a run is
 * the same release (the run's time is the precise one), and two tags on one commit are one
 * release; both are dropped. Tags with an unparsable time are skipped.
 */
export function mergeDeploys(history: readonly Deploy[], tags: readonly TagDeploy[] = []): Deploy[] {
  if (tags.length === 0) { return [...history].sort((a, b) => a.at - b.at); } // no tag to match: the set of shas is not needed
  const shas = new Set(history.map((d) => d.sha).filter((s) => s !== ''));
  const out = [...history];
  for (const tag of tags) {
    const at = toMs(tag.at);
    if (!Number.isFinite(at) || typeof tag.sha !== 'string' || shas.has(tag.sha)) { continue; }
    shas.add(tag.sha);
    out.push({ at, sha: tag.sha, source: 'tag' });
  }
  return out.sort((a, b) => a.at - b.at);
}

export interface WindowedDeploys {
  /** In [now − window, now], oldest first; times up to FUTURE_SKEW_MS ahead are clamped to now. */
  readonly deploys: Deploy[];
  /** Deploys dated more than FUTURE_SKEW_MS after now (a wrong clock): ignored. */
  readonly future: number;
}

/** The window includes its start: a deploy exactly `windowMs` ago counts. */
export function windowDeploys(deploys: readonly Deploy[], now: number, windowMs: number): WindowedDeploys {
  const start = now - windowMs;
  const kept: Deploy[] = [];
  let future = 0;
  for (const d of deploys) {
    if (!Number.isFinite(d.at) || d.at < start) { continue; }
    if (d.at > now + FUTURE_SKEW_MS) { future++; continue; }
    kept.push(d.at > now ? { ...d, at: now } : d);
  }
  return { deploys: kept.sort((a, b) => a.at - b.at), future };
}
