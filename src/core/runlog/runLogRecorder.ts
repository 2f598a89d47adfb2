/**
 * Saves every run's stage output beside history, from the engine's events (it hooks in from
 * outside the engine, where the CLI and the editor already listen). The chunks are the ones the
 * terminal prints: already masked where they left the stage (core/secrets' StreamMasker), so
 * what is saved is what was shown, never the raw output.
 *
 * Cost on the hot path: one BoundedLog.append per chunk, no fs call. A stage's file is written
 * once, whole (temporary file + rename), when it ends; run.json with the first stage and at the
 * end; old runs are pruned after each run. A kill -9 loses the stage that was running (its output
 * was only in memory) and keeps every stage that had ended.
 */
import { fileIo } from '../fileio';
import * as path from 'node:path';
import type { RunEvent, RunRecord, StageRecord } from '../pipeline';
import { BoundedLog } from './boundedLog';
import { pruneRunLogs, type PruneLimits } from './prune';
import { RUN_FILE, runDir, stageFileName, stageFileText, type RunLogMeta } from './runLogFiles';

/** What the recorder needs of an engine: its events and the folder that holds history. */
export interface RunLogSource {
  onEvent(listener: (e: { type: string }) => void): () => void;
  dataDir(): Promise<string>;
}

export interface RunLogOptions {
  /** Masks what Gearshift writes itself (stage names in headers); output is masked already. */
  readonly mask?: (text: string) => string;
  /** A log that could not be written: said once per failure, never thrown (a log must not change a run). */
  readonly problem?: (message: string) => void;
  readonly limits?: Partial<PruneLimits>;
}

interface LiveRun { readonly stages: Map<string, BoundedLog>; started: boolean }

export class RunLogRecorder {
  private readonly live = new Map<string, LiveRun>();
  private chain: Promise<void> = Promise.resolve();
  private readonly off: () => void;

  constructor(private readonly source: RunLogSource, private readonly opts: RunLogOptions = {}) {
    this.off = source.onEvent((e) => this.onEvent(e as RunEvent));
  }

  /** Resolves when every file queued so far is written (the CLI waits for it before exiting). */
  idle(): Promise<void> { return this.chain; }

  dispose(): void { this.off(); this.live.clear(); }

  private onEvent(e: RunEvent): void {
    switch (e.type) {
      case 'stageOutput': this.live.get(e.run.id)?.stages.get(e.stage)?.append(e.chunk); return;
      case 'runStarted': this.live.set(e.run.id, { stages: new Map(), started: false }); return;
      case 'stageStarted': this.live.get(e.run.id)?.stages.set(e.stage, new BoundedLog()); return;
      case 'stageEnded': this.stageEnded(e.run, e.stage); return;
      case 'runEnded': this.runEnded(e.run); return;
      default: return;
    }
  }

  private stageEnded(run: RunRecord, stage: StageRecord): void {
    const live = this.live.get(run.id);
    const log = live?.stages.get(stage.name);
    if (!live || !log) { return; } // never started (skipped, declined): nothing was printed
    live.stages.delete(stage.name);
    const index = run.stages.findIndex((s) => s.name === stage.name);
    const mask = this.opts.mask ?? ((t: string): string => t);
    const text = stageFileText({
      v: 1, run: run.id, stage: mask(stage.name), index, state: stage.state, exitCode: stage.exitCode, bytes: log.total, omitted: Math.max(0, log.omitted),
    }, log.text());
    const first = !live.started;
    live.started = true;
    const meta = first ? metaOf(run) : undefined;
    this.queue(async (dir) => {
      await fileIo.mkdirp(dir); // each time: another process's prune may have taken an old run's folder
      if (meta) { await fileIo.replaceFile(path.join(dir, RUN_FILE), JSON.stringify(meta)); }
      await fileIo.replaceFile(path.join(dir, stageFileName(index < 0 ? run.stages.length : index)), text);
    }, run.id);
  }

  private runEnded(run: RunRecord): void {
    const live = this.live.get(run.id);
    this.live.delete(run.id);
    if (!live?.started) { return; } // no stage ran: no folder, nothing to prune for
    const mask = this.opts.mask ?? ((t: string): string => t);
    const meta: RunLogMeta = { ...metaOf(run), stages: run.stages.map((s) => ({ name: mask(s.name), state: s.state })) };
    this.queue(async (dir) => { await fileIo.replaceFile(path.join(dir, RUN_FILE), JSON.stringify(meta)); }, run.id);
    this.chain = this.chain.then(async () => {
      await pruneRunLogs(await this.source.dataDir(), this.opts.limits).catch((e: Error) => this.opts.problem?.(`could not prune saved run logs: ${e.message}`));
    });
  }

  private queue(write: (dir: string) => Promise<void>, runId: string): void {
    this.chain = this.chain
      .then(async () => write(runDir(await this.source.dataDir(), runId)))
      .catch((e: Error) => this.opts.problem?.(`could not save the run's log: ${e.message}`));
  }
}

function metaOf(run: RunRecord): RunLogMeta {
  return { v: 1, id: run.id, sha: run.sha, startedAt: run.startedAt, state: run.state, trigger: run.trigger };
}

/** Saves `engine`'s runs' stage output from now on (see RunLogRecorder). */
export function keepRunLogs(source: RunLogSource, opts: RunLogOptions = {}): RunLogRecorder {
  return new RunLogRecorder(source, opts);
}
