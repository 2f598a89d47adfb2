/**
 * Which of a repository's subfolder pipelines a commit touched, and whether each wants a run on
 * every commit: the editor opened at a monorepo's top runs only its open folders' pipelines, so a
 * commit that changes `apps/api` with `trigger: commit` there runs nothing, and must say so
 * (walkedit33 M3). Plain reads: one `git diff` per commit, each pipeline file parsed; nothing runs.
 */
import * as path from 'path';
import { CONFIG_FILE_NAME, loadPipeline } from '../config';
import { branchFilter, END_OF_OPTIONS, isCommitSha, runGit } from '../git';

/** Files the commit changed against its first parent (all of a root commit's), '/'-separated from the work tree's top. */
export async function changedFiles(top: string, commit: { sha: string; parents: readonly string[] }): Promise<string[]> {
  const parent = commit.parents[0];
  if (!isCommitSha(commit.sha) || (parent !== undefined && !isCommitSha(parent))) { return []; }
  const args = parent === undefined
    ? ['diff-tree', '--root', '--no-commit-id', '-r', '--name-only', '-z', END_OF_OPTIONS, commit.sha]
    : ['diff', '--no-renames', '--name-only', '-z', parent, commit.sha, '--'];
  const out = await runGit(top, ['-c', 'core.quotePath=false', ...args]);
  return out.split('\0').filter((f) => f !== '');
}

/** The pipelines whose folder holds one of `files` (paths from `top`). */
export function pipelinesTouched<T extends { readonly folder: string }>(top: string, files: readonly string[], pipelines: readonly T[]): T[] {
  const changed = files.map((f) => path.join(top, ...f.split('/')));
  return pipelines.filter((p) => changed.some((file) => file.startsWith(path.resolve(p.folder) + path.sep)));
}

/**
 * Whether the pipeline in `folder` has `trigger: commit` (an invalid or missing file: no), for a
 * commit on `branch` when given (its `branches:` must match).
 */
export async function runsOnCommit(folder: string, branch?: string): Promise<boolean> {
  const loaded = await loadPipeline(path.join(folder, CONFIG_FILE_NAME)).catch(() => undefined);
  if (!loaded?.ok || loaded.pipeline.trigger !== 'commit') { return false; }
  const branches = loaded.pipeline.branches;
  return branch === undefined || branches.length === 0 || branchFilter(branches)(branch);
}
