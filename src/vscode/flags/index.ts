/**
 * Feature Toggles, wired from extension.ts in one line. Everything is in the `flags` chunk,
 * imported right after activation (not awaited), so activation does not load flagd-core. Its
 * commands exist from the start (../lazyCommands.ts): one run before the chunk is in waits for it.
 */
import * as vscode from 'vscode';
import { FLAG_COMMANDS } from './commandIds';
import { lazyCommands } from '../lazyCommands';
import type { FlagsStagePort } from './stagePort';

export function registerFlags(log: (message: string) => void, stages: FlagsStagePort): vscode.Disposable[] {
  let parts: vscode.Disposable[] = [];
  let disposed = false;
  const load = import(/* webpackChunkName: "flags" */ './feature');
  const { ready, stubs } = lazyCommands(vscode.commands, FLAG_COMMANDS, load, ({ startFlags }) => {
    if (disposed) { return; }
    parts = startFlags(log, stages);
  });
  ready.catch((e: Error) => log(`could not start feature toggles: ${e.message}`));
  return [stubs, { dispose: () => { disposed = true; for (const d of parts.splice(0)) { d.dispose(); } } }];
}
