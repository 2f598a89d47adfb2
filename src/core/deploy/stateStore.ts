/**
 * deploy.json: the repository's deploy state (state.ts), one small JSON file next to the run
 * history (the pipeline's state folder, history/pipelineState.ts), shared by the CLI and every editor window.
 *
 * Unlike history it is rewritten, not appended, so:
 * - every write goes to a temp file that is then renamed over deploy.json (rename is atomic:
 *   a reader sees the old file or the new one, never half of one);
 * - read-modify-write runs under a short cross-process lock (`deploy.json.lock`), so two
 *   writers (a deploy here, a non-prod pass recorded by the CLI there) never lose each other's change.
 *
 * A file that does not parse reads as an empty state plus a problem (views go on), with its text
 * copied beside it (`deploy.json.corrupt`, never written over: corruptCopy.ts), and `corrupt`
 * set: without the live slot and the rollback target, anything that picks a slot (deploy, switch, rollback, keep, promote) must refuse,
 * or it could deploy over the release serving traffic. Nor is it ever written over: a write
 * would turn "unknown" into a valid-looking "nothing deployed". A person repairs or deletes it.
 */
import { fileIo, NOT_REGULAR } from '../fileio';
import * as path from 'node:path';
import { permissionProblem } from '../engine';
import { FileLock } from '../lock';
import { keepCorruptCopy } from './corruptCopy';
import { sweepDeployTemps } from './staleTemps';
import { DEFAULT_MAX_RECORDS, type DeployRecord, type DeployState, addRecord, emptyState, makeRecord, validateState } from './stateModel';

export const DEPLOY_STATE_FILE = 'deploy.json';
/** A read-modify-write takes milliseconds. Age frees only a holder on another host (its pid cannot be checked); here a dead holder is seen at once (core/lock). */
const UPDATE_LOCK_MAX_AGE_MS = 60_000;
const UPDATE_LOCK_WAIT_MS = 10_000;

export interface StateRead {
  state: DeployState;
  /** Plain-language problems found while reading (corrupt file, dropped entries). Never fatal. */
  problems: string[];
  /**
   * Set when deploy.json did not parse or has the wrong shape: why nothing that picks a slot or
   * a rollback target may go on, with the way out (the reason alone: callers say "not deploying: ").
   */
  corrupt?: string;
}

export interface DeployStateOptions {
  maxRecords?: number;
}

export class DeployStateStore {
  readonly file: string;
  private readonly updateLock: FileLock;
  private readonly maxRecords: number;
  /** Updates from this process, in order (the file lock alone would make them poll each other). */
  private chain: Promise<unknown> = Promise.resolve();

  /** `dir`: the pipeline's state folder (`<git common dir>/gearshift` at the top), created on the first write. */
  constructor(readonly dir: string, opts: DeployStateOptions = {}) {
    this.file = path.join(dir, DEPLOY_STATE_FILE);
    this.updateLock = new FileLock(`${this.file}.lock`, { maxAgeMs: UPDATE_LOCK_MAX_AGE_MS });
    this.maxRecords = opts.maxRecords ?? DEFAULT_MAX_RECORDS;
  }

  /** Never rejects: a missing file is an empty state; an unreadable or corrupt one is empty plus a problem. */
  async read(): Promise<StateRead> {
    const { state, problems, corrupt } = await this.load();
    return { state, problems, ...(corrupt !== undefined ? { corrupt } : {}) };
  }

