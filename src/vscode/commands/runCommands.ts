import * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { StageNode } from '../views/stagesTree';
import { startRun } from './startRun';

async function noPipeline(): Promise<undefined> {
  const create = 'Create Pipeline Config';
  const choice = await vscode.window.showInformationMessage('Gearshift: no .gearshift.yml in this workspace.', create);
  if (choice === create) { await vscode.commands.executeCommand('gearshift.createPipeline'); }
  return undefined;
}

/** Run, stop, re-run from the failed stage, run one stage. */
export function registerRunCommands(pipelines: WorkspacePipelines): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gearshift.runPipeline', async (folder?: unknown): Promise<RunRecord | undefined> => {
      const fp = pipelines.fromArg(folder) ?? await pipelines.pick();
      return fp ? startRun(fp, { trigger: 'manual' }) : noPipeline();
    }),

    vscode.commands.registerCommand('gearshift.stopPipeline', async (): Promise<boolean> => {
      const running = pipelines.all().filter((fp) => fp.engine.current);
      if (running.length === 0) {
        void vscode.window.showInformationMessage('Gearshift: no pipeline is running.');
        return false;
      }
      for (const fp of running) { fp.engine.cancel('stopped by the user'); }
      return true;
    }),

    vscode.commands.registerCommand('gearshift.rerunFromFailed', async (folder?: unknown): Promise<RunRecord | undefined> => {
      const fp = pipelines.fromArg(folder) ?? await pipelines.pick();
      if (!fp) { return noPipeline(); }
      const last = fp.engine.lastRun ?? await fp.engine.loadLastRun();
      const failed = last?.stages.find((s) => s.state === 'failed' || s.state === 'timedOut' || s.state === 'cancelled');
      if (!failed) {
        void vscode.window.showInformationMessage(last ? `Gearshift: the last run has no failed stage (it was ${last.state}).` : 'Gearshift: the pipeline has not run yet.');
        return undefined;
      }
      return startRun(fp, { trigger: 'rerun', from: failed.name });
    }),

    vscode.commands.registerCommand('gearshift.runStage', async (stageName?: string): Promise<RunRecord | undefined> => {
      const fp = await pipelines.pick();
      if (!fp) { return noPipeline(); }
      let name = stageName;
      if (name === undefined) {
        const loaded = await fp.engine.validate();
        if (!loaded.ok) { return startRun(fp, { trigger: 'manual' }); } // reports the problems the usual way
        const last = fp.engine.lastRun;
        const pick = await vscode.window.showQuickPick(loaded.pipeline.stages.map((s) => {
          const prev = last?.stages.find((x) => x.name === s.name);
          return { label: s.name, description: s.run, detail: prev ? `last run: ${prev.state}` : undefined };
        }), { placeHolder: 'Run which stage on its own?', matchOnDescription: true });
        name = pick?.label;
      }
      return name === undefined ? undefined : startRun(fp, { trigger: 'manual', only: name });
    }),

    vscode.commands.registerCommand('gearshift.rerunStage', async (node?: StageNode): Promise<RunRecord | undefined> => {
      if (node?.kind !== 'stage') { return vscode.commands.executeCommand('gearshift.runStage'); }
      return startRun(node.fp, { trigger: 'rerun', only: node.stage.name });
    }),
  ];
}
