import * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { startRun } from './startRun';
import { noPipeline } from '../pipeline/noPipeline';
import { pickText } from '../../core/format';

/** `gearshift.runStage`. */
export function registerRunStage(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.runStage', async (stageName?: string): Promise<RunRecord | undefined> => {
    const fp = await pipelines.pick();
    if (!fp) { return noPipeline(pipelines); }
    let name = stageName;
    if (name === undefined) {
      // The stages of the file a run follows: the commit's under `checkout: clean` (core/engine/runSource.ts).
      const checked = await fp.engine.check({ trigger: 'manual' });
      if (checked.kind !== 'source') { return startRun(fp, { trigger: 'manual' }); } // reports the problems the usual way
      const last = fp.engine.lastRun;
      const pick = await vscode.window.showQuickPick(checked.pipeline.stages.map((s) => {
        const prev = last?.stages.find((x) => x.name === s.name);
        return { label: pickText(s.name), description: pickText(s.run), detail: prev ? `last run: ${prev.state}` : undefined, stage: s.name };
      }), { placeHolder: 'Run which stage on its own?', matchOnDescription: true });
      name = pick?.stage;
    }
    return name === undefined ? undefined : startRun(fp, { trigger: 'manual', only: name });
  });
}
