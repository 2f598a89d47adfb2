import * as vscode from 'vscode';
import { RunRenderer } from '../../core/render';
import { StageLogs } from '../../core/engine';
import type { EngineEvent } from '../../core/engine';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { PipelinePty, Scrollback, toTerminal } from './pipelineTerminal';
import { settingsFor } from '../settings';
import { TerminalFeed } from './terminalFeed';
import type { StillRedSource } from '../redgreen/stillRed';
import { folderName } from '../pipeline/folderName';

const SHOWN_RUNS = 100;

interface FolderTerminal {
  readonly renderer: RunRenderer;
  readonly scrollback: Scrollback;
  readonly logs: StageLogs;
  /** The runs (and deploy operations) this terminal printed, oldest first, the last SHOWN_RUNS. */
  readonly shown: string[];
  /** Paces writes to the pty and holds the engine's output flow while over budget (terminalFeed.ts). */
  readonly feed: TerminalFeed;
  pty?: PipelinePty;
  terminal?: vscode.Terminal;
}

/**
 * Renders every folder's runs into its own "Gearshift Pipeline" terminal. A closed terminal is
 * recreated (with its scrollback) the next time a run starts or the user asks for it.
 */
export class PipelineTerminals implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderTerminal>();
  private readonly disposables: vscode.Disposable[] = [];

  /** `stillRed`: after a green run, the red period it left open, said under the verdict (PipelineState.stillRedAfter). */
  constructor(private readonly pipelines: WorkspacePipelines, private readonly stillRed?: StillRedSource) {
    pipelines.onEvent(({ folder, event }) => this.onEvent(folder, event), undefined, this.disposables);
    vscode.window.onDidCloseTerminal((t) => {
      for (const ft of this.byFolder.values()) {
        if (ft.terminal === t) { ft.pty?.dispose(); ft.terminal = undefined; ft.pty = undefined; }
      }
    }, undefined, this.disposables);
  }

  show(folder: vscode.WorkspaceFolder, preserveFocus = true): vscode.Terminal {
    const ft = this.entry(folder);
    if (!ft.terminal) {
      const entry = ft;
      ft.pty = new PipelinePty(ft.scrollback, () => this.pipelines.get(folder).engine.cancel('stopped with Ctrl+C in the terminal'), () => entry.feed.discardPending());
      const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      ft.terminal = vscode.window.createTerminal({
        name: multi ? `Gearshift Pipeline (${folderName(folder)})` : 'Gearshift Pipeline',
        pty: ft.pty,
        iconPath: new vscode.ThemeIcon('gear'),
        isTransient: true,
      });
    }
    ft.terminal.show(preserveFocus);
    return ft.terminal;
  }

  /** Whether this window's terminal printed run `runId`: a CLI's, a git hook's or another window's run never reaches it. */
  showed(folder: vscode.WorkspaceFolder, runId: string): boolean { return this.entry(folder).shown.includes(runId); }

  /** Plain text written to a folder's terminal so far (tests read this; so does nothing else). */
  text(folder: vscode.WorkspaceFolder): string { return this.entry(folder).scrollback.text(); }

  /** `stage`'s output in this window's last run, if that is run `runId` (any run when not given). */
  stageLog(folder: vscode.WorkspaceFolder, stage: string, runId?: string): string | undefined {
    const logs = this.entry(folder).logs;
    return runId === undefined || logs.runId === runId ? logs.get(stage) : undefined;
  }

  private entry(folder: vscode.WorkspaceFolder): FolderTerminal {
    const key = folder.uri.toString();
    let ft = this.byFolder.get(key);
    if (!ft) {
      const feed = new TerminalFeed((text) => entry.pty?.write(text), () => this.pipelines.get(folder).engine.flow);
      const mask = (text: string): string => this.pipelines.get(folder).engine.secrets.mask(text);
      const entry: FolderTerminal = { renderer: new RunRenderer({ color: true, mask }), scrollback: new Scrollback(), logs: new StageLogs(), shown: [], feed };
      ft = entry;
      this.byFolder.set(key, ft);
    }
    return ft;
  }

  private onEvent(folder: vscode.WorkspaceFolder, event: EngineEvent): void {
    const ft = this.entry(folder);
    ft.logs.onEvent(event);
    const runId = event.type === 'runStarted' ? event.run.id : event.type === 'deploy' ? event.runId : undefined;
    if (runId !== undefined && !ft.shown.includes(runId)) { ft.shown.push(runId); ft.shown.splice(0, ft.shown.length - SHOWN_RUNS); }
    if (event.type === 'runStarted' || event.type === 'configInvalid') {
      if (settingsFor(folder).showTerminalOnRun || ft.terminal) {
        this.show(folder);
      }
    }
    let text = ft.renderer.render(event);
    // A blank line between one run's summary and the next run's banner.
    if (event.type === 'runStarted' && !ft.scrollback.isEmpty()) { text = `\n${text}`; }
    const leftRed = event.type === 'runEnded' ? this.stillRed?.(folder, event.run) : undefined;
    if (leftRed) { text += ft.renderer.stillRed(leftRed); }
    if (!text) { return; }
    const out = toTerminal(text);
    ft.scrollback.append(out);
    ft.feed.push(out);
  }

  dispose(): void {
    for (const ft of this.byFolder.values()) { ft.feed.dispose(); ft.terminal?.dispose(); ft.pty?.dispose(); }
    this.byFolder.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
