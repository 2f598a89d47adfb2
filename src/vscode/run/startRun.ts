import * as vscode from 'vscode';
import type { ConfirmedFields, RunRequest, WhenBusy } from '../../core/engine';
import type { RunRecord } from '../../core/pipeline';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { RED_WAY_OUT, startOrAsk } from '../../core/engine';
import { ensureTrusted } from '../trust';
import { confirmRunStart, confirmedRequest, whenBusy } from './runQuestions';
import { missingSecretsMessage } from '../../core/secrets';
import { notificationText } from '../../core/format';

/** A run stopped before any stage for want of a secret: say which, with a button to set it (also for a task's run). */
export function offerSetSecret(folder: vscode.WorkspaceFolder, missing: readonly string[]): void {
  const set = 'Set Secret…';
  void vscode.window.showErrorMessage(notificationText(`Gearshift: ${missingSecretsMessage(missing, 'editor')}`), set)
    .then((c) => { if (c === set) { void vscode.commands.executeCommand('gearshift.setSecret', { name: missing[0], folder }); } });
}

/**
 * Every command that starts a run comes through here: trust first, then the busy policy, then
 * the red refusal or the production question (a selection that reaches production; runQuestions.ts),
 * then the engine. Resolves with the finished run (undefined if nothing ran), so tests can await it.
 * `confirmed`: the production question was answered already (a keybinding, a test).
 */
export async function startRun(fp: FolderPipeline, request: RunRequest, options: { confirmed?: boolean } = {}): Promise<RunRecord | undefined> {
  if (!ensureTrusted('run the pipeline')) { return undefined; }
  let red: string | undefined;
  const beforeStart = async (busy: WhenBusy): Promise<boolean | ConfirmedFields> => {
    const answer = await confirmRunStart(fp, request, busy, options);
    if (!answer.go) { red = answer.red; return false; }
    return confirmedRequest(request, answer);
  };
  const outcome = await startOrAsk(fp.engine, request, () => whenBusy(fp), beforeStart);
  if (red !== undefined) { return offerOverrideRed(fp, request, red); }
  switch (outcome?.kind) {
    case undefined:
      return undefined;
    case 'started':
      return outcome.done;
    case 'invalid': {
      const show = 'Show Problems';
      const n = outcome.result.errors.length;
      void vscode.window.showErrorMessage(notificationText(`Gearshift: .gearshift.yml has ${n} problem${n === 1 ? '' : 's'}; nothing ran. ${outcome.result.errors[0].message}`), show)
        .then((c) => { if (c === show) { void vscode.commands.executeCommand('workbench.actions.view.problems'); } });
      return undefined;
    }
    case 'queued':
      void vscode.window.showInformationMessage('Gearshift: run queued; it starts when the current run ends.');
      return undefined;
    case 'refused':
      if (outcome.missingSecrets) { offerSetSecret(fp.folder, outcome.missingSecrets); return undefined; }
      if (outcome.red !== undefined) { return offerOverrideRed(fp, request, outcome.red); }
      void vscode.window.showInformationMessage(notificationText(`Gearshift: ${outcome.reason}.`));
      return undefined;
  }
}

/**
 * A stage run that would reach production without the stages before it, refused while the
 * pipeline is red: said as Deploy to Production says it, naming the way out (a full run: Run
 * Pipeline) and the editor's override (the CLI's is --override-red), which asks the production
 * question next. Not awaited, as the other offers: the command ends with the refusal.
 */
function offerOverrideRed(fp: FolderPipeline, request: RunRequest, red: string): undefined {
  const full = 'Run Pipeline';
  const anyway = 'Deploy Anyway (Override)';
  void vscode.window.showWarningMessage(notificationText(`Gearshift: not deploying: ${red}; ${RED_WAY_OUT}.`), full, anyway)
    .then((c) => c === anyway ? startRun(fp, { ...request, overrideRed: true })
      : c === full ? vscode.commands.executeCommand('gearshift.runPipeline', fp.folder) : undefined);
  return undefined;
}
