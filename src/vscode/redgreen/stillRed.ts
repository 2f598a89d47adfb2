import type * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import type { RedPeriod } from '../../core/redgreen';

/**
 * The red period a folder's green run left open (a --stage run, Run Stage, a task): what the
 * pipeline terminal and a task's terminal say under the verdict. The status bar's red tracking
 * answers it (PipelineState.stillRedAfter); the terminals only ask, so neither imports the other.
 */
export type StillRedSource = (folder: vscode.WorkspaceFolder, run: RunRecord) => RedPeriod | undefined;
