/**
 * A run's `only`/`from` checked against the pipeline that runs (runSource.ts), before anything
 * starts: no secret is looked up and no stage starts for a name that file does not have. Under
 * `checkout: clean` that is the commit's file, which may lack a stage the working copy added.
 */
import * as path from 'path';
import { shortSha } from '../format';
import type { RunRequest } from './events';
import type { RunSource } from './runSource';

export interface NoStage {
  option: 'only' | 'from';
  name: string;
  /** The stages the file that runs has, in file order. */
  stages: string[];
  /** That file. */
  file: string;
  /** Set when it is the commit's (a clean run of this sha). */
  commit?: string;
  /** The working copy's file has the stage: committing it would make it runnable. */
  inWorkingCopy?: boolean;
}

export function noStageIn(source: Extract<RunSource, { kind: 'source' }>, request: Pick<RunRequest, 'only' | 'from'>): NoStage | undefined {
  const stages = source.pipeline.stages.map((s) => s.name);
  for (const option of ['only', 'from'] as const) {
    const name = request[option];
    if (name === undefined || stages.includes(name)) { continue; }
    const inWorkingCopy = source.commit !== undefined && source.workingCopy?.stages.some((s) => s.name === name) === true;
    return { option, name, stages, file: source.pipeline.file, ...(source.commit !== undefined ? { commit: source.commit } : {}), ...(inWorkingCopy ? { inWorkingCopy } : {}) };
  }
  return undefined;
}

/** Where the file is, said for a person: "the .gearshift.yml at commit 1a2b3c4d" names the file that ran. */
export function noStageWhere(p: NoStage, file: string = path.basename(p.file)): string {
  return p.commit === undefined ? file : `${file} at commit ${shortSha(p.commit)}, the file this checkout: clean run follows`;
}

/** What the working copy has that the commit lacks, when it does. */
export function noStageHint(p: NoStage): string {
  return p.inWorkingCopy ? `; "${p.name}" is only in the working copy's file: commit it to run it` : '';
}

/** The refusal's reason (the editor shows it; the CLI says it with its own option names). */
export function noStageReason(p: NoStage): string {
  return `no stage named "${p.name}" in ${noStageWhere(p)}${noStageHint(p)}`;
}
