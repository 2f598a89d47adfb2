/**
 * What git says about the folder when a run launches (HEAD's subject, a dirty work tree): two git
 * processes, the longest wait before a run's first stage. They are asked early and in parallel
 * with reading history and the config, and `gearshift run` asks even before it validates.
 */
import { getRepoInfo, type RepoInfo } from '../git';
import type { LeftoverReport } from './leftovers';

/** getRepoInfo's answer without a rejection to forget: a prefetched one may never be taken. */
export type RepoAnswer = { ok: true; repo: RepoInfo } | { ok: false; reason: string };

function ask(folder: string, opts: { onAsking?: () => void; nameUncommitted?: boolean } = {}): Promise<RepoAnswer> {
  return getRepoInfo(folder, opts).then(
    (repo) => ({ ok: true as const, repo }),
    // git refusing the folder (e.g. dubious ownership): reported, never rejected.
    (e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }),
  );
}

export class RepoFacts {
  private early: Promise<RepoAnswer> | undefined;

  constructor(private readonly folder: string) {}

  private asking: Promise<void> | undefined;

  /**
   * Starts asking now; only the next launch uses the answer (an editor's later runs ask afresh).
   * Resolves once git's processes are running (or the answer is known without them), so the
   * caller's own work (parsing the config) overlaps with them instead of delaying their start.
   */
  prefetch(): Promise<void> {
    if (!this.early) {
      let asked = (): void => undefined;
      const running = new Promise<void>((resolve) => { asked = resolve; });
      this.early = ask(this.folder, { onAsking: asked });
      this.asking = Promise.race([running, this.early.then(() => undefined)]);
    }
    return this.asking ?? Promise.resolve();
  }

  /**
   * The answer asked for while `cleanup` ran (undefined: none ran now); asked again when that
   * cleanup killed a dead run's processes or removed its worktree, which may have changed the tree.
   */
  async settle(asked: Promise<RepoAnswer>, cleanup: LeftoverReport | undefined, nameUncommitted = false): Promise<RepoAnswer> {
    const changed = cleanup !== undefined && (cleanup.killed > 0 || cleanup.worktrees > 0);
    return changed ? ask(this.folder, { nameUncommitted }) : asked;
  }

  /**
   * The prefetched answer, left for the launch (`gearshift run` checks, then launches: git is asked
   * once); without one a fresh question that is not kept, as a check nobody launches after (a
   * dismissed picker) must not hand an old answer to a later run.
   */
  peek(): Promise<RepoAnswer> {
    return this.early ?? ask(this.folder);
  }

  /** The prefetched answer if there is one (`gearshift run`'s, which names no paths), else a fresh question. */
  take(nameUncommitted = false): Promise<RepoAnswer> {
    const early = this.early;
    this.early = undefined;
    return early ?? ask(this.folder, { nameUncommitted });
  }
}
