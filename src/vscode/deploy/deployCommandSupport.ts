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
import { notificationText } from '../../core/format';
import { isNoEnvironmentStage, stagesLine } from '../../core/config';
import type { RunRecord } from '../../core/pipeline';
import { RED_ACTION_LABELS, readRedNow, slotChangeRedGreenText, type RedNow } from '../../core/redgreen';
import { redNotice, type RedNotice } from '../redgreen/redAdvice';
import { redRunOfNotice } from '../redgreen/staleNotice';
import { noPipeline } from '../pipeline/noPipeline';

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
  /** A production deploy's own outcome (core/deploy): after an alert with autoRollback, whether it switched back. */
  deploy?: { rollback?: { kind: string } };
}

/**
 * How to word a refusal for want of a secret: `slotChange` for a switch or rollback (a
 * rollback without blue/green, `via: 'redeploy'`, is a run and worded as one); `folder` is
 * whose secret the *Set Secret…* button sets (no folder question in a multi-root workspace).
 */
export interface ReportContext {
  slotChange?: 'roll back' | 'switch'; folder?: vscode.WorkspaceFolder;
  /** The pipeline whose red a failure or a production alert makes: the notification gives the red's advice (redgreen/redAdvice.ts). */
  pipeline?: FolderPipeline;
  /** After the message of a success: what it did to red/green (a switch or rollback that ended the red says so here, in its one toast). */
  redGreen?: string;
}

const SHOW_LOG = RED_ACTION_LABELS.showLog;
const OPEN_CONFIG = RED_ACTION_LABELS.openConfig;

/**
 * One message per outcome: errors for failures and alerts, information otherwise. A failed
 * deploy, promotion, rollback or switch, or a production deploy whose monitoring alerted, is the
 * one notification its red gets (the went-red and production-alert ones are not shown for a
 * deploy command's run, escalationNotifier.ts and deployNotifier.ts): what failed, the slot still
 * live, and the red's advice and buttons (Roll Back first while an alerted release is live).
 */
export function report(what: string, o: Outcome, kind: ReportContext = {}): void {
  if (o.missingSecrets?.length) { offerSetSecret(what, o.missingSecrets, o, kind); return; }
  const fp = kind.pipeline;
  if (!fp || (o.result !== 'failed' && o.result !== 'alert')) { show(what, o, kind); return; }
  // Monitoring alerted and no rollback switched back: the bad release is still live.
  const releaseStillLive = o.result === 'alert' && o.deploy?.rollback?.kind !== 'switched';
  const run = o.record as RunRecord | undefined;
  // Its buttons act on the red this failure left open, not on a later state: the toast stays on screen after green (review40 H3).
  void redRunOfNotice(fp).then((redRunId) => redNotice(fp, { ...(run && Array.isArray(run.stages) ? { run } : {}), releaseStillLive, ...(redRunId !== undefined ? { redRunId } : {}) },
    () => showLog(kind, o))).then((red) => showRed(what, o, red));
}

function show(what: string, o: Outcome, kind: ReportContext): void {
  const redGreen = o.result === 'ok' && kind.redGreen !== undefined ? ` ${kind.redGreen}` : '';
  const text = notificationText(`Gearshift: ${what}: ${redGreen ? `${o.message.replace(/\.$/, '')}.` : o.message}${redGreen}`);
  if (o.result === 'ok') { void vscode.window.showInformationMessage(text); return; }
  const configFile = kind.pipeline?.engine.configFile;
  // No stage to deploy: the next step is adding one, and nothing ran whose log to show (firsthour34 F6).
  if (o.result === 'refused' && configFile !== undefined && isNoEnvironmentStage(o.message)) {
    void vscode.window.showWarningMessage(text, OPEN_CONFIG).then((c) => c === OPEN_CONFIG ? openAtStages(configFile) : undefined);
    return;
  }
  if (o.result === 'refused' && kind.pipeline && /in progress/.test(o.message) && refusedForGate(what, kind.pipeline)) { return; }
  // Show Log only for an outcome with a run of its own: otherwise it opened an earlier, unrelated run.
  const buttons = (o.history?.id ?? o.record?.id) !== undefined ? [SHOW_LOG] : [];
  const shown = o.result === 'refused' || o.result === 'cancelled' ? vscode.window.showWarningMessage(text, ...buttons)
    : vscode.window.showErrorMessage(text, ...buttons);
  void shown.then((c) => c === SHOW_LOG ? showLog(kind, o) : undefined);
}

const ANSWER = 'Answer Approval…';
const STOP = 'Stop Pipeline';

/**
 * Refused because this window's run waits at a manual gate: "in progress" hid that it waits for you, and for how to
 * get on (review39 L7). Says which gate, with the way to answer it and the way to stop the run; false when no gate waits.
 */
function refusedForGate(what: string, fp: FolderPipeline): boolean {
  const gate = fp.engine.current?.record.stages.find((s) => s.state === 'waiting-approval')?.name;
  if (gate === undefined) { return false; }
  const text = notificationText(`Gearshift: ${what}: a pipeline run is in progress: it waits for your approval of "${gate}". Answer it, or stop the run, then deploy.`);
  void vscode.window.showWarningMessage(text, ANSWER, STOP).then((c) => c === ANSWER ? vscode.commands.executeCommand('gearshift.answerApproval', { fp: { folder: fp.folder }, stage: { name: gate } })
    : c === STOP ? vscode.commands.executeCommand('gearshift.stopPipeline') : undefined);
  return true;
}

/** .gearshift.yml with the cursor on its `stages:` line, where a new stage goes. */
async function openAtStages(configFile: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(configFile));
  const at = new vscode.Position(stagesLine(doc.getText()), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
}

function showRed(what: string, o: Outcome, red: RedNotice): void {
  void vscode.window.showErrorMessage(notificationText(`Gearshift: ${what}: ${o.message.replace(/\.$/, '')}. ${red.text}`), ...red.buttons)
    .then((c) => red.act(c));
}

/** That run's output: this window's terminal when it printed it, else the saved log (showTerminal.ts). */
function showLog(kind: ReportContext, o: Outcome): Thenable<unknown> {
  return vscode.commands.executeCommand('gearshift.showTerminal', kind.folder, o.history?.id ?? o.record?.id);
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
  if (!fp) { void noPipeline(pipelines); }
  return fp;
}

/** The open red, read off history (a CLI's run too); undefined when green, or history cannot be read. */
export function redNowOf(fp: FolderPipeline): Promise<RedNow | undefined> {
  return readRedNow(() => fp.engine.history());
}

/**
 * A switch or rollback with the red read before and after it: what it did to red/green for its
 * one toast (core/redgreen slotChangeRedGreenText); escalationNotifier leaves its "back to green" to it.
 */
export async function withRedGreen<T extends Outcome>(fp: FolderPipeline, kind: 'rollback' | 'switch', change: () => Promise<T>): Promise<{ outcome: T; redGreen?: string }> {
  const before = await redNowOf(fp);
  const outcome = await change();
  const redGreen = outcome.result === 'ok' ? slotChangeRedGreenText(kind, before, await redNowOf(fp), Date.now()) : undefined;
  return { outcome, ...(redGreen !== undefined ? { redGreen } : {}) };
}
