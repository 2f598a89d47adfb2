/**
 * Which of a repository's other pipelines each open folder below its top shows (`apps/web` shows
 * the top's and `apps/api`'s): none that is an open folder's own (apps/api open beside apps/web
 * is not listed as another), none below the folder itself (found with git from there), none twice
 * (apps/api and apps/web both open list the top once). Plain data in, plain data out.
 */
import * as path from 'path';
import { MAX_SUBFOLDER_PIPELINES, type SubfolderPipeline } from './discover';
import type { RepoPipelinesFound } from './repoPipelines';

export interface PipelinesBeside {
  /** Per folder, in the order given: the pipelines it shows (paths from the work tree's top). */
  readonly shown: SubfolderPipeline[][];
  /** How many more were found than the bound keeps. */
  readonly more: number;
  /** Repositories open only below their top: a first run of the top's pipeline would add one (its history is the place to watch). */
  readonly topUnopened: Set<string>;
}

/**
 * `found`: each open folder's findRepoPipelines (undefined outside git); `taken`: an absolute
 * folder already shown or open as a workspace folder; at most `max` per folder.
 */
export function pipelinesBeside(found: ReadonlyArray<RepoPipelinesFound | undefined>, taken: (folder: string) => boolean, max = MAX_SUBFOLDER_PIPELINES): PipelinesBeside {
  // By repository and path from its top: robust where two paths name one folder through a link.
  const opened = new Set(found.flatMap((f) => f ? [placeKey(f.gitDir, f.prefix)] : []));
  const picked = new Set<string>();
  const topUnopened = new Set<string>();
  let more = 0;
  const shown = found.map((f) => {
    if (!f || f.prefix === '') { return []; } // at the top: everything is below it
    if (!opened.has(placeKey(f.gitDir, ''))) { topUnopened.add(f.gitDir); }
    const list: SubfolderPipeline[] = [];
    for (const p of f.pipelines) {
      const key = path.resolve(p.folder);
      if (isBelow(p.path, f.prefix) || opened.has(placeKey(f.gitDir, p.path)) || picked.has(key) || taken(key)) { continue; }
      if (list.length >= max) { more++; continue; }
      picked.add(key);
      list.push(p);
    }
    return list;
  });
  return { shown, more, topUnopened };
}

function placeKey(gitDir: string, repoPath: string): string {
  return `${gitDir}\0${repoPath}`;
}

/** `pipelinePath` is `prefix` itself or below it (both '/'-separated from the work tree's top). */
function isBelow(pipelinePath: string, prefix: string): boolean {
  return pipelinePath === prefix || pipelinePath.startsWith(`${prefix}/`);
}
