/** Helpers for the tests of the kept gauge (core/gears/gaugeFactsCache.ts) and the caches beside it. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
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
  const gauge = v8.deserialize(bytes.subarray(4 + length)) as { facts: { read: number }; resume: { folds: number; baseRead: number } };
  return { read: gauge.facts.read, folds: gauge.resume.folds, baseRead: gauge.resume.baseRead };
}
