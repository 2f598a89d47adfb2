import * as vscode from 'vscode';

/**
 * VS Code's own activation figures for an extension, as the extension host measured them
 * (ExtensionActivationTimes, vs/workbench/api/common/extHostExtensionService.ts, Date.now() in ms):
 * - codeLoadingTime: localized messages, then `require` of the main module;
 * - activateCallTime: the synchronous `activate(context)` call;
 * - activateResolvedTime: until the promise `activate` returned resolves.
 * "Developer: Show Running Extensions" shows codeLoadingTime + activateCallTime. None of the three
 * counts the wait for the extension's context (storage, secrets), which VS Code loads in
 * parallel with the module before it calls `activate`.
 */
export interface VscodeActivationTimes { codeLoadingTime: number; activateCallTime: number; activateResolvedTime: number; event: string }

/** The host's own performance marks around one extension, in ms from willLoadExtensionCode. */
export interface ActivationMarks { codeLoaded: number; activateCalled: number; activated: number }

const STATS_HEADING = '## Extension Activation Stats';

/**
 * Reads the figures from the workbench's "Developer: Startup Performance" document (the perf:
 * editor, filled from the same data as Running Extensions once start-up is over), then closes it.
 */
export async function vscodeActivationTimes(ids: readonly string[], timeoutMs = 60_000): Promise<Map<string, VscodeActivationTimes>> {
  await vscode.commands.executeCommand('perfview.show');
  try {
    return await waitForRows(ids, timeoutMs);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
}

function waitForRows(ids: readonly string[], timeoutMs: number): Promise<Map<string, VscodeActivationTimes>> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf');
      const rows = doc ? activationRows(doc.getText()) : new Map<string, VscodeActivationTimes>();
      if (!ids.every((id) => rows.has(id.toLowerCase()))) { return false; }
      done();
      resolve(rows);
      return true;
    };
    const subscriptions = [vscode.workspace.onDidOpenTextDocument(check), vscode.workspace.onDidChangeTextDocument(check)];
    const timer = setTimeout(() => { done(); reject(new Error(`no activation figures for ${ids.join(', ')} in the Startup Performance document within ${timeoutMs} ms`)); }, timeoutMs);
    function done(): void { clearTimeout(timer); for (const s of subscriptions) { s.dispose(); } }
    check();
  });
}

/** The "Extension Activation Stats" table: | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |. */
export function activationRows(text: string): Map<string, VscodeActivationTimes> {
  const rows = new Map<string, VscodeActivationTimes>();
  const start = text.indexOf(STATS_HEADING);
  if (start < 0) { return rows; }
  for (const line of text.slice(start + STATS_HEADING.length).split('\n').slice(1)) {
    if (!line.startsWith('|')) { if (rows.size > 0 || line.trim() !== '') { break; } continue; }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [id, , load, call, resolved, event] = cells;
    if (cells.length < 6 || !/^-?\d+$/.test(load)) { continue; } // header and separator rows
    rows.set(id.toLowerCase(), { codeLoadingTime: Number(load), activateCallTime: Number(call), activateResolvedTime: Number(resolved), event });
  }
  return rows;
}

/** From the extension host's performance marks (globalThis.MonacoPerformanceMarks), when present. */
export function activationMarks(id: string): ActivationMarks | undefined {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  const at = new Map((perf?.getMarks() ?? []).map((m) => [m.name.toLowerCase(), m.startTime]));
  const mark = (what: string): number | undefined => at.get(`code/exthost/${what}/${id.toLowerCase()}`);
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map((w) => mark(w.toLowerCase()));
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) { return undefined; }
  return { codeLoaded: didLoad - willLoad, activateCalled: willActivate - willLoad, activated: didActivate - willLoad };
}
