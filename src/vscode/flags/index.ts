/**
 * Feature Toggles, wired from extension.ts in one line. Everything is in the `flags` chunk,
 * imported right after activation (not awaited), so activation does not load flagd-core.
 */
import type * as vscode from 'vscode';

export function registerFlags(log: (message: string) => void): vscode.Disposable[] {
  let parts: vscode.Disposable[] = [];
  let disposed = false;
  import(/* webpackChunkName: "flags" */ './feature').then(({ startFlags }) => {
    parts = startFlags(log);
    if (disposed) { for (const d of parts) { d.dispose(); } }
  }).catch((e: Error) => log(`could not start feature toggles: ${e.message}`));
  return [{ dispose: () => { disposed = true; for (const d of parts.splice(0)) { d.dispose(); } } }];
}
