/** Reads a folder's history for `status` and `history`; bad lines are reported, never fatal. */
import { historyFileFor, HistoryStore } from '../core/history';
import type { RunRecord } from '../core/pipeline';
import { CliError, EXIT } from './command';
import type { CliIo } from './io';
import { displayPath } from './paths';
import { printable } from '../core/format';

/** A bad line's problem may quote the line (JSON.parse does): one short, inert line on stderr. */
const MAX_PROBLEM_CHARS = 200;

export async function readHistory(folder: string, limit: number, io: CliIo): Promise<RunRecord[]> {
  let file: string;
  try {
    file = await historyFileFor(folder);
  } catch (e) {
    throw new CliError(`git: ${(e as Error).message.trim()}`, EXIT.usage);
  }
  try {
    const { runs, problems } = await new HistoryStore(file).read({ limit });
    const shown = displayPath(file, io.cwd);
    for (const p of problems) { io.stderr.write(`${shown}:${p.line}: ${printable(problemText(p.message), { max: MAX_PROBLEM_CHARS })}\n`); }
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
