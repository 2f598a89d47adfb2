import type * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';

/**
 * What the flags chunk asks of a folder's pipeline (wired in workbench.ts from vscode/run): whether
 * a run of the stage that ships flag changes checks out HEAD (`checkout: clean`, decided by the
 * commit's own file as for any run), and to run that stage in that folder.
 */
export interface FlagsStagePort {
  /** The commit a run of `stage` would check out clean; undefined when it runs the working tree (or cannot run). */
  cleanCommitFor(folder: vscode.WorkspaceFolder, stage: string): Promise<string | undefined>;
  runStage(folder: vscode.WorkspaceFolder, stage: string): Promise<RunRecord | undefined>;
}
