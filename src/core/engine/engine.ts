/**
 * One folder's pipeline: loads `.gearshift.yml`, asks git where we are, runs the stages and
 * keeps history. The VS Code adapters and the CLI both drive this same class, so a run behaves
 * the same in the editor, a terminal, a git hook or CI.
 */
import * as path from 'node:path';
import { CONFIG_FILE_NAME, type LoadResult, type Stage } from '../config/types';
import { loadPipeline } from '../config/load';
import { prepareCheckout } from './checkout';
import type { Worktree } from '../git/worktree';
import { getRepoInfo, type RepoInfo } from '../git/repoInfo';
import { HistoryStore } from '../history/historyStore';
import { historyFileFor } from '../history/historyPath';
import { SafeEmitter } from '../pipeline/emitter';
import { PipelineRun } from '../pipeline/runner';
import type { RunEvent, RunRecord } from '../pipeline/types';
import type { EngineEvent, RunRequest, WhenBusy } from './events';
import { PendingRequest } from './queue';

export interface EngineOptions {
  /** The workspace folder: stages run here unless they set `cwd`. */
  folder: string;
  /** Default: `<folder>/.gearshift.yml`. */
  configFile?: string;
  /** Manual gates; absent → declined. */
  approve?: (stage: Stage, run: RunRecord, signal: AbortSignal) => Promise<boolean>;
  baseEnv?: NodeJS.ProcessEnv;
  color?: boolean;
  killGraceMs?: number;
  /** Default: derived from the folder (inside `.git`). Tests point it elsewhere. */
  historyFile?: string;
}

export type StartOutcome =
  | { kind: 'started'; run: PipelineRun; done: Promise<RunRecord> }
  | { kind: 'invalid'; result: Extract<LoadResult, { ok: false }> }
  | { kind: 'queued' }
  | { kind: 'refused'; reason: string };

