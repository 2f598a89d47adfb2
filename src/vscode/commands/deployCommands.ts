import * as vscode from 'vscode';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { ensureTrusted } from '../trust';
import { confirmProduction, confirmRedOverride, confirmSlotChange } from './deployConfirm';
import { shortSha } from '../../core/format';

type DeployCore = typeof import('../../core/release/index');

/** The deploy core loads on first use, in its own chunk: activation never pays for it. */
function core(): Promise<DeployCore> {
  return import(/* webpackChunkName: "deploy" */ '../../core/release/index');
}

/** Who approved, as recorded in history (the same rule as the CLI: core/git/approver.ts). */
async function approver(fp: FolderPipeline): Promise<string> {
  const { approverName } = await import(/* webpackChunkName: "deploy" */ '../../core/git/approver');
  return approverName(fp.folder.uri.fsPath);
}

interface Outcome { result: string; message: string }

/** One message per outcome: errors for failures and alerts, information otherwise. */
function report(what: string, o: Outcome): void {
  const text = `Gearshift: ${what}: ${o.message}`;
  const show = 'Show Log';
  const shown = o.result === 'ok' ? vscode.window.showInformationMessage(text)
    : o.result === 'refused' || o.result === 'cancelled' ? vscode.window.showWarningMessage(text, show)
      : vscode.window.showErrorMessage(text, show);
  void shown.then((c) => c === show ? vscode.commands.executeCommand('gearshift.showTerminal') : undefined);
}

async function folderFor(pipelines: WorkspacePipelines, action: string): Promise<FolderPipeline | undefined> {
  if (!ensureTrusted(action)) { return undefined; }
  const fp = await pipelines.pick(`Which folder's pipeline should ${action}?`);
  if (!fp) { void vscode.window.showInformationMessage('Gearshift: no .gearshift.yml in this workspace.'); }
  return fp;
}

/**
 * Deploy to Non-Prod / Production, Promote, Switch Blue/Green, Roll Back, Show Deploy History,
 * Monitor Production Now. Stages render in the pipeline terminal like any run (the engine's
 * events); the result is one notification. Production changes ask first (a modal naming the
 * commit, what ships and where), unless `gearshift.confirmProductionDeploy` is off; a red
 * pipeline refuses production deploys unless the user explicitly overrides (recorded).
 */
