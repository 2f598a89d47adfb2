import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** A nonce from the OS's CSPRNG: the only scripts the page may run carry it. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The shell of every Gearshift webview: a strict CSP (no inline script or style, resources only
 * from media/), one stylesheet and the page's scripts, all from media/. The scripts run in the
 * order given and all carry the page's one nonce: the CSP names no other source. `body` must be
 * static markup: everything dynamic arrives later as messages and is set with textContent.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { scripts: readonly string[]; style: string; title: string; body: string }): string {
  const nonce = newNonce();
  const media = (f: string): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', f));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media(opts.style)}">
<title>${opts.title}</title>
</head>
<body>
${opts.body}
${opts.scripts.map((script) => `<script nonce="${nonce}" src="${media(script)}"></script>`).join('\n')}
</body>
</html>`;
}
