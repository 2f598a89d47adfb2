import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { PipelineTerminals } from './pipelineTerminals';

/**
 * `gearshift.showTerminal`. With a run id (*Open Log* on a deploy notification, *Show Log* on a
 * deploy command's outcome): that run's output where it is. The terminal holds only the runs
 * this window printed; a run of the CLI, a git hook or another window opens its saved log, as
 * the red status item does (`gearshift.showFailedStageLog`).
 */
export function registerShowTerminal(pipelines: WorkspacePipelines, terminals: PipelineTerminals): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showTerminal', async (arg?: unknown, runId?: unknown) => {
    const fp = pipelines.fromArg(arg) ?? await pipelines.pick();
    const folder = fp?.folder ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) { return undefined; }
    if (typeof runId === 'string' && runId !== '' && !terminals.showed(folder, runId)) {
      return vscode.commands.executeCommand<vscode.TextDocument | undefined>('gearshift.showFailedStageLog', runId);
    }
    terminals.show(folder, false);
    return undefined;
  });
}