  /**
   * Read, change, write, under the update lock. `change` mutates the state it is given (and may
   * return a value). Rejects when the file cannot be read for I/O reasons or is corrupt (writing
   * an empty state over it could destroy good data, or hide that the live slot is unknown) or
   * cannot be written.
   */
  update<T>(change: (state: DeployState) => T): Promise<StateRead & { value: T }> {
    const next = this.chain.then(() => this.updateNow(change));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Shorthand for the common change: append one deploy record. */
  async addRecord(record: DeployRecord): Promise<StateRead> {
    return this.update((s) => addRecord(s, record, this.maxRecords));
  }

  /**
   * A non-prod deploy run ended: record it, and on success remember it as the last non-prod
   * pass (what promotion to production checks).
   */
  async recordNonProd(run: { sha: string; runId: string; result: 'ok' | 'failed'; approvedBy?: string; message?: string }): Promise<StateRead & { value: DeployRecord }> {
    return this.update((s) => {
      const record = makeRecord({ environment: 'non-prod', kind: 'deploy', ...run });
      addRecord(s, record, this.maxRecords);
      if (run.result === 'ok') { s.lastNonProdPass = { sha: run.sha, runId: run.runId, at: record.at }; }
      return record;
    });
  }

  get recordLimit(): number { return this.maxRecords; }

  /**
   * Rejects, naming the cause, when an update could not be written now: its lock cannot be taken
   * (a folder or FIFO in its place, a read-only folder), or entries the write would drop cannot
   * be kept beside it first (ten copies kept already). A switch asks before it moves traffic, so
   * what it changes is never left unrecorded for a reason known beforehand.
   */
  async checkWritable(): Promise<void> {
    const lock = await this.updateLock.acquireWithin('deploy state check', UPDATE_LOCK_WAIT_MS);
    if (!lock.ok) { throw new Error(`cannot update ${this.file}: it is locked by ${lock.message}`); }
    try {
      const loaded = await this.load();
      // Kept now rather than at the write: the update then finds the copy made and drops nothing unkept.
      if (loaded.dropped !== undefined) { await this.keepBeforeDrop(loaded.dropped); }
    } finally {
      await lock.release();
    }
  }

  private async updateNow<T>(change: (state: DeployState) => T): Promise<StateRead & { value: T }> {
    const lock = await this.updateLock.acquireWithin('deploy state update', UPDATE_LOCK_WAIT_MS);
    if (!lock.ok) { throw new Error(`cannot update ${this.file}: it is locked by ${lock.message}`); }
    try {
      const loaded = await this.load();
      if (loaded.ioError) { throw new Error(`cannot read ${this.file}: ${loaded.ioError}`); }
      if (loaded.corrupt !== undefined) { throw new Error(`not written: ${loaded.corrupt}`); }
      if (loaded.dropped !== undefined) { await this.keepBeforeDrop(loaded.dropped); }
      const value = change(loaded.state);
      await this.write(loaded.state);
      return { state: loaded.state, problems: loaded.problems, value };
    } finally {
      await lock.release();
    }
  }

  /** The write will leave out entries this version cannot read (a hand edit's typo, a newer version's record): their text is kept first. */
  private async keepBeforeDrop(text: string): Promise<void> {
    const kept = await keepCorruptCopy(this.file, text);
    if (!kept.kept) { throw new Error(`not written: ${this.file} has unreadable entries and keeping its text beside it failed (${kept.why})`); }
  }

  /** `dropped`: the file's text, when entries of it were left out of `state`. */
  private async load(): Promise<StateRead & { ioError?: string; dropped?: string }> {
    let text: string;
    try {
      text = await fileIo.readFile(this.file, 'utf8'); // a FIFO or folder in its place: an error naming it, never a wait
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') { return { state: emptyState(), problems: [] }; }
      const message = (err as Error).message;
      // As with a corrupt file, the live slot is unknown: what picks a slot refuses (`corrupt` says why and the way out).
      const why = await permissionProblem(err as NodeJS.ErrnoException);
      // A folder or FIFO in its place: the error already names the file and says what is there.
      const notAFile = [NOT_REGULAR, 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '');
      const unreadable = notAFile ? why : `${this.file} cannot be read (${why})`;
      return {
        state: emptyState(), problems: [`could not read ${this.file} (${message}); using an empty deploy state`], ioError: message,
        corrupt: `${unreadable}, so the live slot and the rollback target are unknown; ${notAFile ? 'put the file back in its place' : 'make it readable'}, or delete it to start over with nothing deployed`,
      };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return this.corrupt(text, `not valid JSON: ${(err as Error).message}`);
    }
    const checked = validateState(parsed);
    if (!checked.state) { return this.corrupt(text, checked.problems.join('; ')); }
    if (checked.problems.length === 0) { return { state: checked.state, problems: [] }; }
    const kept = `${this.file}: the next write leaves these entries out; the file's text is kept in ${this.file}.corrupt (or the next free .corrupt.N) first`;
    return { state: checked.state, problems: [...checked.problems.map((p) => `${this.file}: ${p}`), kept], dropped: text };
  }

  /** Keeps the unreadable text next to the file, and says what that means and the way out. */
  private async corrupt(text: string, why: string): Promise<StateRead> {
    const kept = await keepCorruptCopy(this.file, text);
    const where = kept.kept ? `its text is kept in ${kept.copy}` : `its text could not be kept beside it (${kept.why})`;
    return {
      state: emptyState(),
      problems: [`${this.file} is corrupt (${why}); shown as an empty deploy state, and production deploys, switch and rollback refuse until it is repaired or deleted (${where})`],
      corrupt: `${this.file} is corrupt (${why}), so the live slot and the rollback target are unknown; ${where}. `
        + `Repair ${DEPLOY_STATE_FILE}, or delete it to start over with nothing deployed (the next deploy then goes into the first slot, even if that one is live)`,
    };
  }

  private async write(state: DeployState): Promise<void> {
    await fileIo.mkdirp(this.dir);
    // Synced before the rename, so a power cut cannot leave a renamed but empty file.
    await fileIo.replaceFile(this.file, JSON.stringify(state, null, 2) + '\n', { fsync: true });
    // What a process killed mid-write (here or in a corrupt copy) left beside it goes now: nothing else would remove it.
    await sweepDeployTemps(this.dir);
  }
}
