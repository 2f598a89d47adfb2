/**
 * Everything of the extension except what activation itself draws (the status bar item and the
 * command stand-ins, see src/extension.ts). Its own chunk, loaded right after `activate` returns,
 * so that activation does not pay for evaluating it. Like extension.ts before, this file only wires.
 */
import * as vscode from 'vscode';
import { reportListenerErrors } from '../core/pipeline';
import type { Automation } from './automation/automation';
import { registerCreatePipeline } from './config/createPipeline';
import { registerValidateConfig } from './config/validateConfig';
import { registerDeployNonProd } from './deploy/deployNonProd';
import { registerDeployProduction } from './deploy/deployProduction';
import { registerPromote } from './deploy/promote';
import { registerSwitchSlot } from './deploy/switchSlot';
import { registerRollback } from './deploy/rollback';
import { registerShowDeployHistory } from './deploy/showDeployHistory';
import { registerMonitorProduction } from './deploy/monitorProduction';
import { noticeStoppedDeploy, noticeStoppedDeploys } from './deploy/stoppedDeployNotice';
import { registerRunPipeline } from './run/runPipeline';
import { registerStopPipeline } from './run/stopPipeline';
import { registerAnswerApproval } from './pipeline/answerApproval';
import { registerRerunFromFailed } from './run/rerunFromFailed';
import { registerRunStage } from './run/runStage';
import { registerRerunStage } from './run/rerunStage';
import { registerOpenStageLog } from './views/openStageLog';
import { registerShowRunLog } from './views/showRunLog';
import { registerShowFailedStageLog } from './views/showFailedStageLog';
import { registerShowTerminal } from './terminal/showTerminal';
import { registerShowGauge } from './gauge/showGauge';
import { registerRevertLastCommit } from './redgreen/revertLastCommit';
import { registerWalkthrough } from './walkthrough';
import { registerOpenDocs } from './docs/openDocs';
import { registerShowLog } from './log/showLog';
import { registerExport } from './export';
import { ConfigDiagnostics } from './config/configDiagnostics';
import { ConfigFileWatcher } from './config/configFileWatcher';
import { WorkspaceGaugeSource } from './gauge/gaugeSource';
import { GaugeViewProvider } from './gauge/gaugeViewProvider';
import { WorkspacePipelines } from './pipeline/workspacePipelines';
import { PipelineState } from './status/pipelineState';
import { SubfolderPipelines } from './monorepo/subfolderPipelines';
import { registerOpenSubfolderPipeline } from './monorepo/openSubfolderPipeline';
import { showPipelinesBelow } from './monorepo/pipelinesBelow';
import { registerShowMutedNotices } from './monorepo/showMutedNotices';
import { STAGE_LOG_SCHEME, StageLogDocuments } from './views/stageLogDocuments';
import { PipelineStatusBar } from './status/statusBar';
import { RedTicker } from '../core/redgreen';
import { GearshiftTaskProvider } from './run/taskProvider';
import { PipelineTerminals } from './terminal/pipelineTerminals';
import { StagesTreeProvider } from './views/stagesTree';
import { createStagesView } from './views/stagesView';
import { registerRemoteStatus } from './remote';
import { registerSecrets } from './secrets';
import { registerFlags } from './flags';
import { flagsStagePort } from './run/flagsStagePort';

export type WorkbenchParts = ReturnType<typeof createParts>;

export interface Workbench {
  readonly parts: WorkbenchParts;
  /** The real task provider; activation registered one that waits for this. */
  readonly tasks: GearshiftTaskProvider;
  readonly automation: Automation;
}

/**
 * Creates every part and registers every command, view and provider; all of it goes into
 * `context.subscriptions`. `AutomationClass` comes from its own chunk, loaded alongside this one.
 */
