// The bundle's first line stamps __gearshiftLoadStart (webpack banner); unbundled, this module's load is the start.
const moduleLoadedAt = (globalThis as { __gearshiftLoadStart?: number }).__gearshiftLoadStart ?? performance.now();

import * as vscode from 'vscode';
import type { PipelineStatus } from './core/engine';
import { reportListenerErrors, type RunRecord } from './core/pipeline';
import type { ToWebview } from './vscode/gauge/protocol';
import type { Automation } from './vscode/automation/automation';
import { registerConfigCommands } from './vscode/commands/configCommands';
import { registerDeployCommands } from './vscode/commands/deployCommands';
import { registerRevertCommand } from './vscode/commands/revertCommand';
import { registerRunCommands } from './vscode/commands/runCommands';
import { registerViewCommands } from './vscode/commands/viewCommands';
import { ConfigDiagnostics } from './vscode/configDiagnostics';
import { ConfigFileWatcher } from './vscode/configFileWatcher';
import { WorkspaceGaugeSource } from './vscode/gauge/gaugeSource';
import { GaugeViewProvider } from './vscode/gauge/gaugeViewProvider';
import { WorkspacePipelines } from './vscode/pipeline/workspacePipelines';
import { PipelineState } from './vscode/pipelineState';
import { STAGE_LOG_SCHEME, StageLogDocuments } from './vscode/stageLogDocuments';
import { PipelineStatusBar } from './vscode/statusBar';
import { GearshiftTaskProvider } from './vscode/taskProvider';
import { PipelineTerminals } from './vscode/terminal/pipelineTerminals';
import { StagesTreeProvider } from './vscode/views/stagesTree';

/** What tests and the bench can read from `extension.exports`. */
export interface GearshiftApi {
  readonly activationMs: number;
  /** The status bar's current state and rendering (tests assert on these). */
  status(): { status: PipelineStatus; text: string; background: string | undefined; tooltip: string };
  /** Text written to a folder's pipeline terminal so far. */
  terminalText(folder: vscode.WorkspaceFolder): string;
  lastRun(folder: vscode.WorkspaceFolder): RunRecord | undefined;
  /** Recomputes the gauge and returns the state message the webview gets. */
  gaugeState(): Promise<ToWebview>;
  /** Commit tracking and escalation, loaded right after activation (trusted workspaces only). */
  automation(): Promise<Automation>;
}

let pipelines: WorkspacePipelines | undefined;

export function activate(context: vscode.ExtensionContext): GearshiftApi {
  pipelines = new WorkspacePipelines();
  const configFiles = new ConfigFileWatcher();
  const statusBar = new PipelineStatusBar();
  const state = new PipelineState(pipelines, statusBar, configFiles);
  const terminals = new PipelineTerminals(pipelines);
  const diagnostics = new ConfigDiagnostics(configFiles);
  const stagesTree = new StagesTreeProvider(pipelines);
  const stageLogs = new StageLogDocuments(terminals);
  const gaugeSource = new WorkspaceGaugeSource(pipelines);
  const log = vscode.window.createOutputChannel('Gearshift', { log: true });
  // A view whose listener throws must not fail in silence: it goes to the log.
  const stopReporting = reportListenerErrors((error) => log.error(`an event listener failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
  const gauge = new GaugeViewProvider(context.extensionUri, gaugeSource, (problem) => log.error(problem));

  context.subscriptions.push(
    { dispose: stopReporting }, configFiles, pipelines, log, statusBar, state, terminals, diagnostics, stagesTree, stageLogs, gaugeSource, gauge,
    vscode.window.registerWebviewViewProvider(GaugeViewProvider.viewId, gauge),
    vscode.window.createTreeView(StagesTreeProvider.viewId, { treeDataProvider: stagesTree, showCollapseAll: false }),
    vscode.workspace.registerTextDocumentContentProvider(STAGE_LOG_SCHEME, stageLogs),
    vscode.tasks.registerTaskProvider(GearshiftTaskProvider.type, new GearshiftTaskProvider(pipelines)),
    pipelines.onEvent(({ event }) => { if (event.type === 'stageEnded') { stageLogs.refreshOpen(); } }),
    ...registerRunCommands(pipelines),
    ...registerConfigCommands(diagnostics),
    ...registerViewCommands(pipelines, terminals),
    registerRevertCommand(pipelines),
    ...registerDeployCommands(pipelines),
  );

  // Disk and git work happens after every command is registered, and is not awaited.
  state.update();
  void diagnostics.checkWorkspace();
  // What runs by itself (commit trigger, escalation) is its own chunk, loaded once we are up.
  const automation = import(/* webpackChunkName: "automation" */ './vscode/automation/automation').then(({ Automation: A }) => {
    const a = new A({ pipelines: pipelines as WorkspacePipelines, state, log, gauge: gaugeSource, configFiles });
    context.subscriptions.push(a);
    return a;
  });
  automation.catch((e: Error) => log.error(`could not start commit tracking and alerts: ${e.message}`));
  const api: GearshiftApi = {
    activationMs: performance.now() - moduleLoadedAt,
    status: () => ({ status: state.status(), ...statusBar.snapshot() }),
    terminalText: (folder) => terminals.text(folder),
    lastRun: (folder) => pipelines?.get(folder).engine.lastRun,
    gaugeState: () => gauge.refresh(),
    automation: () => automation.then(async (a) => { await a.ready(); return a; }),
  };
  return api;
}

/** VS Code waits for this promise: running stages are cancelled and their processes reaped. */
export async function deactivate(): Promise<void> {
  await pipelines?.shutdown();
  pipelines = undefined;
}
