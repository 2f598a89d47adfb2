import * as vscode from 'vscode';
import type { WorkspacePipelines } from './workspacePipelines';
import type { WaitingGate } from './approval';
import { folderName } from './folderName';

/**
 * `gearshift.answerApproval`: the question of a gate that waits (its notification closed or never
 * seen), from the Pipeline view's waiting row (its node: `{ fp, stage }`) or the palette and the
 * status item (the only gate waiting, or the user's pick). Returns the answer given, if any.
 */
export function registerAnswerApproval(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.answerApproval', async (node?: unknown): Promise<string | undefined> => {
    const gate = await pickGate(pipelines.gates.all(), node);
    // Named in a stale notification's "already answered: approved from …" (rereview37 F3).
    const from = rowOf(node) ? 'the Pipeline view' : 'the status bar or the Command Palette';
    return gate ? pipelines.gates.reopen(gate, from) : undefined;
  });
}

async function pickGate(waiting: WaitingGate[], node: unknown): Promise<WaitingGate | undefined> {
  const named = rowOf(node);
  const candidates = named ? waiting.filter((g) => g.folder.uri.toString() === named.folder && g.stage.name === named.stage) : waiting;
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Gearshift: no stage is waiting for approval.');
    return undefined;
  }
  if (candidates.length === 1) { return candidates[0]; }
  const picked = await vscode.window.showQuickPick(
    candidates.map((gate) => ({ label: gate.stage.name, description: folderName(gate.folder), gate })),
    { placeHolder: 'Which stage\'s approval?' },
  );
  return picked?.gate;
}

/** A Pipeline view row's folder and stage name. */
function rowOf(node: unknown): { folder: string; stage: string } | undefined {
  if (!node || typeof node !== 'object') { return undefined; }
  const n = node as { fp?: { folder?: vscode.WorkspaceFolder }; stage?: { name?: unknown } };
  const folder = n.fp?.folder?.uri.toString();
  return folder !== undefined && typeof n.stage?.name === 'string' ? { folder, stage: n.stage.name } : undefined;
}
