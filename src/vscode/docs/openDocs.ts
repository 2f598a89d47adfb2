import * as vscode from 'vscode';
import { notificationText } from '../../core/format';

/** The pages shipped in dist/docs (webpack.config.js, PackageDocsPlugin): a bare file name, nothing that climbs out. */
const PAGE = /^[a-z][a-z-]*\.md$/;

/**
 * `gearshift.openDocs [page]`: opens a page of the docs installed with the extension (README.md
 * when none is given) in VS Code's Markdown preview, where its links and screenshots work. The
 * Details page of Extensions cannot do that: VS Code drops an installed extension's relative links
 * and images there, so its Reference section and Gearshift's messages send the user here.
 */
export function registerOpenDocs(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.openDocs', async (page?: unknown) => {
    const name = typeof page === 'string' && PAGE.test(page) ? page : 'README.md';
    const uri = vscode.Uri.joinPath(extensionUri, 'dist', 'docs', name);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      void vscode.window.showErrorMessage(notificationText(`Gearshift's documentation is not installed (${name} is missing): reinstall the extension, or in a clone run npm run build.`));
      return;
    }
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  });
}
