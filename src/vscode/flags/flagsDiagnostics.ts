/** Flags file problems (malformed JSON, bad default variant, …) in the Problems panel, at their line:col. */
import * as vscode from 'vscode';
import type { FlagsModel } from './flagsModel';

export class FlagsDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gearshift-flags');
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: FlagsModel) {
    this.subscription = model.onDidChange(() => this.update());
  }

  private update(): void {
    this.collection.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of this.model.all) {
      for (const e of f.listing.errors) {
        const start = new vscode.Position(e.line - 1, e.col - 1);
        const end = start.translate(0, Math.max(1, e.endOffset - e.offset));
        const d = new vscode.Diagnostic(new vscode.Range(start, end), e.message, vscode.DiagnosticSeverity.Error);
        d.source = 'gearshift flags';
        byFile.set(e.file, [...(byFile.get(e.file) ?? []), d]);
      }
    }
    for (const [file, list] of byFile) { this.collection.set(vscode.Uri.file(file), list); }
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
