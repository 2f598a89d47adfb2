/**
 * One run of a pipeline at a time, across processes (`gearshift run` twice, `run` next to a
 * `watch` or the editor): `run.lock` in the pipeline's state folder (history/pipelineState.ts), so
 * two pipelines of one monorepo (`a/`, `b/`: two apps) run side by side. The same file lock as
 * the deploy lock. It is held for a run id, so it stays held while that run's stage processes
 * live even if the process holding it was killed (until the next command cleans them up).
 */
import * as path from 'node:path';
import { type AcquireResult, FileLock } from './fileLock';
import type { LockHolder } from './lockHolder';

export const RUN_LOCK_FILE = 'run.lock';
/** The deploy lock's file (core/deploy/deployLock.ts), named here so the clean-up after dead runs (core/engine) reads it too. */
export const DEPLOY_LOCK_FILE = 'deploy.lock';

/**
 * Who holds the run lock, recorded so a command refused by it can say where that run is answered or stopped:
 * VS Code's extension host, a terminal's `gearshift watch`, or a terminal command that ends with its run
 * (`run`, `deploy`, `rollback`…). Absent in locks written before it was recorded, and for other holders: unknown.
 */
export type RunHolderKind = 'editor' | 'watch' | 'terminal';

const KINDS: ReadonlySet<string> = new Set<RunHolderKind>(['editor', 'watch', 'terminal']);

/** The kind a lock file records, if it is one this version knows (the file is data: anything else is unknown). */
export function holderKind(holder: Pick<LockHolder, 'kind'>): RunHolderKind | undefined {
  return holder.kind !== undefined && KINDS.has(holder.kind) ? holder.kind as RunHolderKind : undefined;
}
/** Longer than any run (a stage may take 24 h): a holder on another host is taken for gone after this; on this host its liveness decides. */
export const RUN_LOCK_MAX_AGE_MS = 48 * 60 * 60 * 1000;

export class RunLock {
  private readonly lock: FileLock;

  constructor(dir: string, opts: { maxAgeMs?: number; now?: () => number } = {}) {
    this.lock = new FileLock(path.join(dir, RUN_LOCK_FILE), { maxAgeMs: opts.maxAgeMs ?? RUN_LOCK_MAX_AGE_MS, ...(opts.now ? { now: opts.now } : {}) });
  }

  get file(): string { return this.lock.file; }

  /** `{ ok: false, message }` names the holder: "another run of this pipeline is in progress: run 1a2b… (pid …)". */
  async acquire(what: string, runId: string, kind?: RunHolderKind): Promise<AcquireResult> {
    const result = await this.lock.acquire(what, runId, kind);
    return result.ok ? result : { ...result, message: `another run of this pipeline is in progress: ${result.message}` };
  }

  holder(): Promise<LockHolder | undefined> { return this.lock.holder(); }
}
