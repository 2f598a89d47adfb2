/**
 * `flags set` and `flags undo` ask before serving anything but off (false, the code default) in production, as the
 * editor's Toggle Feature and Undo do and as `gearshift deploy production` does: a flag turned
 * on in production is a release. Turning off is never asked: it is the way back (a kill switch
 * in an incident must not wait on a question). --yes answers; in CI or without a terminal
 * nobody can, so the change is refused (exit 2) and nothing is written.
 */
import * as path from 'node:path';
import { loadFlagsFiles, nextUndo, pickFile, servedFacts, serveInProductionQuestion, setServedInProduction, undoServedInProduction, type FlagChange, type FlagState, type ServeInProductionFacts } from '../../core/flags';
import { printable } from '../../core/format';
import { CliError, EXIT } from '../command';
import { stopUnlessConfirmed } from '../confirm';
import type { CliIo } from '../io';
import type { FlagsCli } from './flagsLoad';

export interface SetRequest {
  readonly key: string;
  readonly word: string | undefined;
  readonly state: FlagState | undefined;
  readonly env: string | undefined;
}

/** Throws the refusal or the "not changed" exit when the set needs a yes it did not get. */
export async function confirmSet(cli: FlagsCli, request: SetRequest, yes: boolean, io: CliIo): Promise<void> {
  if (yes) { return; }
  const files = await loadFlagsFiles(cli.ctx);
  let file: { environment: string; path: string };
  try { file = pickFile(files, request.env).ref; } catch { return; } // the change itself says why it cannot be made
  const served = setServedInProduction(files, file.environment, request.key, request.word, request.state);
  if (served !== undefined) { await ask(cli, { key: request.key, ...servedFacts(served), environment: file.environment, file: file.path }, io); }
}

/** Asks before an undo that serves something again in production; the id binds the undo to the change asked about. */
export async function confirmUndo(cli: FlagsCli, yes: boolean, io: CliIo): Promise<FlagChange | undefined> {
  // Unreadable history: asked nothing here; the undo itself reports why it cannot run.
  const change = await nextUndo(cli.ctx).catch(() => undefined);
  if (!change || yes) { return change; }
  // An undo that cannot be made (edited since) is not asked about: the undo itself says why.
  const served = undoServedInProduction(change, await loadFlagsFiles(cli.ctx));
  if (served !== undefined) {
    await ask(cli, { key: change.key, ...servedFacts(served), environment: change.environment, file: path.join(cli.ctx.root, change.file), undo: true }, io);
  }
  return change;
}

/** The question's facts but how the pipeline ships flag changes (read here); `file` absolute. */
type Asked = Omit<ServeInProductionFacts, 'deployStage' | 'cleanCheckout' | 'folder'>;

/** core/flags' question, its detail on the line above (the prompt must be the last line); the file as `flags set` names it. */
async function ask(cli: FlagsCli, asked: Asked, io: CliIo): Promise<void> {
  const deployStage = cli.pipeline?.pipeline.flags?.deployStage;
  const { question, detail } = serveInProductionQuestion({
    ...asked, file: path.relative(io.cwd, asked.file),
    ...(deployStage !== undefined ? { deployStage, cleanCheckout: cli.pipeline?.pipeline.checkout === 'clean' } : {}),
  });
  // Ctrl+C at the question ends the process the default way: nothing has been written yet.
  const stop = await stopUnlessConfirmed(`${printable(detail)}\n${printable(question)}`, false, 'serving a flag in production', io, new AbortController().signal, 'not changed');
  if (stop) { throw new CliError(stop.message, stop.result === 'refused' ? EXIT.usage : EXIT.cancelled); }
}