export class PipelineEngine {
  readonly folder: string;
  readonly configFile: string;
  private readonly emitter = new SafeEmitter<EngineEvent>();
  private readonly pending = new PendingRequest();
  private active: { run: PipelineRun; done: Promise<RunRecord> } | undefined;
  /** True from the moment a launch begins, so two quick starts never both launch. */
  private launching = false;
  private last: RunRecord | undefined;
  private store: Promise<HistoryStore> | undefined;
  /** History appends, in order: an end line never lands before its start line. */
  private historyChain: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly opts: EngineOptions) {
    this.folder = path.resolve(opts.folder);
    this.configFile = opts.configFile ? path.resolve(this.folder, opts.configFile) : path.join(this.folder, CONFIG_FILE_NAME);
  }

  onEvent(listener: (e: EngineEvent) => void): () => void { return this.emitter.on(listener); }

  get current(): PipelineRun | undefined { return this.active?.run; }
  get lastRun(): RunRecord | undefined { return this.active?.run.record ?? this.last; }
  get queued(): RunRequest | undefined { return this.pending.peek(); }

  validate(): Promise<LoadResult> { return loadPipeline(this.configFile); }

  history(): Promise<HistoryStore> {
    this.store ??= (this.opts.historyFile ? Promise.resolve(this.opts.historyFile) : historyFileFor(this.folder))
      .then((f) => new HistoryStore(f));
    return this.store;
  }

  /** Reads the last run from history (e.g. after a window reload). Never throws. */
  async loadLastRun(): Promise<RunRecord | undefined> {
    try {
      const last = await (await this.history()).last();
      if (!this.active && last) {
        this.last = last;
        this.emitter.emit({ type: 'lastRunChanged', run: last });
      }
    } catch (e) {
      this.emitter.emit({ type: 'historyProblem', message: `could not read history: ${(e as Error).message}` });
    }
    return this.lastRun;
  }

  async start(request: RunRequest, whenBusy: WhenBusy = 'refuse'): Promise<StartOutcome> {
    if (this.disposed) { return { kind: 'refused', reason: 'Gearshift is shutting down' }; }
    if (this.active || this.launching) {
      if (whenBusy === 'refuse') { return { kind: 'refused', reason: 'a pipeline run is already in progress' }; }
      this.pending.put(request);
      this.emitter.emit({ type: 'queued', request });
      if (whenBusy === 'cancel') { this.active?.run.cancel('superseded by a newer run'); }
      return { kind: 'queued' };
    }
    return this.launch(request);
  }

  cancel(reason = 'stopped by the user'): boolean {
    this.pending.clear();
    if (!this.active) { return false; }
    this.active.run.cancel(reason);
    return true;
  }

  /** Resolves when the active run (if any) and every history write have finished. */
  async settle(): Promise<void> {
    while (this.active) { await this.active.done; }
    await this.historyChain;
  }

  private async launch(request: RunRequest): Promise<StartOutcome> {
    this.launching = true;
    try {
      const loaded = await loadPipeline(this.configFile);
      if (!loaded.ok) {
        this.emitter.emit({ type: 'configInvalid', errors: loaded.errors });
        return { kind: 'invalid', result: loaded };
      }
      let repo: RepoInfo;
      let run: PipelineRun;
      let worktree: Worktree | undefined;
      try {
        repo = await getRepoInfo(this.folder);
        const sha = request.sha ?? repo.sha;
        const prepared = await prepareCheckout(loaded.pipeline, repo, sha);
        if (!prepared.ok) {
          if (prepared.invalid) {
            this.emitter.emit({ type: 'configInvalid', errors: prepared.invalid.errors });
            return { kind: 'invalid', result: prepared.invalid };
          }
          return { kind: 'refused', reason: prepared.reason ?? 'could not prepare the checkout' };
        }
        worktree = prepared.worktree;
        run = new PipelineRun({
          pipeline: prepared.pipeline,
          sha,
          branch: request.branch ?? repo.branch,
          trigger: request.trigger,
          only: request.only,
          from: request.from,
          approve: this.opts.approve,
          baseEnv: this.opts.baseEnv,
          extraEnv: request.extraEnv,
          color: this.opts.color,
          killGraceMs: this.opts.killGraceMs,
        });
      } catch (e) {
        await worktree?.remove();
        // git refusing the folder, or --stage/--from naming no stage: report it, never reject
        // (a queued launch has nobody awaiting it, so a rejection would go unhandled).
        return { kind: 'refused', reason: e instanceof Error ? e.message : String(e) };
      }
      // The working tree's state only matters when stages run in it.
      if (repo.dirty && !worktree) { run.record.dirty = true; }
      if (worktree) { run.record.checkout = 'clean'; }
      if (request.subject !== undefined) { run.record.subject = request.subject; } else if (repo.subject !== undefined && !request.sha) { run.record.subject = repo.subject; }
      if (request.covers?.length) { run.record.covers = [...request.covers]; }
      if (request.extra) { Object.assign(run.record, request.extra); }
      run.onEvent((e) => this.onRunEvent(e));
      // `done` resolves once the end is in history too, so callers can read it back at once.
      const tree = worktree;
      const done = run.start()
        .then(async (record) => { await tree?.remove(); return record; })
        .then((record) => this.finished(record))
        .then(async (record) => { await this.historyChain; return record; });
      this.active = { run, done };
      return { kind: 'started', run, done };
    } finally {
      this.launching = false;
    }
  }

  private finished(record: RunRecord): RunRecord {
    this.active = undefined;
    this.last = record;
    this.emitter.emit({ type: 'lastRunChanged', run: record });
    const next = this.pending.take();
    if (next && !this.disposed) { void this.launch(next); }
    return record;
  }

  private onRunEvent(e: RunEvent): void {
    if (e.type === 'runStarted') {
      this.appendHistory('start', e.run);
      this.emitter.emit(e);
      this.emitter.emit({ type: 'lastRunChanged', run: e.run });
      return;
    }
    if (e.type === 'runEnded') { this.appendHistory('end', e.run); }
    this.emitter.emit(e);
  }

  private appendHistory(kind: 'start' | 'end', run: RunRecord): void {
    const snapshot = structuredClone(run); // the live record keeps changing while we wait our turn
    this.historyChain = this.historyChain
      .then(async () => {
        const store = await this.history();
        await (kind === 'start' ? store.recordStart(snapshot) : store.recordEnd(snapshot));
      })
      .catch((e: Error) => this.emitter.emit({ type: 'historyProblem', message: `could not write history: ${e.message}` }));
  }

  /** Cancels what runs, drops what waits; resolves when processes and history are done. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancel('Gearshift is shutting down');
    await this.settle();
    this.emitter.clear();
  }
}