export function registerDeployCommands(pipelines: WorkspacePipelines): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gearshift.deployNonProd', async () => {
      const fp = await folderFor(pipelines, 'deploy to non-prod');
      if (!fp) { return undefined; }
      const outcome = await (await core()).deployNonProd(fp.engine, { approvedBy: await approver(fp) });
      report('deploy to non-prod', outcome);
      return outcome;
    }),

    vscode.commands.registerCommand('gearshift.deployProduction', async (options?: { overrideRed?: boolean; confirmed?: boolean }) => {
      const fp = await folderFor(pipelines, 'deploy to production');
      if (!fp) { return undefined; }
      const c = await core();
      const plan = await c.planProductionDeploy(fp.engine);
      if (plan.kind === 'invalid') { report('deploy to production', { result: 'invalid', message: plan.message }); return undefined; }
      if (plan.blocked) { report('deploy to production', { result: 'refused', message: plan.blocked }); return undefined; }
      const decision = await confirmProduction(fp, plan, options ?? {});
      if (!decision) { return { result: 'refused', message: plan.red ? `the pipeline is red: ${plan.red.message}` : 'not confirmed' }; }
      // The confirmed sha: a commit made while the dialog was open is refused, not shipped unseen.
      const outcome = await c.deployProduction(fp.engine, { approvedBy: await approver(fp), overrideRed: decision.overrideRed, expectSha: plan.sha });
      report('deploy to production', outcome);
      return outcome;
    }),

    vscode.commands.registerCommand('gearshift.promote', async (options?: { confirmed?: boolean; overrideRed?: boolean }) => {
      const fp = await folderFor(pipelines, 'promote to production');
      if (!fp) { return undefined; }
      const c = await core();
      const history = await c.deployHistory(fp.engine, 1);
      const pass = history.lastNonProdPass;
      if (!pass) { report('promote', { result: 'refused', message: 'nothing to promote: no commit has passed the non-prod stages yet; run Deploy to Non-Prod first' }); return undefined; }
      const overrideRed = await confirmRedOverride(await c.redNow(fp.engine), options?.overrideRed);
      if (overrideRed === undefined) { return undefined; }
      if (!await confirmSlotChange(fp, `Promote ${shortSha(pass.sha)} (passed non-prod ${new Date(pass.at).toLocaleString()}) to production?`,
        'Runs only the production stages for that commit, in a clean checkout of it if HEAD has moved on.', 'Promote', options)) { return undefined; }
      const outcome = await c.promote(fp.engine, { approvedBy: await approver(fp), overrideRed, expectSha: pass.sha });
      report('promote', outcome);
      return outcome;
    }),

    vscode.commands.registerCommand('gearshift.switchSlot', async (options?: { confirmed?: boolean }) => {
      const fp = await folderFor(pipelines, 'switch blue/green');
      if (!fp) { return undefined; }
      const c = await core();
      const plan = await c.planSwitch(fp.engine);
      if (plan.kind !== 'switch') { report('switch', { result: plan.kind, message: plan.message }); return undefined; }
      const from = plan.from ? ` from ${plan.from}${plan.fromSha ? ` (${shortSha(plan.fromSha)})` : ''}` : '';
      if (!await confirmSlotChange(fp, `Switch production traffic${from} to ${plan.to} (${shortSha(plan.sha)})?`,
        `Runs the deploy.switch command; the slot that is live now keeps its release, so you can switch back.${plan.warning ? `\n\n${plan.warning}` : ''}`, 'Switch', options)) { return undefined; }
      const outcome = await c.switchSlot(fp.engine, { approvedBy: await approver(fp) });
      report('switch', outcome);
      return outcome;
    }),

    vscode.commands.registerCommand('gearshift.rollback', async (options?: { confirmed?: boolean; folder?: vscode.WorkspaceFolder }) => {
      const fp = options?.folder ? (ensureTrusted('roll back production') ? pipelines.get(options.folder) : undefined) : await folderFor(pipelines, 'roll back production');
      if (!fp) { return undefined; }
      const c = await core();
      const plan = await c.planRollbackNow(fp.engine);
      if (plan.kind === 'refused' || plan.kind === 'invalid') { report('roll back', { result: plan.kind, message: plan.message }); return undefined; }
      const question = plan.kind === 'switch'
        ? `Roll production back to ${plan.to} (${shortSha(plan.sha)})?`
        : `Roll production back to ${shortSha(plan.sha)}?`;
      const detail = plan.kind === 'switch'
        ? `Blue/green: switches traffic${plan.from ? ` from ${plan.from}` : ''} back to ${plan.to}, which still holds the release before; nothing is rebuilt.`
        : `Without blue/green: ${plan.message}`;
      if (!await confirmSlotChange(fp, question, detail, 'Roll Back', options)) { return undefined; }
      const outcome = await c.rollbackProduction(fp.engine, { approvedBy: await approver(fp) });
      report('roll back', outcome);
      return outcome;
    }),

    vscode.commands.registerCommand('gearshift.showDeployHistory', async () => {
      const fp = await pipelines.pick('Deploy history of which folder?');
      if (!fp) { return undefined; }
      const h = await (await core()).deployHistory(fp.engine, 50);
      if (h.records.length === 0) { void vscode.window.showInformationMessage('Gearshift: no deploys recorded yet.'); return h; }
      const items = h.records.map((r) => ({
        label: `${r.result === 'ok' ? '$(pass)' : r.result === 'alert' ? '$(warning)' : '$(error)'} ${r.environment} ${r.kind}${r.slot ? ` → ${r.slot}` : ''}`,
        description: `${shortSha(r.sha)} · ${new Date(r.at).toLocaleString()}${r.approvedBy ? ` · by ${r.approvedBy}` : ''}`,
        detail: r.message,
      }));
      void vscode.window.showQuickPick(items, { title: `Deploys of ${fp.folder.name}${h.live ? ` — live: ${h.live}` : ''}`, matchOnDescription: true, matchOnDetail: true });
      return h;
    }),

    vscode.commands.registerCommand('gearshift.monitorProduction', async () => {
      const fp = await folderFor(pipelines, 'monitor production');
      if (!fp) { return undefined; }
      const c = await core();
      const abort = new AbortController();
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Gearshift: monitoring production', cancellable: true },
        (_progress, token) => { token.onCancellationRequested(() => abort.abort()); return c.monitorNow(fp.engine, { signal: abort.signal }); },
      );
      report('monitoring', outcome);
      return outcome;
    }),
  ];
}
