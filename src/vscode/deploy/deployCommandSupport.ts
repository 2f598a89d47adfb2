/**
 * What the deploy commands share. Stages render in the pipeline terminal like any run (the
 * engine's events); the result is one notification. Production changes ask first (a modal
 * naming the commit, what ships and where), unless `gearshift.confirmProductionDeploy` is off;
 * a red pipeline refuses production deploys unless the user explicitly overrides (recorded).
 */
import * as vscode from 'vscode';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { ensureTrusted } from '../trust';
import { missingSecretsMessage, type SlotChangeContext } from '../../core/secrets';
import { notificationText, printable } from '../../core/format';
import type { RunRecord } from '../../core/pipeline';
import { failedStageOf, isStarterTodoStage } from '../../core/redgreen';

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

export interface Outcome {
  result: string; message: string; missingSecrets?: readonly string[]; live?: string; via?: 'switch' | 'redeploy';
  /** The run it made (a deploy), or its history record (a switch or rollback): whose output Show Log opens. */
  record?: { id?: string }; history?: { id: string };
}

/**
 * How to word a refusal for want of a secret: `slotChange` for a switch or rollback (a
 * rollback without blue/green, `via: 'redeploy'`, is a run and worded as one); `folder` is
 * whose secret the *Set Secret…* button sets (no folder question in a multi-root workspace).
 */
export interface ReportContext {
  slotChange?: 'roll back' | 'switch'; folder?: vscode.WorkspaceFolder;
  /** The run's pipeline, for a command whose run has stages: a failure on a starter TODO stage is worded as one. */
  pipeline?: FolderPipeline;
}

const SHOW_LOG = 'Show Log';
const RERUN = 'Re-run From Failed Stage';
const REVERT = 'Revert Last Commit…';
const OPEN_CONFIG = 'Open .gearshift.yml';

/**
 * One message per outcome: errors for failures and alerts, information otherwise. A failed
 * deploy is the one notification its red gets (the went-red one is not shown for a deploy
 * command's run, escalationNotifier.ts): what failed, the slot still live, and the red's buttons;
 * or, failed on a stage that still runs the starter's TODO command, to replace it (no fix or revert).
 */
export function report(what: string, o: Outcome, kind: ReportContext = {}): void {
  if (o.missingSecrets?.length) { offerSetSecret(what, o.missingSecrets, o, kind); return; }
  if (o.result !== 'failed' || !kind.pipeline || !o.record) { show(what, o, kind, undefined); return; }
  void starterTodoFailure(kind.pipeline, o.record as RunRecord).then((todo) => show(what, o, kind, todo));
}

/** The failed stage, when it still runs the starter's TODO command in the config as it is now. */
async function starterTodoFailure(fp: FolderPipeline, run: RunRecord): Promise<string | undefined> {
  const stage = Array.isArray(run.stages) ? failedStageOf(run) : undefined;
  const loaded = stage === undefined ? undefined : await fp.engine.validate().catch(() => undefined);
  return loaded?.ok && isStarterTodoStage(loaded.pipeline, stage) ? stage : undefined;
}

function show(what: string, o: Outcome, kind: ReportContext, todo: string | undefined): void {
  const failed = o.result === 'failed';
  const red = todo !== undefined ? `${printable(todo, { controls: 'space' })} still runs the starter's TODO command, which fails on purpose: replace it in .gearshift.yml with your real command.`
    : 'The pipeline is red: fix it or revert it before anything else.';
  const text = notificationText(`Gearshift: ${what}: ${failed ? `${o.message.replace(/\.$/, '')}. ${red}` : o.message}`);
  const buttons = !failed ? [SHOW_LOG] : todo !== undefined ? [OPEN_CONFIG, SHOW_LOG] : [SHOW_LOG, RERUN, REVERT];
  const shown = o.result === 'ok' ? vscode.window.showInformationMessage(text)
    : o.result === 'refused' || o.result === 'cancelled' ? vscode.window.showWarningMessage(text, SHOW_LOG)
      : vscode.window.showErrorMessage(text, ...buttons);
  // That run's output: this window's terminal when it printed it, else the saved log (showTerminal.ts).
  const runId = o.history?.id ?? o.record?.id;
  void shown.then((c) => {
    switch (c) {
      case SHOW_LOG: return vscode.commands.executeCommand('gearshift.showTerminal', kind.folder, runId);
      case RERUN: return vscode.commands.executeCommand('gearshift.rerunFromFailed', kind.folder);
      case REVERT: return vscode.commands.executeCommand('gearshift.revertLastCommit', kind.folder);
      case OPEN_CONFIG: return kind.pipeline ? vscode.window.showTextDocument(vscode.Uri.file(kind.pipeline.engine.configFile)) : undefined;
      default: return undefined;
    }
  });
}

/** Refused before anything ran for want of a secret: name it, with the button that sets it (as a run does). */
function offerSetSecret(what: string, missing: readonly string[], o: Outcome, kind: ReportContext): void {
  const set = 'Set Secret…';
  const slotChange: SlotChangeContext | undefined = kind.slotChange && o.via !== 'redeploy'
    ? { action: kind.slotChange, ...(o.live !== undefined ? { live: o.live } : {}) } : undefined;
  void vscode.window.showErrorMessage(notificationText(`Gearshift: ${what}: ${missingSecretsMessage(missing, 'editor', slotChange)}`), set)
    .then((c) => c === set ? vscode.commands.executeCommand('gearshift.setSecret', { name: missing[0], ...(kind.folder ? { folder: kind.folder } : {}) }) : undefined);
}

/** A release's outcome: an inconclusive one is not reported, the Keep / Roll Back question (releaseDecisions.ts) says it. */
export function reportRelease(what: string, o: Outcome, kind: ReportContext = {}): void {
  if (o.result !== 'inconclusive') { report(what, o, kind); }
}

/** `folder` (a link's or a button's argument) names the pipeline; else the user picks one in a multi-root workspace. */
export async function folderFor(pipelines: WorkspacePipelines, action: string, folder?: unknown): Promise<FolderPipeline | undefined> {
  if (!ensureTrusted(action)) { return undefined; }
  const fp = pipelines.fromArg(folder) ?? await pipelines.pick(`Which folder's pipeline should ${action}?`);
  if (!fp) { void vscode.window.showInformationMessage('Gearshift: no .gearshift.yml in this workspace.'); }
  return fp;
}
