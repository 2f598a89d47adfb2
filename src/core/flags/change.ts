/**
 * Every change to a flags file: compute the new text from the text read, check that the result
 * is still a valid flags file, then write only if the file still holds the text read. When
 * someone else wrote it meanwhile, the change is computed again from the new text (once);
 * if that races too, it is refused — never a lost update. Each change is appended to history.
 */
import * as path from 'node:path';
import { historyFileFor } from '../history';
import { FlagsFileError, readFlagsFile, writeFlagsFile } from './fileIo';
import type { FlagsContext, LoadedFlagsFile } from './load';
import { parseFlagsText } from './parse';
import { appendFlagChange, type FlagChange, type NewFlagChange } from './toggleHistory';
import type { FlagDefinition, FlagsFileSnapshot, ParsedFlags } from './types';
import { formatConfigError } from '../config';

/** A change that cannot be made: the message says why; nothing was written. */
export class FlagChangeError extends Error {
  constructor(message: string, readonly reason: 'usage' | 'invalid' | 'conflict' | 'io') { super(message); }
}

export type ChangeDraft = Omit<NewFlagChange, 'who' | 'environment' | 'file'>;
/** Given the current text and its flags, the new text and what changed (no change: `undefined`). */
export type TextChange = (text: string, parsed: ParsedFlags) => { text: string; changes: ChangeDraft[] } | undefined;

export interface ChangeOutcome {
  readonly file: string;
  readonly changes: readonly FlagChange[];
}

const ATTEMPTS = 2;

export async function changeFlagsFile(ctx: FlagsContext, target: LoadedFlagsFile, who: string, change: TextChange): Promise<ChangeOutcome> {
  let snapshot = target.snapshot ?? await readOrFail(target);
  for (let attempt = 1; ; attempt++) {
    const parsed = parseFlagsText(snapshot.text, snapshot.path);
    if (!parsed.ok) { throw new FlagChangeError(`the flags file has errors; fix them first, nothing was written:\n${parsed.errors.map(formatConfigError).join('\n')}`, 'invalid'); }
    const next = change(snapshot.text, parsed);
    if (!next) { return { file: snapshot.path, changes: [] }; }
    const check = parseFlagsText(next.text, snapshot.path);
    if (!check.ok) { throw new FlagChangeError(`the change would make the file invalid, nothing was written: ${check.errors.map((e) => e.message).join('; ')}`, 'invalid'); }
    try {
      await writeFlagsFile(snapshot, next.text, ctx.root);
    } catch (e) {
      if (e instanceof FlagsFileError && e.code === 'changed' && attempt < ATTEMPTS) { snapshot = await readOrFail(target); continue; }
      if (e instanceof FlagsFileError) { throw new FlagChangeError(e.code === 'changed' ? `${e.message} (twice in a row; try again)` : e.message, e.code === 'changed' ? 'conflict' : 'io'); }
      throw e;
    }
    return { file: snapshot.path, changes: await record(ctx, snapshot, who, next.changes) };
  }
}

async function readOrFail(target: LoadedFlagsFile): Promise<FlagsFileSnapshot> {
  try { return await readFlagsFile(target.ref.path, target.ref.environment); } catch (e) {
    throw new FlagChangeError((e as Error).message, 'io');
  }
}

async function record(ctx: FlagsContext, snapshot: FlagsFileSnapshot, who: string, changes: ChangeDraft[]): Promise<FlagChange[]> {
  const historyFile = ctx.historyFile ?? await historyFileFor(ctx.root);
  const file = path.relative(ctx.root, snapshot.path).split(path.sep).join('/');
  const out: FlagChange[] = [];
  for (const c of changes) { out.push(await appendFlagChange(historyFile, { ...c, who, environment: snapshot.environment, file })); }
  return out;
}

export function flagIn(parsed: ParsedFlags, key: string): FlagDefinition {
  const flag = parsed.flags.find((f) => f.key === key);
  if (!flag) { throw new FlagChangeError(`no flag "${key}" in this file; known: ${parsed.flags.map((f) => f.key).slice(0, 20).join(', ') || '(none)'}`, 'usage'); }
  return flag;
}
