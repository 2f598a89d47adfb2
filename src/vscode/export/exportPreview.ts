/** The export's text as a read-only virtual document, for the diff preview before a file is replaced. */
import * as vscode from 'vscode';

export const EXPORT_PREVIEW_SCHEME = 'gearshift-export';

export class ExportPreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  /** A URI showing `text`, named after the file it would become. */
  show(target: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: EXPORT_PREVIEW_SCHEME, path: target.path });
    this.texts.set(uri.path, text);
    return uri;
  }
}
