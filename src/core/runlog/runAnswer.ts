/**
 * What a log reader shows for a run, told from its saved stages and its history record, so
 * `gearshift logs` and the editor's log documents say the same. Two runs have a red verdict or
 * an end with no stage output to show: a run red in production with every stage passed (a
 * failed switch or rollback, a monitoring alert, the deploy after the stages) — its history
 * record holds what failed and what the script said — and an interrupted run (kill -9): a
 * stage's output is saved when the stage ends, so the stage it was in saved nothing.
 */
import { localTime, shortId, shortSha } from '../format';
import type { RunRecord } from '../pipeline';
import { failedStageOf, PRODUCTION_MONITORING } from '../redgreen';
import { KEEP_RUNS } from './prune';
import { defaultStage } from './pick';
import type { SavedRun, SavedStage } from './runLogRead';
import { stageStateWords } from './stateWords';

export type RunAnswer =
  | { kind: 'stage'; stage: SavedStage; why: 'failed' | 'last' }
  /** Red with every stage passed: `what` failed ("the blue/green switch"); `message`: what it said (history's deploy message). */
  | { kind: 'production'; run: RunRecord; what: string; message: string }
  /** Interrupted: `during` the first stage with no saved output (it had not ended), when the record names one. */
  | { kind: 'interrupted'; run: RunRecord; during?: string; ended: readonly SavedStage[] }
  | { kind: 'none' };

/** Default answer for a run: its failed stage's saved log, else why the record says there is none, else the last stage that ran. */
export function answerFor(record: RunRecord | undefined, stages: readonly SavedStage[]): RunAnswer {
  const found = defaultStage(stages);
  if (found?.why === 'failed') { return { kind: 'stage', ...found }; }
  if (record && redInProduction(record)) {
    const what = failedStageOf(record) ?? 'the run';
    return { kind: 'production', run: record, what, message: deployMessage(record) ?? `${what} failed` };
  }
  if (record?.state === 'interrupted') { return { kind: 'interrupted', run: record, ...duringOf(record, stages), ended: stages }; }
  return found ? { kind: 'stage', ...found } : { kind: 'none' };
}

/** The text a production failure or an interruption shows in place of a stage log (raw: the caller makes it printable or plain). */
export function answerText(answer: Extract<RunAnswer, { kind: 'production' | 'interrupted' }>): string {
  const run = answer.run;
  const at = `run ${shortId(run.id)} (${shortSha(run.sha)}, ${localTime(run.endedAt ?? run.startedAt)})`;
  if (answer.kind === 'production') {
    const cause = answer.what === PRODUCTION_MONITORING ? 'a production monitoring alert' : `${answer.what} failed`;
    return `The pipeline went red in production in ${at}: ${cause}. No stage failed, so no stage output holds the reason; what it said:\n\n${answer.message}\n`;
  }
  const ended = endedWords(run, answer.ended);
  const Run = `${at.charAt(0).toUpperCase()}${at.slice(1)}`;
  // In no stage: killed in its switch or its monitoring window; its end line says what it left (interruptedNote.ts).
  const deploy = answer.during === undefined ? deployMessage(run) : undefined;
  if (deploy !== undefined) { return `${Run} was interrupted after its stages ended, during its production deploy: ${deploy}\n${ended ? `Stages that ended: ${ended}.\n` : ''}`; }
  return `${Run} was interrupted${answer.during !== undefined ? ` during stage "${answer.during}"` : ''}: ` +
    `its process stopped without finishing it (killed, or the machine went down). A stage's output is saved when the stage ends, so ` +
    `${answer.during !== undefined ? `"${answer.during}"'s output was` : 'the output of the stage it was in was'} not saved.\n` +
    (ended ? `Stages that ended: ${ended}.\n` : 'No stage had ended.\n');
}

/**
 * Why run `record` has no saved output of `stage` (the editor's document for a stage row, or
 * the red status item's stage): from its history record, or undefined when the record says
 * nothing better than the generic text.
 */
export function missingStageText(record: RunRecord | undefined, stages: readonly SavedStage[], stage: string): string {
  if (!record) {
    return `No output of "${stage}" was saved for this run: the run is still running in another window or process, or it is older than the last ${KEEP_RUNS} kept.\n`;
  }
  const answer = answerFor(record, stages);
  if (answer.kind === 'production' && (stage === answer.what || !record.stages.some((s) => s.name === stage && s.state !== 'skipped'))) { return answerText(answer); }
  if (answer.kind === 'interrupted') {
    return stage === answer.during || answer.during === undefined ? answerText(answer)
      : `"${stage}" did not run to its end: run ${shortId(record.id)} was interrupted during stage "${answer.during}" (nothing after it ran).\n`;
  }
  const own = record.stages.find((s) => s.name === stage);
  if (record.state === 'running') { return `"${stage}" has no saved output yet: run ${shortId(record.id)} is still running (a stage's output is saved when it ends).\n`; }
  if (own && (own.state === 'skipped' || own.state === 'cancelled' || own.state === 'pending')) {
    return `"${stage}" did not run in run ${shortId(record.id)}: ${stageStateWords(own.state)}${own.reason ? ` (${own.reason})` : ''}.\n`;
  }
  return `No output of "${stage}" was saved for run ${shortId(record.id)}.\n`;
}

/**
 * The stages that ended: their saved logs, then those the record says ended whose log was not saved (a full disk
 * cut the save; faults38 F3: "No stage had ended." of a run whose stages all passed).
 */
function endedWords(run: RunRecord, saved: readonly SavedStage[]): string {
  const names = new Set(saved.map((s) => s.header.stage));
  const unsaved = run.stages.filter((s) => !names.has(s.name) && ENDED.has(s.state));
  return [
    ...saved.map((s) => `"${s.header.stage}" (${stageStateWords(s.header.state)})`),
    ...unsaved.map((s) => `"${s.name}" (${stageStateWords(s.state)}; its output was not saved)`),
  ].join(', ');
}

const ENDED: ReadonlySet<string> = new Set(['passed', 'failed', 'timedOut']);

/** Red, and no stage failed or timed out: production failed (failedInProduction, as a record). */
function redInProduction(run: RunRecord): boolean {
  return run.state === 'red' && !run.stages.some((s) => s.state === 'failed' || s.state === 'timedOut');
}

/** History's deploy message whole: its first line says what failed, the lines after it what the script printed last. */
function deployMessage(run: RunRecord): string | undefined {
  const message = (run.deploy as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/** The stage an interrupted run was in: the first of its record's stages that ran (not left out) and saved no output. */
function duringOf(run: RunRecord, stages: readonly SavedStage[]): { during?: string } {
  const saved = new Set(stages.map((s) => s.header.stage));
  const during = run.stages.find((s) => !saved.has(s.name) && s.state !== 'skipped' && s.state !== 'passed' && s.state !== 'failed')?.name;
  return during !== undefined ? { during } : {};
}

/**
 * run.json says `running` until its run ends; a run that never ended (kill -9) takes its
 * history state (`interrupted`, read off the writer's liveness), so `gearshift logs --list`
 * and the editor's *Show Run Log…* list it alike. `history`: newest runs, any order.
 */
export function withHistoryStates(runs: readonly SavedRun[], history: readonly RunRecord[]): SavedRun[] {
  const byId = new Map(history.map((h) => [h.id, h.state]));
  return runs.map((r) => {
    const state = r.meta.state === 'running' ? byId.get(r.meta.id) : undefined;
    return state !== undefined && state !== 'running' ? { ...r, meta: { ...r.meta, state } } : r;
  });
}
