/**
 * Where a run's stages execute. `checkout: workspace` (default): the folder as it is.
 * `checkout: clean`: a temporary worktree of exactly the run's sha, with the pipeline read from
 * that commit's own `.gearshift.yml` — what runs is what was committed (runSource.ts decides
 * which file a run follows; its secrets and stage names were checked against that file).
 * Trade-off (docs/configuration.md): the worktree has no untracked files, so no `node_modules`
 * unless a stage installs them.
 */
import * as path from 'path';
import { loadPipeline } from '../config';
import type { LoadResult, Pipeline } from '../config';
import type { RepoInfo } from '../git';
import { addWorktree, headNow, type Worktree } from '../git';
import { RUN_COOKIE_VAR } from '../pipeline';
import { recordWorktree } from './ownedRecords';
import { shortSha } from '../format';
import { flagsFilesDiffering } from './flagsDiffer';
import type { Source } from './runCheck';
import type { RunRequest } from './events';

export type Prepared =
  | { ok: true; pipeline: Pipeline; worktree?: Worktree; flagsDiffer?: string[] }
  | { ok: false; invalid?: Extract<LoadResult, { ok: false }>; reason?: string; notHead?: string };

/**
 * A source that is the commit's gets its worktree; the pipeline is read again there, so stage folders are the worktree's.
 * `request.sha`: the commit the run is recorded as, when the caller named one (the commit trigger's
 * waiting run, a confirmed deploy or run: `request.confirmed`).
 */
export async function prepareCheckout(source: Source, repo: RepoInfo, request: Pick<RunRequest, 'sha' | 'confirmed'>, run: { id: string; dataDir: string }): Promise<Prepared> {
  if (source.commit === undefined) { return workspaceCheckout(source, repo, request); }
  if (!repo.isRepo || !repo.root) {
    return { ok: false, reason: '`checkout: clean` needs a git repository with at least one commit' };
  }
  // Recorded before git starts, its git carrying the run's cookie: a kill -9 during a long checkout is cleaned by the next command.
  const worktree = await addWorktree(repo.root, source.commit, { record: (dir) => recordWorktree(run.dataDir, run.id, dir), env: { [RUN_COOKIE_VAR]: run.id } });
  const relConfig = path.relative(repo.root, source.pipeline.file);
  const loaded = await loadPipeline(path.join(worktree.path, relConfig));
  if (!loaded.ok) {
    await worktree.remove();
    return { ok: false, invalid: loaded };
  }
  const flagsDiffer = await flagsFilesDiffering(source.pipeline, source.workingCopy, loaded.pipeline.root).catch(() => []);
  return { ok: true, pipeline: loaded.pipeline, worktree, ...(flagsDiffer.length > 0 ? { flagsDiffer } : {}) };
}

/**
 * In the work tree the stages test whatever HEAD holds. A run recorded as another commit (one
 * that waited its turn while HEAD moved on: a later commit, another branch) would record that
 * commit green, and as the non-prod pass promote ships, without its code ever running: refused.
 */
async function workspaceCheckout(source: Source, repo: RepoInfo, { sha, confirmed }: Pick<RunRequest, 'sha' | 'confirmed'>): Promise<Prepared> {
  if (sha === undefined || !repo.isRepo || !repo.root) { return { ok: true, pipeline: source.pipeline }; }
  const head = await headNow(repo.root).catch(() => undefined);
  if (head === undefined || head === sha) { return { ok: true, pipeline: source.pipeline }; }
  return {
    ok: false,
    notHead: head,
    reason: `${shortSha(sha)} is no longer HEAD (HEAD is ${shortSha(head)}): under \`checkout: workspace\` the stages would test HEAD's tree, so ${shortSha(sha)} was not run${notHeadAdvice(head, confirmed)}`,
  };
}

/**
 * What to do about it. A confirmed commit: the person said yes to that commit, not to HEAD, so
 * they do it again and are asked about HEAD. A commit that waited its turn: `checkout: clean`
 * gives every commit its own checkout.
 */
function notHeadAdvice(head: string, confirmed: RunRequest['confirmed']): string {
  if (confirmed === 'deploy') { return `; deploy again to be asked about HEAD (${shortSha(head)})`; }
  if (confirmed === 'run') { return `; run again to be asked about HEAD (${shortSha(head)})`; }
  return ' (`checkout: clean` runs each commit in its own checkout)';
}
