import * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { startRun } from './startRun';
import { noPipeline } from '../pipeline/noPipeline';

/** `{ confirmed: true }` as the first or second argument: the production question was already answered. */
function optionsOf(args: unknown[]): { confirmed?: boolean } {
  const o = args.find((a): a is { confirmed?: unknown } => typeof a === 'object' && a !== null && 'confirmed' in a);
  return o?.confirmed === true ? { confirmed: true } : {};
}

/**
 * `gearshift.runPipeline`: through production it asks as Deploy to Production does (startRun.ts).
 * With none here, it says where the pipelines are (pipeline/noPipeline.ts).
 */
export function registerRunPipeline(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.runPipeline', async (folder?: unknown, options?: unknown): Promise<RunRecord | undefined> => {
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick();
    if (!fp) { return noPipeline(pipelines); }
    return startRun(fp, { trigger: 'manual' }, optionsOf([folder, options]));
  });
}
