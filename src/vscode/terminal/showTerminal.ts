import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { PipelineTerminals } from './pipelineTerminals';

/**
 * `gearshift.showTerminal`. With a run id (*Open Log* on a deploy notification, *Show Log* on a
 * deploy command's outcome): that run's output where it is. The terminal holds only the runs
 * this window printed; a run of the CLI, a git hook or another window opens its saved log, as
 * the red status item does (`gearshift.showFailedStageLog`). The status tooltip's *Open log*
 * passes a run id and no folder.
 */
export function registerShowTerminal(pipelines: WorkspacePipelines, terminals: PipelineTerminals): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showTerminal', async (arg?: unknown, runId?: unknown) => {
    if (typeof runId === 'string' && runId !== '') { return showRun(pipelines, terminals, pipelines.fromArg(arg)?.folder, runId); }
    const fp = pipelines.fromArg(arg) ?? await pipelines.pick();
    const folder = fp?.folder ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) { return undefined; }
    terminals.show(folder, false);
    return undefined;
  });
}

/** Run `runId` where it is: the terminal that printed it (of `folder`, or whichever did: a link carries no folder), else its saved log. */
async function showRun(pipelines: WorkspacePipelines, terminals: PipelineTerminals, folder: vscode.WorkspaceFolder | undefined, runId: string): Promise<vscode.TextDocument | undefined> {
  const printed = (folder ? [folder] : pipelines.all().map((fp) => fp.folder)).find((f) => terminals.showed(f, runId));
  if (!printed) { return vscode.commands.executeCommand<vscode.TextDocument | undefined>('gearshift.showFailedStageLog', runId); }
  terminals.show(printed, false);
  return undefined;
}
