import * as vscode from 'vscode';
import type { RunRequest, WhenBusy } from '../../core/engine';
import type { RunRecord } from '../../core/pipeline';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { startOrAsk } from '../../core/engine';
import { ensureTrusted } from '../trust';
import { settingsFor } from '../settings';
import { missingSecretsMessage } from '../../core/secrets';
import { notificationText } from '../../core/format';

/** Asks (or follows `gearshift.whenRunning`) what to do with a run requested while one runs. */
async function whenBusy(fp: FolderPipeline): Promise<WhenBusy | undefined> {
  const setting = settingsFor(fp.folder).whenRunning;
  if (setting === 'queue' || setting === 'cancel') { return setting; }
  if (setting === 'ignore') { return undefined; }
  const queue = 'Queue';
  const cancel = 'Cancel Running and Start';
  const choice = await vscode.window.showInformationMessage(
    notificationText(`A Gearshift pipeline run is in progress in ${fp.folder.name}.`),
    { modal: true, detail: 'Queue: start after the current run ends (only the latest queued run is kept).' },
    queue, cancel,
  );
  return choice === queue ? 'queue' : choice === cancel ? 'cancel' : undefined;
}

/** A run stopped before any stage for want of a secret: say which, with a button to set it (also for a task's run). */
export function offerSetSecret(folder: vscode.WorkspaceFolder, missing: readonly string[]): void {
  const set = 'Set Secret…';
  void vscode.window.showErrorMessage(notificationText(`Gearshift: ${missingSecretsMessage(missing, 'editor')}`), set)
    .then((c) => { if (c === set) { void vscode.commands.executeCommand('gearshift.setSecret', { name: missing[0], folder }); } });
}

/**
 * Every command that starts a run comes through here: trust first, then the busy policy, then
 * the engine. Resolves with the finished run (undefined if nothing ran), so tests can await it.
 */
export async function startRun(fp: FolderPipeline, request: RunRequest): Promise<RunRecord | undefined> {
  if (!ensureTrusted('run the pipeline')) { return undefined; }
  const outcome = await startOrAsk(fp.engine, request, () => whenBusy(fp));
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
 * pipeline is red: said as Deploy to Production says it, with the editor's override (the CLI's
 * is --override-red). Not awaited, as the other offers: the command ends with the refusal.
 */
function offerOverrideRed(fp: FolderPipeline, request: RunRequest, red: string): undefined {
  const anyway = 'Deploy Anyway (Override)';
  void vscode.window.showWarningMessage(notificationText(`Gearshift: not deploying: ${red}. Fix it first, or deploy anyway.`), anyway)
    .then((c) => c === anyway ? startRun(fp, { ...request, overrideRed: true }) : undefined);
  return undefined;
}
