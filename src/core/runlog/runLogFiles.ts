/**
 * Where saved stage logs live and what a file holds. Beside history: `<data dir>/runlogs/<run>/`,
 * one `stage-<n>.log` per stage that started (n: its place in the run's stages), and `run.json`.
 * Names on disk come from the run id (a UUID; anything else is hashed) and the stage's index,
 * never from a stage name: a stage called `../x` or holding a newline is data in the header.
 *
 * A stage file: one JSON header line, then the output as the terminal showed it (masked),
 * bounded by BoundedLog. The header says which stage it is and how it ended.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunState, StageState } from '../pipeline';

export const RUN_LOGS_DIR = 'runlogs';
export const RUN_FILE = 'run.json';
const STAGE_FILE = /^stage-(\d{1,4})\.log$/;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

/** A run id used as a folder name when it is plainly safe (what randomUuid gives); else its hash. */
export function runDirName(runId: string): string {
  if (SAFE_ID.test(runId)) { return runId; }
  // Loaded only here: a `gearshift run` loads no node:crypto (docs/benchmarks-journal.md, 14r2).
  const { createHash } = require('node:crypto') as typeof import('node:crypto'); // eslint-disable-line @typescript-eslint/no-require-imports -- see above
  return `h-${createHash('sha256').update(runId).digest('hex').slice(0, 32)}`;
}

export function runLogsRoot(dataDir: string): string { return path.join(dataDir, RUN_LOGS_DIR); }

/** A folder name runDirName gives: only such folders are read as runs, or ever removed by a prune. */
export function isRunDirName(name: string): boolean { return SAFE_ID.test(name) || /^h-[0-9a-f]{32}$/.test(name); }

/**
 * The runlogs folder must be a real folder (or not exist yet): a symlink there (or anything else)
 * is not ours, so nothing is written through it and a prune removes nothing behind it. Gives its
 * lstat (undefined: not there yet), so a caller can tell whether it is private already.
 */
export async function checkOwnRoot(root: string): Promise<fs.Stats | undefined> {
  // Callback fs, not fs.promises: that would load fs/promises (and readline) on `gearshift run`'s path.
  const st = await new Promise<fs.Stats | undefined>((resolve, reject) => fs.lstat(root, (e, s) => (e?.code === 'ENOENT' ? resolve(undefined) : e ? reject(e) : resolve(s))));
  return ownRoot(root, st);
}

/** checkOwnRoot, synchronously: for the prune, whose reads are synchronous too (prune.ts says why). */
export function checkOwnRootSync(root: string): fs.Stats | undefined {
  return ownRoot(root, fs.lstatSync(root, { throwIfNoEntry: false }));
}

function ownRoot(root: string, st: fs.Stats | undefined): fs.Stats | undefined {
  if (st && !st.isDirectory()) { throw new Error(`${root} is not a folder (${st.isSymbolicLink() ? 'a symlink' : 'a file'}): no run log is saved or pruned there`); }
  return st;
}

/** Whether chmod 0700 would change nothing (no other bit, no setgid or sticky bit to clear). */
export function isPrivateFolder(st: fs.Stats | undefined): boolean {
  return st !== undefined && (st.mode & 0o7777) === 0o700;
}
export function runDir(dataDir: string, runId: string): string { return path.join(runLogsRoot(dataDir), runDirName(runId)); }
export function stageFileName(index: number): string { return `stage-${index}.log`; }
export function stageIndexOf(fileName: string): number | undefined {
  const m = STAGE_FILE.exec(fileName);
  return m ? Number(m[1]) : undefined;
}

/** The first line of a stage file. */
export interface StageLogHeader {
  readonly v: 1;
  readonly run: string;
  readonly stage: string;
  readonly index: number;
  readonly state: StageState;
  readonly exitCode: number | null;
  /** Bytes the stage printed in all, and how many of them the file leaves out. */
  readonly bytes: number;
  readonly omitted: number;
  /** Why it failed, timed out or was cancelled, as the terminal's result line said (masked). */
  readonly reason?: string;
}

/** `run.json`: written with a run's first saved stage, again when it ends (`state` then final). */
export interface RunLogMeta {
  readonly v: 1;
  readonly id: string;
  readonly sha: string;
  readonly startedAt: string;
  readonly state: RunState;
  readonly trigger: string;
  /** At the end: every stage of the run with how it ended (names masked), for lists that read no stage file. */
  readonly stages?: ReadonlyArray<{ readonly name: string; readonly state: StageState }>;
  /** At the end: the characters its stage files hold, so a prune reads this file only (prune.ts). */
  readonly bytes?: number;
}

export function stageFileText(header: StageLogHeader, body: string): string {
  return `${JSON.stringify(header)}\n${body}`;
}

/** Header and body of a stage file; a header that does not parse leaves the whole file as the body. */
export function parseStageFile(text: string): { header?: StageLogHeader; body: string } {
  const nl = text.indexOf('\n');
  if (nl < 0) { return { body: text }; }
  try {
    const header = JSON.parse(text.slice(0, nl)) as StageLogHeader;
    if (header && header.v === 1 && typeof header.stage === 'string' && typeof header.index === 'number') { return { header, body: text.slice(nl + 1) }; }
  } catch { /* not ours: shown whole */ }
  return { body: text };
}
