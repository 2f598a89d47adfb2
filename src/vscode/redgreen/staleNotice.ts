import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { noticeRedRunId, redNoticeOver, type NoticeAction } from '../../core/redgreen';
import type { FolderPipeline } from '../pipeline/workspacePipelines';

/** As long as a run that ended may take to write its record (core/engine startOrAsk's wait). */
const SETTLE_MS = 5_000;

/** A red notice's button argument: its folder (as WorkspacePipelines.fromArg reads it) and the run that started the red it is about. */
export interface FromRedNotice {
  folderUri: string;
  redRunId: string;
}

export function fromRedNotice(folder: vscode.WorkspaceFolder, redRunId: string): FromRedNotice {
  return { folderUri: folder.uri.toString(), redRunId };
}

/**
 * A button of a red notice that is still on screen after its red ended (VS Code cannot close it):
 * says so and returns true, so the command does not act on a later state (review40 H3). A command
 * run from the palette or the status bar has no red run in its argument and acts as always.
 */
export async function saidNoticeIsOver(fp: FolderPipeline, arg: unknown, action: NoticeAction): Promise<boolean> {
  const redRunId = (arg as Partial<FromRedNotice> | undefined)?.redRunId;
  if (typeof redRunId !== 'string') { return false; }
  // A run that just ended is in history once it settles; one still running is not waited for (readdiff40 R2: the click hung until it ended).
  if (fp.engine.ending) { await fp.engine.settle(SETTLE_MS).catch(() => false); }
  const store = await fp.engine.history().catch(() => undefined);
  const over = store && await redNoticeOver((limit) => store.readNewest(limit), redRunId, action);
  if (!over) { return false; }
  void vscode.window.showInformationMessage(notificationText(`Gearshift: ${over}.`));
  return true;
}

/**
 * The red a red notice shown now is about, for its buttons (fromRedNotice): the run that started the red period history
 * holds once the run that just ended is in it (5 s at most; a run still in progress is not waited for). `running` is a
 * run in progress whose failure the notice tells (core/redgreen noticeRedRunId). Undefined: the buttons act as always.
 */
export async function redRunOfNotice(fp: FolderPipeline, running?: string): Promise<string | undefined> {
  if (!fp.engine.current || fp.engine.ending) { await fp.engine.settle(SETTLE_MS).catch(() => false); }
  const store = await fp.engine.history().catch(() => undefined);
  return store && noticeRedRunId((limit) => store.readNewest(limit), running);
}
