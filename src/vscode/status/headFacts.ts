import * as vscode from 'vscode';
import type { PipelineStatus } from '../../core/engine';
import { commitsNotRun } from '../../core/git';
import type { RunRecord } from '../../core/pipeline';
import { headAwaitsRun, headComparedRun, type HeadNotRun, type InvalidFile } from '../../core/render';
import type { FolderPipeline } from '../pipeline/workspacePipelines';

/** What a folder's status says beside its verdict: HEAD ahead of the run, an invalid pipeline file. */
export interface FolderHead { headNotRun?: HeadNotRun; invalid?: InvalidFile }

/** The runs a commit trigger has in progress or queued (each with the commits it covers). */
export type PlansOf = (fp: FolderPipeline) => ReadonlyArray<{ covers: readonly string[] }>;

/**
 * Per folder, HEAD against the last run and the pipeline file's validity, read again (git, the
 * file) when something may have changed them: a run, a commit, the file. Reads are async and
 * only the newest one for a folder lands; `changed` redraws. Only while the workspace is trusted:
 * git may run programs the repository configures.
 */
export class HeadFacts {
  private readonly facts = new Map<string, FolderHead>();
  private readonly tickets = new Map<string, number>();
  private next = 0;
  plans: PlansOf | undefined;

  constructor(private readonly changed: () => void) {}

  /** The facts for the folder, less a HEAD a commit trigger is about to run (queued or starting). */
  of(fp: FolderPipeline): FolderHead {
    const f = this.facts.get(fp.folder.uri.toString()) ?? {};
    const head = f.headNotRun?.head;
    if (head === undefined || !headAwaitsRun(head, this.plans?.(fp) ?? [])) { return f; }
    return { ...(f.invalid ? { invalid: f.invalid } : {}) };
  }

  /** Whether the folder was read once (else `update` asks for a first read). */
  known(fp: FolderPipeline): boolean { return this.tickets.has(fp.folder.uri.toString()); }

  /** Reads the folder's facts again; `status` is its verdict now (its run is what HEAD is compared with). */
  refresh(fp: FolderPipeline, status: PipelineStatus): void {
    if (!vscode.workspace.isTrusted) { return; } // not known yet: read once trust is granted (its update asks)
    const key = fp.folder.uri.toString();
    const ticket = ++this.next;
    this.tickets.set(key, ticket);
    void read(fp, headComparedRun(status, fp.engine.lastRun)).then((found) => {
      if (this.tickets.get(key) !== ticket) { return; } // a newer read started meanwhile
      if (JSON.stringify(found) === JSON.stringify(this.facts.get(key) ?? {})) { return; }
      this.facts.set(key, found);
      this.changed();
    }, () => undefined);
  }
}

async function read(fp: FolderPipeline, run: RunRecord | undefined): Promise<FolderHead> {
  const loaded = await fp.engine.validate().catch(() => undefined);
  const invalid = loaded && !loaded.ok ? { problems: loaded.errors.length } : undefined;
  const ahead = run ? await commitsNotRun(fp.engine.folder, run.sha) : undefined;
  const headNotRun = run && ahead ? { head: ahead.head, count: ahead.count, runSha: run.sha, runState: run.state } : undefined;
  return { ...(headNotRun ? { headNotRun } : {}), ...(invalid ? { invalid } : {}) };
}
