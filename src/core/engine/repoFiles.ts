/**
 * A folder's Gearshift files: run history (appended in order, so an end line never lands before
 * its start line) in the pipeline's state folder (history/historyPath.ts: `<git common dir>/gearshift/`,
 * or `…/pipelines/<name>/` for one in a subfolder), which also holds deploy state and locks,
 * shared by the CLI and every editor window.
 */
import { constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import { historyFileFor, HistoryStore, openHistoryForAppend, type StageProcessRef } from '../history';
import type { RunEvent, RunRecord } from '../pipeline';
import { fileIo, permissionProblem } from '../fileio';
import { whyNotWritten } from '../lock';
import { cleanUpDeadRuns, leftWorktreeLines, type InterruptedRunNote, type LeftoverReport } from './leftovers';
import { doneWithin } from './doneWithin';

/** How long a run's end waits for its history lines before it lets go of the run lock (a loaded fsync takes seconds at most). */
export const RECORD_WRITE_BOUND_MS = 8000;

export class RepoFiles {
  private store: Promise<HistoryStore> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private cleaned: Promise<LeftoverReport | undefined> | undefined;
  /** The last write failure reported: each line of a run fails alike, so it is said once until a write succeeds. */
  private failure: string | undefined;

  /** `historyFile`: default derived from the folder (inside `.git`); tests point it elsewhere. */
  constructor(
    private readonly folder: string, private readonly historyFile: string | undefined, private readonly problem: (message: string) => void,
    /** Masks a run's secrets in what is written (copies; the live record is left alone). */
    private readonly mask: <T>(value: T) => T = (value) => value,
    /** What a dead run's end line adds (the deploy's words for one killed during its switch). */
    private readonly note?: InterruptedRunNote,
  ) {}

  history(): Promise<HistoryStore> {
    this.store ??= (this.historyFile ? Promise.resolve(this.historyFile) : historyFileFor(this.folder)).then((f) => new HistoryStore(f));
    return this.store;
  }

  /** The folder holding history, deploy state and locks. */
  async dataDir(): Promise<string> { return path.dirname((await this.history()).file); }

  /** The history line a run's event makes, if any; a held run's end (`holdEnd`) is written when its hold ends. */
  appendRunEvent(e: RunEvent, holdEnd: boolean): void {
    if (e.type === 'runStarted') { this.append('start', e.run); }
    if (e.type === 'stageStarted') { this.appendStage(e); }
    if (e.type === 'stageEnded' && !e.atStart) { this.appendStageEnd(e); } // atStart: in the start line
    if (e.type === 'runEnded' && !holdEnd) { this.append('end', e.run); }
  }

  /** Queues one history line; a failure is reported, never thrown: history must not change a run. */
  append(kind: 'start' | 'end', run: RunRecord): void {
    void this.queue(kind, run);
  }

  /** A record's start line (state `running`), end line, or both, as a run's are; resolves once written, to why a line was not (undefined: both were). */
  async appendRecord(run: RunRecord, lines: 'start' | 'end' | 'both'): Promise<string | undefined> {
    const start = lines !== 'end' ? this.queue('start', { ...run, state: 'running' }) : undefined;
    const end = lines !== 'start' ? this.queue('end', run) : undefined;
    await this.idle();
    return (await start) ?? (await end);
  }

  /**
   * A stage ended: its record goes into history as it ends, written as the other lines are
   * (queued, never waited for: a hanging write must not hold the run or its cancel).
   */
  appendStageEnd(e: Extract<RunEvent, { type: 'stageEnded' }>): void {
    void this.queue('stageEnd', { id: e.run.id, state: 'running', stages: [e.stage] } as RunRecord);
  }

  /**
   * The run was asked to stop: said in history at once (queued like the rest), so if the process
   * then exits before the end line (a second Ctrl+C exits without waiting) the run reads `cancelled`.
   */
  appendCancel(run: RunRecord, reason: string): void {
    void this.queue('cancel', { id: run.id, state: 'running', cancelReason: reason } as RunRecord);
  }

  /** As append; resolves, once its turn is over, to the failure's message (never rejects). */
  private queue(kind: 'start' | 'end' | 'stageEnd' | 'cancel', run: RunRecord): Promise<string | undefined> {
    const snapshot = this.mask(structuredClone(run)); // the live record keeps changing while we wait our turn
    const written = this.chain
      .then(async () => {
        const store = await this.history();
        await (kind === 'start' ? store.recordStart(snapshot) : kind === 'end' ? store.recordEnd(snapshot)
          : kind === 'cancel' ? store.recordCancel(snapshot) : store.recordStageEnd(snapshot));
      })
      .then(() => { this.failure = undefined; return undefined; }, (e: NodeJS.ErrnoException) => this.writeFailed(e));
    this.chain = written.then(() => undefined);
    return written;
  }

  /** A stage's process group went into history as it started (for cleanup after a crash). */
  appendStage(e: Extract<RunEvent, { type: 'stageStarted' }>): void {
    if (e.pid === undefined) { return; }
    // Masked as the run's own lines are: a stage name may hold a secret's value (docs/secrets.md: history is masked field by field).
    const proc: StageProcessRef = { stage: this.mask(e.stage), pgid: e.pid, ...(e.startTime ? { start: e.startTime } : {}), ...(e.keep ? { keep: true } : {}) };
    const runId = e.run.id;
    this.chain = this.chain
      .then(async () => (await this.history()).recordStage(runId, proc))
      .then(() => { this.failure = undefined; }, async (e: NodeJS.ErrnoException) => { await this.writeFailed(e); });
  }

  private async writeFailed(e: NodeJS.ErrnoException): Promise<string> {
    const message = await unwrittenWords(e);
    if (message !== this.failure) { this.problem(message); }
    this.failure = message;
    return message;
  }

  /**
   * Why history cannot take a line now (`could not write history: …`, as a failed write says it), or
   * undefined: history.jsonl opened for appending as every line is (its folder made if missing), nothing
   * written. What starts processes or moves traffic asks first and refuses on an answer: a run history
   * cannot record is one the next command cannot clean up after a kill -9 (faults41 M2). A full disk
   * passes (an open writes nothing). No state folder (a symlink in its place, git refusing the repository)
   * is not this one's to say: the lock that comes next refuses in its own words (as cleanUp).
   */
  async unwritable(): Promise<string | undefined> {
    const file = await this.history().then((store) => store.file, () => undefined);
    if (file === undefined) { return undefined; }
    // A missing file is not created: a plan then declined writes nothing (rereview42 F5: a root shell's
    // declined deploy left a root-owned history.jsonl that refused the user's next run). Its folder says.
    const missing = await fileIo.lstat(file).then(() => false, (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    const probe = missing
      ? fileIo.access(path.dirname(file), fsConstants.W_OK | fsConstants.X_OK).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'ENOENT') { throw e; } })
      : openHistoryForAppend(file).then((handle) => handle.close());
    return probe.then(() => undefined, (e: NodeJS.ErrnoException) => unwrittenWords(e));
  }

  /**
   * Once per engine, before its first run or history read: kill what dead runs left behind and
   * record them `interrupted` (leftovers.ts). A failure is reported, never thrown.
   */
  get cleanUpStarted(): boolean { return this.cleaned !== undefined; }

  cleanUpOnce(): Promise<LeftoverReport | undefined> {
    this.cleaned ??= this.cleanUp();
    return this.cleaned;
  }

  /**
   * The same again, now: a run waiting for the lock found its holder dead (runExclusion.ts). No state
   * folder (a symlink in its place, git refusing the repository) is not this one's to say: what needs
   * that folder next (the run's lock, the history read) refuses in the same words, once (rev31fix).
   */
  cleanUp(): Promise<LeftoverReport | undefined> {
    return this.history().then(
      (store) => cleanUpDeadRuns(store, this.folder, undefined, this.note)
        .then((report) => { leftWorktreeLines(report).forEach(this.problem); return report; })
        .catch((e: Error) => { this.problem(`could not clean up after an interrupted run: ${e.message}`); return undefined; }),
      () => undefined);
  }

  /** Resolves once every queued line is written. */
  idle(): Promise<void> { return this.chain; }

  /**
   * Resolves to true once every queued line is written, or to false after `withinMs` (said as a history
   * problem): a run's end waits for its record only so long, or a hung disk would hold the run lock and
   * every run waiting on it (rereview36 R1).
   */
  async idleWithin(withinMs = RECORD_WRITE_BOUND_MS): Promise<boolean> {
    const written = await doneWithin(this.chain, withinMs);
    if (!written) { this.problem(`history is still being written after ${Math.round(withinMs / 1000)} s (a slow or hung disk): the run lock is let go so other runs can start; this run's end line follows when the disk answers`); }
    return written;
  }
}

/**
 * `could not write history: <why>`: whose the file is and the way back for one a run under sudo left; for a folder in
 * its place the words reading it uses (core/fileio), not node's EISDIR; fileio's own words for a FIFO or a symlink;
 * a full disk, a read-only file system or a refused permission in words (core/lock) rather than errno's.
 */
async function unwrittenWords(e: NodeJS.ErrnoException): Promise<string> {
  const file = typeof e.path === 'string' ? e.path : undefined;
  const foreign = e.code === 'EACCES' || e.code === 'EPERM' ? await permissionProblem(e) : e.message;
  const why = file === undefined || foreign !== e.message ? foreign
    : e.code === 'EISDIR' ? `${file} is a folder, not a file`
      : e.message.startsWith(`${file} `) ? e.message : `${file}: ${await whyNotWritten(e, file)}`;
  return `could not write history: ${why}`;
}
