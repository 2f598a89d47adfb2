import * as vscode from 'vscode';
import { contextKey, DONE_VALUES, type WalkthroughInput, type WalkthroughStepId } from '../../core/walkthrough';
import type { Pipeline } from '../../core/config';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import { Disposable } from '../lifecycle';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';

/** What changes a step's done-ness besides runs and the pipeline file. */
const FLAGS_GLOB = '**/{flags.json,flags.*.json,.gearshift/flags.json}';
const DEBOUNCE_MS = 250;

/**
 * Sets one context key per walkthrough step (`gearshift.walkthrough.<id>`), which the steps'
 * `completionEvents` (`onContext:`) listen to: `false`, or a done value (DONE_VALUES). Done-ness
 * comes from core/walkthrough, from the pipeline file, the run history and the flags files of
 * every workspace folder (a step is done when it is done in any folder). Recomputed, coalesced,
 * on runs ending, config and flags files changing, and trust. Reading is all it does, so it
 * works the same in Restricted Mode: the history file is read as the gauge reads it (found on
 * disk, never a run).
 */
export class WalkthroughKeys extends Disposable {
  private timer: NodeJS.Timeout | undefined;
  private last = '';
  /** The value done keys have now; `republish` switches it (see DONE_VALUES). */
  private doneValue: typeof DONE_VALUES[number] = DONE_VALUES[0];
  /** One recompute at a time: requests while one runs join the single one queued after it. */
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(private readonly pipelines: WorkspacePipelines, configFiles: ConfigFileWatcher, changed: vscode.Event<void>, private readonly log: (problem: string) => void) {
    super();
    const schedule = (): void => this.schedule();
    pipelines.onEvent(({ event }) => { if (event.type === 'runEnded') { schedule(); } }, undefined, this._store);
    pipelines.onDidChangeFolders(schedule, undefined, this._store);
    changed(schedule, undefined, this._store);
    for (const event of [configFiles.onDidCreate, configFiles.onDidChange, configFiles.onDidDelete]) { event(schedule, undefined, this._store); }
    const flags = this._register(vscode.workspace.createFileSystemWatcher(FLAGS_GLOB));
    for (const event of [flags.onDidCreate, flags.onDidDelete]) { event(schedule, undefined, this._store); }
    vscode.workspace.onDidGrantWorkspaceTrust(schedule, undefined, this._store);
    // Welcome and walkthrough editors are tabs the API does not type: one opened means VS Code has the walkthrough now.
    vscode.window.tabGroups.onDidChangeTabs((e) => { if (e.opened.some((t) => t.input === undefined)) { void this.republish(); } }, undefined, this._store);
    this._register({ dispose: () => { if (this.timer) { clearTimeout(this.timer); } } });
  }

  private schedule(): void {
    if (this.timer || this.isDisposed) { return; }
    this.timer = setTimeout(() => { this.timer = undefined; void this.update(); }, DEBOUNCE_MS);
  }

  /** Recomputes now; resolves with the keys as set (tests read them). */
  async update(): Promise<Record<string, boolean>> {
    if (!this.queued) {
      this.queued = this.chain.then(() => { this.queued = undefined; return this.recompute(); });
      this.chain = this.queued.catch(() => undefined);
    }
    await this.queued;
    return JSON.parse(this.last || '{}') as Record<string, boolean>;
  }

  /**
   * Gives every done key the other done value: a step whose key was already done when VS Code
   * registered the walkthrough is checked now. Called once the walkthrough surely is registered
   * (it was opened, or an editor like Welcome appeared).
   */
  async republish(): Promise<void> {
    const keys = this.last ? JSON.parse(this.last) as Record<string, boolean> : await this.update();
    if (this.isDisposed) { return; }
    this.doneValue = this.doneValue === DONE_VALUES[0] ? DONE_VALUES[1] : DONE_VALUES[0];
    await this.publish(Object.keys(keys).filter((k) => keys[k]));
  }

  private publish(keys: readonly string[]): Promise<unknown> {
    return Promise.all(keys.map((k) => vscode.commands.executeCommand('setContext', k, this.doneValue)));
  }

  private async recompute(): Promise<void> {
    const walkthrough = await import(/* webpackChunkName: "gauge" */ '../../core/walkthrough');
    const inputs = await Promise.all(this.folders().map((f) => this.inputFor(f, walkthrough.findFlagsFiles).catch((e: unknown) => {
      this.log(`walkthrough: could not read ${f.name}'s progress: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    })));
    const done = new Map<WalkthroughStepId, boolean>();
    for (const input of inputs) {
      if (!input) { continue; }
      for (const step of walkthrough.walkthroughProgress(input)) { done.set(step.id, (done.get(step.id) ?? false) || step.done); }
    }
    const keys = Object.fromEntries(walkthrough.WALKTHROUGH_STEPS.map((s) => [contextKey(s.id), done.get(s.id) ?? false]));
    const serialized = JSON.stringify(keys);
    if (serialized === this.last || this.isDisposed) { return; }
    const before = JSON.parse(this.last || '{}') as Record<string, boolean>;
    this.last = serialized;
    const changed = Object.keys(keys).filter((k) => keys[k] !== before[k]);
    await Promise.all(changed.filter((k) => !keys[k]).map((k) => vscode.commands.executeCommand('setContext', k, false)));
    await this.publish(changed.filter((k) => keys[k]));
  }

  private folders(): vscode.WorkspaceFolder[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  }

  private async inputFor(folder: vscode.WorkspaceFolder, findFlagsFiles: (root: string, pipeline?: Pick<Pipeline, 'flags'>) => Promise<string[]>): Promise<WalkthroughInput> {
    const root = folder.uri.fsPath;
    const hasPipelineFile = this.pipelines.foldersWithPipeline().some((f) => f.uri.toString() === folder.uri.toString());
    if (!hasPipelineFile) { return { hasPipelineFile, runs: [], flagsFiles: await findFlagsFiles(root) }; }
    const { engine } = this.pipelines.get(folder);
    const loaded = await engine.validate();
    const pipeline = loaded.ok ? loaded.pipeline : undefined;
    // A file read, trusted or not: finding it looks at .git on disk (git only for unusual layouts, as for the gauge).
    const runs = (await (await engine.history()).read()).runs;
    return { hasPipelineFile, pipeline, runs, flagsFiles: await findFlagsFiles(root, pipeline) };
  }
}
