/** What a run follows and whether its request fits it: decided before any secret is looked up or any stage starts. */
import { type LoadResult, type ParseMemo, parseConfigText, readConfigText } from '../config';
import type { RunRequest } from './events';
import type { RepoAnswer } from './repoFacts';
import { runSource, type RunSource } from './runSource';
import { noStageIn, noStageReason, type NoStage } from './selection';

export type Source = Extract<RunSource, { kind: 'source' }>;
export type CheckRefusal =
  | { kind: 'invalid'; result: Extract<LoadResult, { ok: false }> }
  | { kind: 'refused'; reason: string; noStage?: NoStage };

export interface CheckInputs {
  request: RunRequest;
  /** The working copy's file, as loaded. */
  loaded: LoadResult;
  configFile: string;
  /** Asks git about the folder; called only when the commit's file is needed (`checkout: clean`). */
  answer: () => Promise<RepoAnswer>;
  /** For the commit's text: one unchanged since the last run is not parsed again. */
  memo: ParseMemo;
}

/** The run's source (runSource.ts) with `only`/`from` checked against it. */
export async function checkRun({ request, loaded, configFile, answer, memo }: CheckInputs): Promise<Source | CheckRefusal> {
  const source = await runSource({
    loaded, configFile, forced: request.checkout, sha: request.sha, answer,
    parse: (text, file) => parseConfigText(text, file, memo),
    readWorkingCopy: () => readConfigText(configFile).then((r) => (r.ok ? r.text : undefined), () => undefined),
  });
  if (source.kind !== 'source') { return source; }
  const noStage = noStageIn(source, request);
  return noStage ? { kind: 'refused', reason: noStageReason(noStage), noStage } : source;
}
