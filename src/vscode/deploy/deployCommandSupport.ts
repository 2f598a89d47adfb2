/**
 * What the deploy commands share. Stages render in the pipeline terminal like any run (the
 * engine's events); the result is one notification. Production changes ask first (a modal
 * naming the commit, what ships and where), unless `gearshift.confirmProductionDeploy` is off;
 * a red pipeline refuses production deploys unless the user explicitly overrides (recorded).
 */
import * as vscode from 'vscode';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { ensureTrusted } from '../trust';
import { missingSecretsMessage, type RollbackContext } from '../../core/secrets';

export type DeployCore = typeof import('../../core/release/index');

/** The deploy core loads on first use, in its own chunk: activation never pays for it. */
export function core(): Promise<DeployCore> {
  return import(/* webpackChunkName: "deploy" */ '../../core/release/index');
}

/** Who approved, as recorded in history (the same rule as the CLI: core/git/approver.ts). */
export async function approver(fp: FolderPipeline): Promise<string> {
  const { approverName } = await import(/* webpackChunkName: "deploy" */ '../../core/git/approver');
  return approverName(fp.folder.uri.fsPath);
}

export interface Outcome { result: string; message: string; missingSecrets?: readonly string[]; live?: string }

/** One message per outcome: errors for failures and alerts, information otherwise. */
export function report(what: string, o: Outcome, kind: { rollback?: boolean } = {}): void {
  if (o.missingSecrets?.length) { offerSetSecret(what, o.missingSecrets, kind.rollback === true ? { ...(o.live !== undefined ? { live: o.live } : {}) } : undefined); return; }
  const text = `Gearshift: ${what}: ${o.message}`;
  const show = 'Show Log';
  const shown = o.result === 'ok' ? vscode.window.showInformationMessage(text)
    : o.result === 'refused' || o.result === 'cancelled' ? vscode.window.showWarningMessage(text, show)
      : vscode.window.showErrorMessage(text, show);
  void shown.then((c) => c === show ? vscode.commands.executeCommand('gearshift.showTerminal') : undefined);
}

/** Refused before any stage for want of a secret: name it, with the button that sets it (as a run does). */
function offerSetSecret(what: string, missing: readonly string[], rollback?: RollbackContext): void {
  const set = 'Set Secret…';
  void vscode.window.showErrorMessage(`Gearshift: ${what}: ${missingSecretsMessage(missing, 'editor', rollback)}`, set)
    .then((c) => c === set ? vscode.commands.executeCommand('gearshift.setSecret', { name: missing[0] }) : undefined);
}

/** A release's outcome: an inconclusive one is not reported, the Keep / Roll Back question (releaseDecisions.ts) says it. */
export function reportRelease(what: string, o: Outcome): void {
  if (o.result !== 'inconclusive') { report(what, o); }
}

export async function folderFor(pipelines: WorkspacePipelines, action: string): Promise<FolderPipeline | undefined> {
  if (!ensureTrusted(action)) { return undefined; }
  const fp = await pipelines.pick(`Which folder's pipeline should ${action}?`);
  if (!fp) { void vscode.window.showInformationMessage('Gearshift: no .gearshift.yml in this workspace.'); }
  return fp;
}
