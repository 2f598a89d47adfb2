import * as path from 'path';
import * as vscode from 'vscode';
import { type ServeInProductionFacts } from '../../core/flags';
import { settingsFor } from '../settings';
import { folderName } from '../pipeline/folderName';
import type { FolderFlags } from './flagsModel';

import { serveQuestionShown } from './flagsText';

/** What a change serves in production and to whom (core/flags servedFacts), the environment of the file it writes. */
export type ServedInProduction = Omit<ServeInProductionFacts, 'file' | 'folder' | 'deployStage' | 'cleanCheckout'>;

/**
 * Serving something new in production is a release: asked like a production deploy (same
 * setting, `gearshift.confirmProductionDeploy`), by Toggle, Set Default Variant and Undo alike,
 * in the CLI's words (core/flags serveQuestion.ts). Turning a flag off is not asked: it is the
 * way back, and must stay one click (Kill Switch). `{ confirmed: true }` as the command's
 * argument skips it (keybindings, tests).
 */
export async function confirmServeInProduction(folder: FolderFlags, change: ServedInProduction, arg: unknown): Promise<boolean> {
  if ((arg as { confirmed?: unknown } | undefined)?.confirmed === true || !settingsFor(folder.folder).confirmProductionDeploy) { return true; }
  const { message, detail } = serveQuestionShown({ ...change, ...where(folder, change.environment) });
  const serve = 'Serve in Production';
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, serve);
  return choice === serve;
}

/** The file as the folder names it; the folder, with several open; how that pipeline ships flag changes. */
function where(folder: FolderFlags, environment: string): { file: string; folder?: string; deployStage?: string; cleanCheckout?: boolean } {
  const file = folder.listing.files.find((f) => f.ref.environment === environment)?.ref.path;
  const deployStage = folder.ctx.config?.deployStage;
  return {
    file: file === undefined ? environment : path.relative(folder.folder.uri.fsPath, file),
    ...((vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? { folder: folderName(folder.folder) } : {}),
    ...(deployStage !== undefined ? { deployStage, cleanCheckout: folder.cleanCheckout } : {}),
  };
}
