/**
 * Saves every run's stage output beside history, from the engine's events (it hooks in from
 * outside the engine, where the CLI and the editor already listen). The chunks are the ones the
 * terminal prints: already masked where they left the stage (core/secrets' StreamMasker), so
 * what is saved is what was shown, never the raw output.
 *
 * Cost on the hot path: one BoundedLog.append per chunk, no fs call. A stage's file is written
 * once, whole (temporary file + rename), when it ends; run.json with the first stage and at the
 * end (once only, the final one, when the run has ended before the first stage's files are
 * written: a one-stage run always has); old runs are pruned after each run. A kill -9 loses the
 * stage that was running (its output was only in memory) and keeps every stage that had ended.
 */
import { fileIo } from '../fileio';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunEvent, RunRecord, StageRecord } from '../pipeline';
import { BoundedLog, lastWholeBytes } from './boundedLog';
import { reasonLine } from './stateWords';
import { MAX_TOTAL_BYTES, pruneRunLogs, type PruneLimits } from './prune';
import { checkOwnRoot, isPrivateFolder, RUN_FILE, runDir, runLogsRoot, stageFileName, stageFileText, type RunLogMeta } from './runLogFiles';

const PRIVATE = { mode: 0o600 };

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

/** Bytes of stage files what one run may keep: a share of the total cap, so a run of a thousand stages stays bounded too. */
const RUN_SHARE_OF_TOTAL = 4;
/** What a stage past that share keeps: its last characters (bounded however many stages a run has). */
const OVER_SHARE_TAIL = 16 * 1024;

/** `saved`: output characters kept (the share); `bytes`: what its stage files hold, headers included. */
interface LiveRun { readonly stages: Map<string, BoundedLog>; started: boolean; saved: number; bytes: number; readonly meta: RunMetaWrites }

/** A run's run.json as its queued writes see it: the final one once the run ended, and whether it is on disk. */
interface RunMetaWrites { final?: RunLogMeta; finalWritten: boolean }

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
      case 'runStarted': this.live.set(e.run.id, { stages: new Map(), started: false, saved: 0, bytes: 0, meta: { finalWritten: false } }); return;
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
    const text = this.stageText(live, run, stage, index, log);
    live.bytes += Buffer.byteLength(text);
    const first = !live.started;
    live.started = true;
    const firstMeta = first ? metaOf(run) : undefined;
    const metaWrites = live.meta;
    this.queue(async (dir, root) => {
      await fileIo.mkdirp(dir); // each time: another process's prune may have taken an old run's folder
      if (firstMeta) {
        // Once per run, with its first file: output says more than history, so the folder is this user's only (best effort).
        if (!isPrivateFolder(root)) { await new Promise<void>((resolve) => fs.chmod(path.dirname(dir), 0o700, () => resolve())); }
        // The run may have ended while this waited (a one-stage run's end comes with its stage's): then the final run.json, once.
        const final = metaWrites.final;
        await fileIo.replaceFile(path.join(dir, RUN_FILE), JSON.stringify(final ?? firstMeta), PRIVATE);
        metaWrites.finalWritten = final !== undefined;
      }
      await fileIo.replaceFile(path.join(dir, stageFileName(index < 0 ? run.stages.length : index)), text, PRIVATE);
    }, run.id);
  }

  /** The stage file: its header (with the reason the result line gave) and its output, within the run's share. */
  private stageText(live: LiveRun, run: RunRecord, stage: StageRecord, index: number, log: BoundedLog): string {
    const mask = this.opts.mask ?? ((t: string): string => t);
    let body = log.text();
    const share = (this.opts.limits?.maxTotalBytes ?? MAX_TOTAL_BYTES) / RUN_SHARE_OF_TOTAL;
    let omitted = Math.max(0, log.omitted);
    if (live.saved + body.length > share && body.length > OVER_SHARE_TAIL) {
      // Past the run's share only the end is kept: where a failure says why.
      const end = lastWholeBytes(body, OVER_SHARE_TAIL);
      omitted = Math.max(0, log.total - end.bytes);
      body = `[… gearshift: only the last ${OVER_SHARE_TAIL / 1024} KiB of this stage's output are saved: the run's saved output reached ${Math.round(share / 1024)} KiB …]\n${end.text}`;
    }
    live.saved += body.length;
    if (stage.reason) { body += `${body === '' || body.endsWith('\n') ? '' : '\n'}${reasonLine(stage.state, mask(stage.reason))}`; }
    return stageFileText({
      v: 1, run: run.id, stage: mask(stage.name), index, state: stage.state, exitCode: stage.exitCode, bytes: log.total, omitted,
      ...(stage.reason ? { reason: mask(stage.reason) } : {}),
    }, body);
  }

  private runEnded(run: RunRecord): void {
    const live = this.live.get(run.id);
    this.live.delete(run.id);
    if (!live?.started) { return; } // no stage ran: no folder, nothing to prune for
    const mask = this.opts.mask ?? ((t: string): string => t);
    const meta: RunLogMeta = { ...metaOf(run), stages: run.stages.map((s) => ({ name: mask(s.name), state: s.state })), bytes: live.bytes };
    live.meta.final = meta;
    this.queue(async (dir) => { await fileIo.replaceFile(path.join(dir, RUN_FILE), JSON.stringify(meta), PRIVATE); }, run.id, () => !live.meta.finalWritten);
    this.chain = this.chain.then(async () => {
      await pruneRunLogs(await this.source.dataDir(), this.opts.limits).catch((e: Error) => this.opts.problem?.(`could not prune saved run logs: ${e.message}`));
    });
  }

  /** `write` after the writes queued before it, unless `needed` says by then that there is nothing to write. */
  private queue(write: (dir: string, root: fs.Stats | undefined) => Promise<void>, runId: string, needed: () => boolean = () => true): void {
    this.chain = this.chain
      .then(async () => {
        if (!needed()) { return; }
        const dataDir = await this.source.dataDir();
        const root = await checkOwnRoot(runLogsRoot(dataDir)); // a symlink there is not ours: nothing is written through it
        await write(runDir(dataDir, runId), root);
      })
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
