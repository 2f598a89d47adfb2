// The bundle's first line stamps __gearshiftLoadStart (webpack banner); unbundled, this module's load is the start.
const moduleLoadedAt = (globalThis as { __gearshiftLoadStart?: number }).__gearshiftLoadStart ?? performance.now();

import * as vscode from 'vscode';
import type { PipelineStatus } from './core/engine';
import { reportListenerErrors, type RunRecord } from './core/pipeline';
import type { ToWebview } from './vscode/gauge/protocol';
import type { Automation } from './vscode/automation/automation';
import { registerCreatePipeline } from './vscode/config/createPipeline';
import { registerValidateConfig } from './vscode/config/validateConfig';
import { registerDeployNonProd } from './vscode/deploy/deployNonProd';
import { registerDeployProduction } from './vscode/deploy/deployProduction';
import { registerPromote } from './vscode/deploy/promote';
import { registerSwitchSlot } from './vscode/deploy/switchSlot';
import { registerRollback } from './vscode/deploy/rollback';
import { registerShowDeployHistory } from './vscode/deploy/showDeployHistory';
import { registerMonitorProduction } from './vscode/deploy/monitorProduction';
import { registerRunPipeline } from './vscode/run/runPipeline';
import { registerStopPipeline } from './vscode/run/stopPipeline';
import { registerRerunFromFailed } from './vscode/run/rerunFromFailed';
import { registerRunStage } from './vscode/run/runStage';
import { registerRerunStage } from './vscode/run/rerunStage';
import { registerOpenStageLog } from './vscode/views/openStageLog';
import { registerShowTerminal } from './vscode/terminal/showTerminal';
import { registerShowGauge } from './vscode/gauge/showGauge';
import { registerRevertLastCommit } from './vscode/redgreen/revertLastCommit';
import { ConfigDiagnostics } from './vscode/config/configDiagnostics';
import { ConfigFileWatcher } from './vscode/config/configFileWatcher';
import { WorkspaceGaugeSource } from './vscode/gauge/gaugeSource';
import { GaugeViewProvider } from './vscode/gauge/gaugeViewProvider';
import { WorkspacePipelines } from './vscode/pipeline/workspacePipelines';
import { PipelineState } from './vscode/status/pipelineState';
import { STAGE_LOG_SCHEME, StageLogDocuments } from './vscode/views/stageLogDocuments';
import { PipelineStatusBar } from './vscode/status/statusBar';
import { GearshiftTaskProvider } from './vscode/run/taskProvider';
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
    // One registerX per command, in feature folders under src/vscode.
    registerRunPipeline(pipelines), registerStopPipeline(pipelines), registerRerunFromFailed(pipelines),
    registerRunStage(pipelines), registerRerunStage(), registerCreatePipeline(), registerValidateConfig(diagnostics),
    registerOpenStageLog(terminals), registerShowTerminal(pipelines, terminals), registerShowGauge(),
    registerRevertLastCommit(pipelines), registerDeployNonProd(pipelines), registerDeployProduction(pipelines),
    registerPromote(pipelines), registerSwitchSlot(pipelines), registerRollback(pipelines), registerShowDeployHistory(pipelines),
    registerMonitorProduction(pipelines),
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
