import type * as vscode from 'vscode';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { openOnFirstInstall, registerOpenWalkthrough } from './openWalkthrough';
import { WalkthroughKeys } from './walkthroughKeys';

export interface WalkthroughParts {
  readonly pipelines: WorkspacePipelines;
  readonly configFiles: ConfigFileWatcher;
  /** Fires when history changed (a run here or from the CLI, a deploy): the gauge source's. */
  readonly gaugeSource: { readonly onDidChange: vscode.Event<void> };
  readonly log: vscode.LogOutputChannel;
}

/**
 * The walkthrough "Shift up through the five gears" (contributes.walkthroughs): its context
 * keys, the command that reopens it, and its opening on first install. Nothing is awaited here:
 * keys are computed and the walkthrough opened after activation.
 */
export function registerWalkthrough(context: vscode.ExtensionContext, parts: WalkthroughParts): vscode.Disposable[] {
  const keys = new WalkthroughKeys(parts.pipelines, parts.configFiles, parts.gaugeSource.onDidChange, (problem) => parts.log.error(problem));
  const fail = (what: string) => (e: unknown): void => parts.log.error(`walkthrough: could not ${what}: ${e instanceof Error ? e.message : String(e)}`);
  const command = registerOpenWalkthrough(() => keys.republish());
  keys.update().catch(fail('read its progress'));
  openOnFirstInstall(context, parts.log).catch(fail('open it'));
  return [keys, command];
}
