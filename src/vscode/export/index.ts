/** The CI export feature for extension.ts: two commands, the diff preview documents, the drift warning and its quick fix. */
import * as vscode from 'vscode';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import { ExportDriftDiagnostics } from './exportDrift';
import { registerExportGithub } from './exportGithub';
import { registerExportGitlab } from './exportGitlab';
import { EXPORT_PREVIEW_SCHEME, ExportPreviewDocuments } from './exportPreview';
import { registerExportQuickFix } from './exportQuickFix';

export function registerExport(parts: { readonly configFiles: ConfigFileWatcher }): vscode.Disposable[] {
  const drift = new ExportDriftDiagnostics(parts.configFiles);
  const previews = new ExportPreviewDocuments();
  const deps = { previews, onWritten: () => drift.schedule() };
  // Not awaited: activation must not wait for git.
  drift.schedule();
  return [
    drift,
    vscode.workspace.registerTextDocumentContentProvider(EXPORT_PREVIEW_SCHEME, previews),
    registerExportGithub(deps),
    registerExportGitlab(deps),
    registerExportQuickFix(),
  ];
}
