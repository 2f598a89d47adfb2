import * as vscode from 'vscode';
import { firstStartDecision, isWalkthroughStepId, WALKTHROUGH_ID, type WalkthroughStepId } from '../../core/walkthrough';

/** Opens "Shift up through the five gears", at `step` when given (VS Code selects `category#step`). */
function openWalkthrough(step?: WalkthroughStepId): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', step ? { category: WALKTHROUGH_ID, step } : WALKTHROUGH_ID, false);
}

/**
 * `gearshift.openWalkthrough [step]`: the palette's and the gauge link's way to the walkthrough.
 * `afterOpen` re-announces the steps already done: VS Code can miss a key that was true before it
 * registered the walkthrough, but not one that changes while it is open.
 */
export function registerOpenWalkthrough(afterOpen: () => Promise<void>): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.openWalkthrough', async (step?: unknown) => {
    await openWalkthrough(isWalkthroughStepId(step) ? step : undefined);
    await afterOpen();
  });
}

const SHOWN_KEY = 'gearshift.walkthroughShown';

/**
 * Opens the walkthrough once per installation (a globalState flag), unless the user turned
 * VS Code's `workbench.welcomePage.walkthroughs.openOnInstall` off or an extension test host runs
 * us. That setting is machine-scoped: a remote window (code-server) reads it from the Machine
 * settings only, so the decision and where the setting came from go to the log, in one plain
 * line. Opening it is safe in an untrusted workspace: it shows text, and its buttons run commands
 * that check trust themselves.
 */
export async function openOnFirstInstall(context: vscode.ExtensionContext, log?: vscode.LogOutputChannel): Promise<boolean> {
  if (context.globalState.get<boolean>(SHOWN_KEY)) { return false; }
  await context.globalState.update(SHOWN_KEY, true);
  const setting = vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').inspect<boolean>('openOnInstall');
  const wanted = vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get<boolean>('openOnInstall', true);
  const decision = firstStartDecision(setting, wanted, context.extensionMode === vscode.ExtensionMode.Test);
  log?.info(decision.line);
  if (!decision.open) { return false; }
  await vscode.commands.executeCommand('gearshift.openWalkthrough');
  return true;
}
