import * as vscode from 'vscode';
import { WALKTHROUGH_ID, type WalkthroughStepId } from '../../core/walkthrough';

/** Opens "Shift up through the five gears", at `step` when given (VS Code selects `category#step`). */
export function openWalkthrough(step?: WalkthroughStepId): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', step ? { category: WALKTHROUGH_ID, step } : WALKTHROUGH_ID, false);
}

/** `gearshift.openWalkthrough`: the palette's way back to the walkthrough. */
export function registerOpenWalkthrough(): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.openWalkthrough', () => openWalkthrough());
}

const SHOWN_KEY = 'gearshift.walkthroughShown';

/**
 * Opens the walkthrough once per installation (a globalState flag), unless the user turned
 * VS Code's `workbench.welcomePage.walkthroughs.openOnInstall` off, or an extension test host
 * runs us (a walkthrough editor would sit in the tests' way). Opening it is safe in an
 * untrusted workspace: it shows text, and its buttons run commands that check trust themselves.
 */
export async function openOnFirstInstall(context: vscode.ExtensionContext): Promise<boolean> {
  if (context.globalState.get<boolean>(SHOWN_KEY)) { return false; }
  await context.globalState.update(SHOWN_KEY, true);
  const wanted = vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get<boolean>('openOnInstall', true);
  if (!wanted || context.extensionMode === vscode.ExtensionMode.Test) { return false; }
  await openWalkthrough();
  return true;
}
