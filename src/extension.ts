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
import { registerWalkthrough } from './vscode/walkthrough';
import { registerExport } from './vscode/export';
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
import { registerRemoteStatus } from './vscode/remote';
import { registerSecrets } from './vscode/secrets';
import { registerFlags } from './vscode/flags';

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
  const parts = createParts(context);
  pipelines = parts.pipelines;
  context.subscriptions.push(...Object.values(parts), ...registerProviders(parts), ...registerCommands(parts), ...registerExport(parts), ...registerSecrets(context, parts));
  context.subscriptions.push(...registerRemoteStatus(parts, context));
  // Disk and git work happens after every command is registered, and is not awaited.
  parts.state.update();
  void parts.diagnostics.checkWorkspace();
  const automation = startAutomation(context, parts);
  context.subscriptions.push(...registerWalkthrough(context, parts));
  return {
    activationMs: performance.now() - moduleLoadedAt,
    status: () => ({ status: parts.state.status(), ...parts.statusBar.snapshot() }),
    terminalText: (folder) => parts.terminals.text(folder),
    lastRun: (folder) => parts.pipelines.get(folder).engine.lastRun,
    gaugeState: () => parts.gauge.refresh(),
    automation: () => automation.then(async (a) => { await a.ready(); return a; }),
  };
}

type Parts = ReturnType<typeof createParts>;

/** Every long-lived part, each a Disposable the extension context disposes. */
function createParts(context: vscode.ExtensionContext) {
  const pipelines = new WorkspacePipelines();
  const configFiles = new ConfigFileWatcher();
  const statusBar = new PipelineStatusBar();
  const terminals = new PipelineTerminals(pipelines);
  const gaugeSource = new WorkspaceGaugeSource(pipelines);
  const log = vscode.window.createOutputChannel('Gearshift', { log: true });
  // A view whose listener throws must not fail in silence: it goes to the log.
  const listenerErrors = { dispose: reportListenerErrors((error) => log.error(`an event listener failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)) };
  return {
    listenerErrors, configFiles, pipelines, log, statusBar, terminals, gaugeSource,
    state: new PipelineState(pipelines, statusBar, configFiles),
    diagnostics: new ConfigDiagnostics(configFiles),
    stagesTree: new StagesTreeProvider(pipelines),
    stageLogs: new StageLogDocuments(terminals),
    gauge: new GaugeViewProvider(context.extensionUri, gaugeSource, (problem) => log.error(problem)),
  };
}

function registerProviders(p: Parts): vscode.Disposable[] {
  return [
    vscode.window.registerWebviewViewProvider(GaugeViewProvider.viewId, p.gauge),
    vscode.window.createTreeView(StagesTreeProvider.viewId, { treeDataProvider: p.stagesTree, showCollapseAll: false }),
    vscode.workspace.registerTextDocumentContentProvider(STAGE_LOG_SCHEME, p.stageLogs),
    vscode.tasks.registerTaskProvider(GearshiftTaskProvider.type, new GearshiftTaskProvider(p.pipelines)),
    p.pipelines.onEvent(({ event }) => { if (event.type === 'stageEnded') { p.stageLogs.refreshOpen(); } }),
    ...registerFlags((message) => p.log.error(message)),
  ];
}

/** One registerX per command, in feature folders under src/vscode. */
function registerCommands({ pipelines: ps, terminals, diagnostics }: Parts): vscode.Disposable[] {
  return [
    registerRunPipeline(ps), registerStopPipeline(ps), registerRerunFromFailed(ps), registerRunStage(ps), registerRerunStage(),
    registerCreatePipeline(), registerValidateConfig(diagnostics),
    registerOpenStageLog(terminals), registerShowTerminal(ps, terminals), registerShowGauge(),
    registerRevertLastCommit(ps),
    registerDeployNonProd(ps), registerDeployProduction(ps), registerPromote(ps), registerSwitchSlot(ps), registerRollback(ps),
    registerShowDeployHistory(ps), registerMonitorProduction(ps),
  ];
}

/** What runs by itself (commit trigger, escalation) is its own chunk, loaded once we are up. */
function startAutomation(context: vscode.ExtensionContext, p: Parts): Promise<Automation> {
  const automation = import(/* webpackChunkName: "automation" */ './vscode/automation/automation').then(({ Automation: A }) => {
    const a = new A({ pipelines: p.pipelines, state: p.state, log: p.log, gauge: p.gaugeSource, configFiles: p.configFiles });
    context.subscriptions.push(a);
    return a;
  });
  automation.catch((e: Error) => p.log.error(`could not start commit tracking and alerts: ${e.message}`));
  return automation;
}

/** VS Code waits for this promise: running stages are cancelled and their processes reaped. */
export async function deactivate(): Promise<void> {
  await pipelines?.shutdown();
  pipelines = undefined;
}