export function startWorkbench(context: vscode.ExtensionContext, statusItem: vscode.StatusBarItem, AutomationClass: typeof Automation): Workbench {
  const parts = createParts(context, statusItem);
  const tasks = new GearshiftTaskProvider(parts.pipelines, (folder, run) => parts.state.stillRedAfter(folder, run));
  context.subscriptions.push(...Object.values(parts), ...registerProviders(parts), ...registerCommands(parts), ...registerExport(parts), ...registerSecrets(context, parts));
  context.subscriptions.push(...registerRemoteStatus(parts, context));
  // The repository's other pipelines (a monorepo's apps/api below the open folder) in the status item.
  context.subscriptions.push(parts.state.setOthers(() => parts.subfolders.current()), parts.subfolders.onDidChange(() => parts.state.update()));
  // …and in the empty Pipeline view and gauge of a folder with no pipeline at its top (monorepo/pipelinesBelow.ts).
  context.subscriptions.push(showPipelinesBelow(parts.subfolders, parts.gaugeSource, parts.pipelines));
  // Disk and git work happens after every command is registered, and is not awaited.
  parts.state.update();
  void parts.diagnostics.checkWorkspace();
  void noticeStoppedDeploys(context.workspaceState, parts.pipelines);
  const automation = new AutomationClass({ pipelines: parts.pipelines, state: parts.state, log: parts.log, gauge: parts.gaugeSource, configFiles: parts.configFiles, subfolders: parts.subfolders, workspaceState: context.workspaceState });
  context.subscriptions.push(automation, registerShowMutedNotices(automation.subfolderCommits));
  parts.stagesTree.followHead(automation.onDidMoveHead);
  context.subscriptions.push(automation.onDidReadForeignRun((fp) => { parts.stageLogs.refreshOpen(); void noticeStoppedDeploy(context.workspaceState, fp); }));
  context.subscriptions.push(...registerWalkthrough(context, parts), registerOpenDocs(context.extensionUri));
  return { parts, tasks, automation };
}

/** Every long-lived part, each a Disposable the extension context disposes. */
function createParts(context: vscode.ExtensionContext, statusItem: vscode.StatusBarItem) {
  const pipelines = new WorkspacePipelines();
  const configFiles = new ConfigFileWatcher();
  // One red timer clock: the status bar and the gauge say the same "red for 7m" and change it together.
  const redTicker = new RedTicker();
  const statusBar = new PipelineStatusBar(statusItem, redTicker);
  const state = new PipelineState(pipelines, statusBar, configFiles);
  const terminals = new PipelineTerminals(pipelines, (folder, run) => state.stillRedAfter(folder, run));
  const gaugeSource = new WorkspaceGaugeSource(pipelines, configFiles);
  const log = vscode.window.createOutputChannel('Gearshift', { log: true });
  const subfolders = new SubfolderPipelines(configFiles, (message) => log.warn(message));
  // A view whose listener throws must not fail in silence: it goes to the log.
  const listenerErrors = { dispose: reportListenerErrors((error) => log.error(`an event listener failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)) };
  return {
    listenerErrors, configFiles, pipelines, log, redTicker, statusBar, terminals, gaugeSource, state, subfolders,
    diagnostics: new ConfigDiagnostics(configFiles, pipelines.onEvent),
    stagesTree: new StagesTreeProvider(pipelines, configFiles),
    stageLogs: new StageLogDocuments(terminals, pipelines, (folder, sub, fromTop) => subfolders.stateDirOf(folder, sub, fromTop)),
    gauge: new GaugeViewProvider(context.extensionUri, gaugeSource, (problem) => log.error(problem), redTicker),
  };
}

function registerProviders(p: WorkbenchParts): vscode.Disposable[] {
  return [
    vscode.window.registerWebviewViewProvider(GaugeViewProvider.viewId, p.gauge),
    createStagesView(p.stagesTree, p.pipelines, p.configFiles),
    vscode.workspace.registerTextDocumentContentProvider(STAGE_LOG_SCHEME, p.stageLogs),
    // After the stage's file is written: refreshed at the event itself, a log read the window's memory copy and kept it.
    p.pipelines.onEvent(({ folder, event }) => { if (event.type === 'stageEnded') { void p.pipelines.logsSaved(folder).then(() => p.stageLogs.refreshOpen()); } }),
    ...registerFlags((message) => p.log.error(message), flagsStagePort(p.pipelines)),
  ];
}

/** One registerX per command, in feature folders under src/vscode. */
function registerCommands({ pipelines: ps, terminals, diagnostics, stageLogs, gauge, subfolders, log }: WorkbenchParts): vscode.Disposable[] {
  return [
    registerRunPipeline(ps), registerStopPipeline(ps), registerAnswerApproval(ps), registerRerunFromFailed(ps), registerRunStage(ps), registerRerunStage(),
    registerCreatePipeline(), registerValidateConfig(diagnostics),
    registerOpenStageLog(terminals, stageLogs), registerShowRunLog(ps, stageLogs), registerShowFailedStageLog(ps, stageLogs), registerShowTerminal(ps, terminals), registerShowGauge(gauge),
    registerRevertLastCommit(ps),
    registerDeployNonProd(ps), registerDeployProduction(ps), registerPromote(ps), registerSwitchSlot(ps), registerRollback(ps),
    registerShowDeployHistory(ps), registerMonitorProduction(ps),
    registerOpenSubfolderPipeline(subfolders, stageLogs), registerShowLog(log),
  ];
}
