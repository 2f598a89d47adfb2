/**
 * What the editor says of a run that took commits to production (the trigger's commitsDeployed):
 * its news (deployNews.ts) read against the config and history, and where its once-only record goes.
 */
import * as path from 'path';
import type { PipelineEngine } from '../engine';
import type { RunRecord } from '../pipeline';
import type { Replaced } from '../release';
import { deployNews, type DeployNews } from './deployNews';

/** Enough history to know whether an unattended production deploy happened before. */
const HISTORY_RUNS = 2000;

export interface Announcement {
  news: DeployNews; run: RunRecord; stateDir: string;
  /** What it took out of production, when its commit lacks commits live before (said in news.line too). */
  replaced?: Replaced;
}

/**
 * The news of run `runId`, found in history when it is no longer the engine's last run: by the time
 * commitsDeployed is told, the next queued commit's run may have started (firsthour34 F21).
 */
export async function announcementOf(engine: PipelineEngine, runId: string): Promise<Announcement | undefined> {
  const [loaded, store] = await Promise.all([engine.validate(), engine.history()]);
  const { runs } = await store.read({ limit: HISTORY_RUNS });
  const last = engine.lastRun;
  const run = last?.id === runId ? last : runs.find((r) => r.id === runId);
  if (!run) { return undefined; }
  const replaced = await replacedOf(engine, run);
  const news = deployNews(run, loaded.ok ? loaded.pipeline : undefined, runs, replaced);
  return news && { news, run, stateDir: path.dirname(store.file), ...(replaced ? { replaced } : {}) };
}

/** Loaded with the deploy code (its own chunk in the editor); deploy.json unreadable: no words about it, the line stands. */
async function replacedOf(engine: PipelineEngine, run: RunRecord): Promise<Replaced | undefined> {
  const { replacedBy } = await import(/* webpackChunkName: "deploy" */ '../release/replaced');
  return replacedBy(engine, run).catch(() => undefined);
}
