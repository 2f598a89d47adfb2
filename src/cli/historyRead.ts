/** Reads a folder's history for `status` and `history`; bad lines are reported, never fatal. */
import { cleanUpDeadRuns } from '../core/engine';
import { historyFileFor, HistoryStore } from '../core/history';
import type { RunRecord } from '../core/pipeline';
import { CliError, EXIT } from './command';
import type { CliIo } from './io';
import { displayPath } from './paths';

export async function readHistory(folder: string, limit: number, io: CliIo): Promise<RunRecord[]> {
  let file: string;
  try {
    file = await historyFileFor(folder);
  } catch (e) {
    throw new CliError(`git: ${(e as Error).message.trim()}`, EXIT.usage);
  }
  const store = new HistoryStore(file);
  // Every command in the repository cleans up after runs that died (kill -9) before it reads.
  await cleanUpDeadRuns(store, folder).catch((e: Error) => io.stderr.write(`gearshift: could not clean up after an interrupted run: ${e.message}\n`));
  try {
    const { runs, problems } = await store.read({ limit });
    const shown = displayPath(file, io.cwd);
    for (const p of problems) { io.stderr.write(`${shown}:${p.line}: ${problemText(p.message)}\n`); }
    return runs;
  } catch (e) {
    throw new CliError(`could not read ${file}: ${(e as Error).message}`, EXIT.usage);
  }
}

/** The store words some problems as recoveries or a count; the rest are skipped lines. */
function problemText(message: string): string {
  if (/kept the record|not listed/.test(message)) { return message; }
  return `skipped: ${message.replace(/; skipped$/, '')}`;
}
