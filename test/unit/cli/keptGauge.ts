/** Helpers for the tests of the kept gauge (core/gears/gaugeFactsCache.ts) and the caches beside it. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { readAligned } from '../../../src/core/gears/alignedColumns';
import { runMain } from './runMain';

export const stateDir = (repo: string): string => path.join(repo, '.git', 'gearshift');
export const historyOf = (repo: string): string => path.join(stateDir(repo), 'history.jsonl');
export const keptOf = (repo: string): string => path.join(stateDir(repo), 'gauge-facts.v8');
/** The kept figures (cli/gaugeAnswer.ts). */
export const figuresOf = (repo: string): string => path.join(stateDir(repo), 'gauge-answer.json');

/** Whether gauge-facts.v8 holds a gauge, not only a note that its bytes were seen once. */
export function hasKeptGauge(file: string): boolean {
  if (!fs.existsSync(file)) { return false; }
  const bytes = fs.readFileSync(file);
  const header = v8.deserialize(bytes.subarray(4, 4 + bytes.readUInt32LE(0))) as { body: number };
  return header.body > 0;
}

export interface Answer { stdout: string; stderr: string }

/** The CLI's answer in `repo` (in-process), which must exit 0. */
export async function answer(repo: string, args = ['status', '--json']): Promise<Answer> {
  const r = await runMain(args, { cwd: repo });
  assert.strictEqual(r.code, 0, r.stderr);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** The CLI's answer without the kept figures (cli/gaugeAnswer.ts), which would answer before the kept gauge: what the tests of the layers below call. */
export async function answerBelowFigures(repo: string, args = ['status', '--json']): Promise<Answer> {
  fs.rmSync(figuresOf(repo), { force: true });
  return answer(repo, args);
}

/** The answer of a read of the file: the kept figures, the kept gauge and the window cache moved aside, and what this read writes thrown away. */
export async function uncached(repo: string, args = ['status', '--json']): Promise<Answer> {
  const caches = [figuresOf(repo), keptOf(repo), path.join(stateDir(repo), 'window-cache.v8')];
  for (const c of caches) { if (fs.existsSync(c)) { fs.renameSync(c, `${c}.aside`); } }
  try {
    return await answer(repo, args);
  } finally {
    for (const c of caches) {
      fs.rmSync(c, { force: true });
      if (fs.existsSync(`${c}.aside`)) { fs.renameSync(`${c}.aside`, c); }
    }
  }
}

/** A read of the file and of git: every cache beside the history moved aside (uncached), git's memo too. */
export async function fresh(repo: string, args = ['status', '--json']): Promise<Answer> {
  const memo = path.join(stateDir(repo), 'gauge-git.json');
  if (fs.existsSync(memo)) { fs.renameSync(memo, `${memo}.aside`); }
  try {
    return await uncached(repo, args);
  } finally {
    fs.rmSync(memo, { force: true });
    if (fs.existsSync(`${memo}.aside`)) { fs.renameSync(`${memo}.aside`, memo); }
  }
}

/** What the kept gauge says of how it was made: the runs read for it, and how many times runs were folded in since a read of the file. */
export function keptMadeOf(file: string): { read: number; folds: number; baseRead: number } | undefined {
  if (!hasKeptGauge(file)) { return undefined; }
  const bytes = fs.readFileSync(file);
  const length = bytes.readUInt32LE(0);
  const gauge = readAligned(v8, Buffer.from(bytes.subarray(4 + length))) as { facts: { read: number }; resume: { folds: number; baseRead: number } };
  return { read: gauge.facts.read, folds: gauge.resume.folds, baseRead: gauge.resume.baseRead };
}

/** The history bytes the kept gauge's header names: how long the file was, and its last bytes (fingerprint.ts). */
export function keptBytesOf(file: string): { size: number; tail: Buffer } | undefined {
  if (!fs.existsSync(file)) { return undefined; }
  const bytes = fs.readFileSync(file);
  const header = v8.deserialize(bytes.subarray(4, 4 + bytes.readUInt32LE(0))) as { history: { size: number; tail: Uint8Array } };
  return { size: header.history.size, tail: Buffer.from(header.history.tail) };
}

/** The history's size and last bytes now, as a fingerprint holds them. */
export function historyBytesOf(repo: string): { size: number; tail: Buffer } {
  const bytes = fs.readFileSync(historyOf(repo));
  return { size: bytes.length, tail: bytes.subarray(Math.max(0, bytes.length - 4096)) };
}

/**
 * The bytes gauge-answer.json marks as seen (cli/gaugeAnswer.ts markSeen: a call folded runs into
 * the kept gauge without writing it); undefined when it holds figures, or nothing.
 */
export function seenMarkOf(repo: string): { size: number; tail: Buffer } | undefined {
  if (!fs.existsSync(figuresOf(repo))) { return undefined; }
  const stored = JSON.parse(fs.readFileSync(figuresOf(repo), 'utf8')) as { seen?: { size: number; tail: string } };
  return stored.seen ? { size: stored.seen.size, tail: Buffer.from(stored.seen.tail, 'base64') } : undefined;
}

/** The bytes the kept figures in gauge-answer.json were computed for; undefined when it holds a mark, or nothing. */
export function figuresBytesOf(repo: string): { size: number; tail: Buffer } | undefined {
  if (!fs.existsSync(figuresOf(repo))) { return undefined; }
  const stored = JSON.parse(fs.readFileSync(figuresOf(repo), 'utf8')) as { history?: { size: number; tail: string } };
  return stored.history ? { size: stored.history.size, tail: Buffer.from(stored.history.tail, 'base64') } : undefined;
}

export const sameBytes = (a: { size: number; tail: Buffer } | undefined, b: { size: number; tail: Buffer }): boolean => a !== undefined && a.size === b.size && a.tail.equals(b.tail);

/**
 * How the last call on the history's current bytes answered, told from what it left: 'folded' (runs
 * appended since the kept gauge folded in, the gauge not written again: fewer than
 * REWRITE_AFTER_BYTES since it was kept; the call marked these bytes seen), 'folded and kept' (written
 * again for these bytes with one more fold counted), or 'other' (a read of the file, or the kept
 * gauge for exactly these bytes, or figures).
 */
export function lastCallOf(repo: string): 'folded' | 'folded and kept' | 'other' {
  const now = historyBytesOf(repo);
  if (sameBytes(seenMarkOf(repo), now)) { return 'folded'; }
  return sameBytes(keptBytesOf(keptOf(repo)), now) && (keptMadeOf(keptOf(repo))?.folds ?? 0) > 0 ? 'folded and kept' : 'other';
}
