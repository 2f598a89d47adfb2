/**
 * Where a run's stages execute. `checkout: workspace` (default): the folder as it is.
 * `checkout: clean`: a temporary worktree of exactly the run's sha, with the pipeline read from
 * that commit's own `.gearshift.yml` — what runs is what was committed. Trade-off (README): the
 * worktree has no untracked files, so no `node_modules` unless a stage installs them.
 */
import * as path from 'path';
import { loadPipeline } from '../config';
import type { CheckoutMode, LoadResult, Pipeline } from '../config';
import type { RepoInfo } from '../git';
import { addWorktree, type Worktree } from '../git';

export type Prepared =
  | { ok: true; pipeline: Pipeline; worktree?: Worktree }
  | { ok: false; invalid?: Extract<LoadResult, { ok: false }>; reason?: string };

/** `mode` overrides the config's `checkout:` (a promote of an older sha needs that sha's tree). */
export async function prepareCheckout(pipeline: Pipeline, repo: RepoInfo, sha: string, mode: CheckoutMode = pipeline.checkout): Promise<Prepared> {
  if (mode !== 'clean') { return { ok: true, pipeline }; }
  if (!repo.isRepo || !repo.root || sha === 'none') {
    return { ok: false, reason: '`checkout: clean` needs a git repository with at least one commit' };
  }
  const worktree = await addWorktree(repo.root, sha);
  const relConfig = path.relative(repo.root, pipeline.file);
  const loaded = await loadPipeline(path.join(worktree.path, relConfig));
  if (!loaded.ok) {
    await worktree.remove();
    return { ok: false, invalid: loaded };
  }
  return { ok: true, pipeline: loaded.pipeline, worktree };
}
