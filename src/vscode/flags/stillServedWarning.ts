/**
 * After Toggle turned a flag off: off for a request with no context, while its targeting can
 * still serve on to some requests (a dogfooding flag, on for internal users). `gearshift flags set
 * KEY off` says so on a `!` line; here a warning in the same words (core/flags stillServed.ts),
 * whose button turns it off for everyone in that environment (the kill switch's change: disabled,
 * so flagd serves the code default to all). `{ offForEveryone: true }` as the command's argument
 * presses the button (a notification cannot be clicked from a test or a keybinding).
 */
import * as vscode from 'vscode';
import { alreadyText, killSwitch, stillServedAfterOff, type ChangeOutcome } from '../../core/flags';
import { notificationText } from '../../core/format';
import type { FlagSummary, FlagsModel } from './flagsModel';
import { applyChange } from './flagPicks';

const OFF_FOR_EVERYONE = 'Turn Off for Everyone';

/** Resolves once the warning is shown (or its pressed button's change made): the variant still served, or undefined. */
export async function warnIfStillServed(model: FlagsModel, summary: FlagSummary, environment: string, arg: unknown): Promise<string | undefined> {
  const still = await stillServedAfterOff(summary.folder.ctx, summary.key, environment);
  if (still === undefined) { return undefined; }
  const turnOff = (): Promise<ChangeOutcome | undefined> => applyChange(model, summary.folder, 'turn a feature off for everyone',
    (who) => killSwitch(summary.folder.ctx, summary.key, { env: environment, who }), { offerUndo: true, already: alreadyText(summary.key, 'off', environment) });
  const text = notificationText(`Gearshift: ${still.text}. "${OFF_FOR_EVERYONE}" disables it in ${environment}: flagd then serves the code default to every request.`);
  if ((arg as { offForEveryone?: unknown } | undefined)?.offForEveryone === true) { await turnOff(); return still.variant; }
  // Not awaited: the command resolves while the warning waits for its reader.
  void vscode.window.showWarningMessage(text, OFF_FOR_EVERYONE).then((choice) => { if (choice === OFF_FOR_EVERYONE) { void turnOff(); } });
  return still.variant;
}
