/**
 * A folder's Gearshift files: run history (appended in order, so an end line never lands before
 * its start line) in `<git common dir>/gearshift/`, the folder that also holds deploy state and
 * locks, shared by the CLI and every editor window.
 */
import * as path from 'node:path';
import { historyFileFor, HistoryStore } from '../history';
import type { RunRecord } from '../pipeline';

export class RepoFiles {
  private store: Promise<HistoryStore> | undefined;
  private chain: Promise<void> = Promise.resolve();

  /** `historyFile`: default derived from the folder (inside `.git`); tests point it elsewhere. */
  constructor(private readonly folder: string, private readonly historyFile: string | undefined, private readonly problem: (message: string) => void) {}

  history(): Promise<HistoryStore> {
    this.store ??= (this.historyFile ? Promise.resolve(this.historyFile) : historyFileFor(this.folder)).then((f) => new HistoryStore(f));
    return this.store;
  }

  /** The folder holding history, deploy state and locks. */
  async dataDir(): Promise<string> { return path.dirname((await this.history()).file); }

  /** Queues one history line; a failure is reported, never thrown: history must not change a run. */
  append(kind: 'start' | 'end', run: RunRecord): void {
    const snapshot = structuredClone(run); // the live record keeps changing while we wait our turn
    this.chain = this.chain
      .then(async () => {
        const store = await this.history();
        await (kind === 'start' ? store.recordStart(snapshot) : store.recordEnd(snapshot));
      })
      .catch((e: Error) => this.problem(`could not write history: ${e.message}`));
  }

  /** Resolves once every queued line is written. */
  idle(): Promise<void> { return this.chain; }
}
