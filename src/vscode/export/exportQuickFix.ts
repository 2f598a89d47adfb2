/**
 * The drift warning's quick fix (the light bulb on `.gearshift.yml`): *Export to GitHub Actions
 * Again* runs the same export command, for the folder the warning is in and the file that drifted,
 * so the diff and the overwrite question come as they always do. Nothing is written from here.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import type { ExportTarget } from '../../core/export';
import type { ExportArgs } from './exportFlow';
import { loadExport } from './loadExport';

export const DRIFT_SOURCE = 'gearshift export';
const COMMAND: Readonly<Record<ExportTarget, string>> = { github: 'gearshift.exportGithub', gitlab: 'gearshift.exportGitlab' };

class ExportAgainActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const drifted = context.diagnostics.filter((d) => d.source === DRIFT_SOURCE && isTarget(d.code));
    if (drifted.length === 0) { return []; }
    const { TARGET_TITLE } = await loadExport();
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    return drifted.map((d) => {
      const target = targetOf(d.code) as ExportTarget;
      const action = new vscode.CodeAction(`Export to ${TARGET_TITLE[target]} Again`, vscode.CodeActionKind.QuickFix);
      // The drifted file (an `--out` one too); its header decides --via-cli.
      const out = typeof d.code === 'object' ? d.code.target.fsPath : undefined;
      const args: ExportArgs = { folder, ...(out === undefined ? {} : { out }) };
      action.command = { command: COMMAND[target], title: action.title, arguments: [args] };
      action.diagnostics = [d];
      action.isPreferred = true;
      return action;
    });
  }
}

/** The engine: the diagnostic's code, or its value when the code also links the exported file. */
function targetOf(code: vscode.Diagnostic['code']): string | number | undefined {
  return typeof code === 'object' ? code.value : code;
}

function isTarget(code: vscode.Diagnostic['code']): boolean {
  const target = targetOf(code);
  return typeof target === 'string' && Object.hasOwn(COMMAND, target);
}

export function registerExportQuickFix(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: `**/${CONFIG_FILE_NAME}` }, new ExportAgainActions(),
    { providedCodeActionKinds: ExportAgainActions.kinds });
}
