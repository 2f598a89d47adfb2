/** Shared fixtures for the runner tests: pipelines built in code, temp dirs, bounded waits. */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_GEARS, type Pipeline, type Stage } from '../../../src/core/config/types';
import { PipelineRun, type RunOptions } from '../../../src/core/pipeline';
import { processesWithEnv, stageCookie, STAGE_COOKIE_VAR } from '../../../src/core/pipeline/procfs';
import type { RunEvent, RunRecord, StageRecord } from '../../../src/core/pipeline/types';

export interface StageSpec {
  name: string;
  run: string;
  /** Absent → the previous stage, like the config file. */
  needs?: string[];
  timeoutMs?: number;
  env?: Record<string, string>;
  cwd?: string;
  environment?: Stage['environment'];
  approval?: Stage['approval'];
  keep?: boolean;
}

/** A Pipeline as the parser would produce it, with the file's `needs` rule applied. */
export function makePipeline(root: string, specs: StageSpec[]): Pipeline {
  const stages: Stage[] = specs.map((s, i) => ({
    name: s.name,
    run: s.run,
    needs: s.needs ?? (i === 0 ? [] : [specs[i - 1].name]),
    timeoutMs: s.timeoutMs ?? 30 * 60 * 1000,
    env: s.env ?? {},
    cwd: s.cwd ?? root,
    ...(s.environment ? { environment: s.environment } : {}),
    ...(s.approval ? { approval: s.approval } : {}),
    ...(s.keep ? { keep: true } : {}),
  }));
  return { version: 1, file: path.join(root, '.gearshift.yml'), root, trigger: 'manual', branches: [], stages, queue: 'latest', checkout: 'workspace', gears: DEFAULT_GEARS };
}

/** Temp dirs made by a test and removed after it. */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-pipeline-'));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) { fs.rmSync(dir, { recursive: true, force: true }); }
  }
}

export interface Collected {
  run: PipelineRun;
  events: RunEvent[];
  /** stdout+stderr per stage, joined. */
  output: Map<string, string>;
}

/** A run whose events (and output) are recorded from the very first one. */
export function collect(opts: Omit<RunOptions, 'sha' | 'branch' | 'trigger'> & Partial<RunOptions>): Collected {
  const run = new PipelineRun({ sha: 'abc123', branch: 'main', trigger: 'manual', ...opts });
  const events: RunEvent[] = [];
  const output = new Map<string, string>();
  run.onEvent((e) => {
    if (e.type === 'stageOutput') {
      output.set(e.stage, (output.get(e.stage) ?? '') + e.chunk);
    } else {
      events.push(e);
    }
  });
  return { run, events, output };
}

/** start() with a deadline: on expiry the run is cancelled and the test fails instead of hanging. */
export async function finish(run: PipelineRun, ms = 15_000): Promise<RunRecord> {
  return withDeadline(run.start(), ms, 'run did not end', () => run.cancel('test deadline'));
}

/** Resolves with the first event matching `match`, or rejects after `ms`. */
export function nextEvent(run: PipelineRun, match: (e: RunEvent) => boolean, ms = 10_000): Promise<RunEvent> {
  let dispose = (): void => undefined;
  const seen = new Promise<RunEvent>((resolve) => {
    dispose = run.onEvent((e) => { if (match(e)) { resolve(e); } });
  });
  return withDeadline(seen, ms, 'expected event never came').finally(() => dispose());
}

/** Resolves once a stage's accumulated output matches `pattern`; returns the match. */
export function outputMatching(run: PipelineRun, stage: string, pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
  let text = '';
  let dispose = (): void => undefined;
  const seen = new Promise<RegExpMatchArray>((resolve) => {
    dispose = run.onEvent((e) => {
      if (e.type !== 'stageOutput' || e.stage !== stage) { return; }
      text += e.chunk;
      const m = text.match(pattern);
      if (m) { resolve(m); }
    });
  });
  return withDeadline(seen, ms, `output of ${stage} never matched ${pattern}`).finally(() => dispose());
}

export async function withDeadline<T>(p: Promise<T>, ms: number, message: string, onExpire?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { onExpire?.(); reject(new Error(`${message} within ${ms}ms`)); }, ms);
  });
  try {
    return await Promise.race([p, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function stageRecord(record: RunRecord, name: string): StageRecord {
  const s = record.stages.find((x) => x.name === name);
  if (!s) { throw new Error(`no stage ${name} in record`); }
  return s;
}

/** Alive and not a zombie (pid 1 here may never reap orphans, so zombies count as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/**
 * Waits (bounded) until none of `pids` nor any member of group `pgid` is alive. A SIGKILLed
 * process closes its pipes a moment before it turns zombie, so "gone" may need a few ms.
 */
export async function groupGone(pgid: number, pids: number[], ms = 2000): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = [...new Set([...pids.filter(isAlive), ...groupMembers(pgid)])];
    if (alive.length === 0 || Date.now() > deadline) { return alive; }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Live (non-zombie) pids whose process group is `pgid`, from /proc. */
export function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) { continue; }
    const stat = readStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== 'Z') { pids.push(Number(entry)); }
  }
  return pids;
}

function readStat(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parens: fields resume after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Shell snippet: wait (bounded) for a file to appear; exits 9 if it never does. */
export function waitForFileCmd(file: string, tries = 250): string {
  return `i=0; while [ ! -e '${file}' ]; do i=$((i+1)); [ $i -gt ${tries} ] && exit 9; sleep 0.02; done`;
}

/** Polls (bounded) until the launcher of `stage`, forked ahead (prelaunch.ts), carries its cookie in /proc. */
export async function launcherOf(runId: string, stage: string): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const pids = processesWithEnv(STAGE_COOKIE_VAR, stageCookie(runId, stage));
    if (pids.length === 1) { return pids[0]; }
    if (Date.now() > deadline) { throw new Error(`no launcher for ${stage} within 5000ms`); }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
