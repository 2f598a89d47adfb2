import * as vscode from 'vscode';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { StagesTreeProvider } from './stagesTree';

/** Above the stages in Restricted Mode: the manifest promises "shows the pipeline but runs nothing". */
export const UNTRUSTED_STAGES_MESSAGE = 'Restricted Mode: the stages of .gearshift.yml are shown; nothing runs until you trust this workspace.';

/**
 * The Pipeline view. In an untrusted workspace that has a pipeline its message says nothing
 * runs; with no pipeline it has none, so the "Create Pipeline" welcome shows (a view's message
 * hides its welcome content).
 */
export function createStagesView(provider: StagesTreeProvider, pipelines: WorkspacePipelines, configFiles: ConfigFileWatcher): vscode.Disposable {
  const view = vscode.window.createTreeView(StagesTreeProvider.viewId, { treeDataProvider: provider, showCollapseAll: false });
  const say = (): void => {
    view.message = !vscode.workspace.isTrusted && pipelines.foldersWithPipeline().length > 0 ? UNTRUSTED_STAGES_MESSAGE : undefined;
  };
  say();
  // What the stage rows cannot say about the last run (cancelled after its stages passed) reads beside the title.
  const describe = (): void => { view.description = provider.header; };
  describe();
  return vscode.Disposable.from(
    provider.onDidChangeHeader(describe),
    vscode.workspace.onDidGrantWorkspaceTrust(say),
    configFiles.onDidCreateOrDelete(say),
    pipelines.onDidChangeFolders(say),
    view,
  );
}
