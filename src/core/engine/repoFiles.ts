/**
 * A folder's Gearshift files: run history (appended in order, so an end line never lands before
 * its start line) and, next to it, deploy.json and deploy.lock (`<git common dir>/gearshift/`),
 * shared by the CLI and every editor window.
 */
import * as path from 'node:path';
import type { DeployLock } from '../deploy/deployLock';
import type { DeployStateStore } from '../deploy/deployState';
import { historyFileFor } from '../history/historyPath';
import { HistoryStore } from '../history/historyStore';
import type { RunRecord } from '../pipeline/types';

export interface DeployContext {
  dir: string;
  store: DeployStateStore;
  lock: DeployLock;
}

export class RepoFiles {
  private store: Promise<HistoryStore> | undefined;
  private deploys: Promise<DeployContext> | undefined;
  private chain: Promise<void> = Promise.resolve();

  /** `historyFile`: default derived from the folder (inside `.git`); tests point it elsewhere. */
  constructor(private readonly folder: string, private readonly historyFile: string | undefined, private readonly problem: (message: string) => void) {}

  history(): Promise<HistoryStore> {
    this.store ??= (this.historyFile ? Promise.resolve(this.historyFile) : historyFileFor(this.folder)).then((f) => new HistoryStore(f));
    return this.store;
  }

  deployContext(): Promise<DeployContext> {
    // Loaded when first needed (a deploy, a non-prod pass): not every window deploys.
    this.deploys ??= Promise.all([
      this.history(),
      import(/* webpackChunkName: "deploy" */ '../deploy/deployState'),
      import(/* webpackChunkName: "deploy" */ '../deploy/deployLock'),
    ]).then(([h, { DeployStateStore }, { DeployLock }]) => {
      const dir = path.dirname(h.file);
      return { dir, store: new DeployStateStore(dir), lock: new DeployLock(dir) };
    });
    return this.deploys;
  }

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
