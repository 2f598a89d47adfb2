/**
 * Workloads for the pipeline-runner bench: pipelines built directly as typed objects, the runner
 * timed end to end, and the plain-`spawn` baselines they are compared against.
 */

import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_GEARS, type Pipeline, type Stage } from '../src/core/config/types';
import { PipelineRun } from '../src/core/pipeline';
import { keepRunLogs } from '../src/core/runlog';

const root = os.tmpdir();

export interface StageSpec { name: string; run: string; needs?: string[] }

/** `needs` absent → the previous stage, as the config loader resolves it. */
export function makePipeline(specs: StageSpec[]): Pipeline {
  const stages: Stage[] = specs.map((s, i) => ({
    name: s.name,
    run: s.run,
    needs: s.needs ?? (i === 0 ? [] : [specs[i - 1].name]),
    timeoutMs: 60_000,
    env: {},
    cwd: root,
  }));
  return { version: 1, file: path.join(root, '.gearshift.yml'), root, trigger: 'manual', branches: [], stages, queue: 'latest', checkout: 'workspace', gears: DEFAULT_GEARS };
}

export function sequential(commands: string[]): Pipeline {
  return makePipeline(commands.map((run, i) => ({ name: `s${i + 1}`, run })));
}

/** `chunks`: stdout 'data' events (plain spawn) or stageOutput events (runner). */
export interface Timed { ms: number; bytes: number; chunks: number }

/**
 * Wall time from constructing the run to start() resolving; counts every stageOutput byte.
 * `logsIn`: the run's output is also saved there (core/runlog, as every engine does), and the
 * time includes writing it.
 */
export async function timeRunner(pipeline: Pipeline, logsIn?: string): Promise<Timed> {
  const t0 = performance.now();
  const run = new PipelineRun({ pipeline, sha: 'bench', branch: 'bench', trigger: 'bench', color: false });
  const logs = logsIn === undefined ? undefined : keepRunLogs({ onEvent: (l) => run.onEvent(l), dataDir: () => Promise.resolve(logsIn) });
  let bytes = 0;
  let chunks = 0;
  run.onEvent((e) => {
    // Every stage here prints ASCII only, so string length is the byte count.
    if (e.type === 'stageOutput') { bytes += e.chunk.length; chunks += 1; }
  });
  const record = await run.start();
  await logs?.idle();
  logs?.dispose();
  const ms = performance.now() - t0;
  if (record.state !== 'green') {
    throw new Error(`bench pipeline ended ${record.state}: ${JSON.stringify(record.stages)}`);
  }
  return { ms, bytes, chunks };
}

/**
 * One `/bin/sh -c` through a plain spawn, both pipes drained, timed spawn → 'close'.
 * `groupLikeRunner` uses the runner's own spawn options (detached = own process group, no stdin);
 * `decode` also turns each stdout chunk into a string the way the runner does (StringDecoder).
 */
export function timeShell(command: string, groupLikeRunner = false, decode = false): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/bin/sh', ['-c', command], groupLikeRunner
      ? { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }
      : { cwd: root });
    let bytes = 0;
    let chunks = 0;
    const decoder = new StringDecoder('utf8');
    child.stdout?.on('data', (chunk: Buffer) => {
      bytes += decode ? decoder.write(chunk).length : chunk.length;
      chunks += 1;
    });
    child.stderr?.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) { reject(new Error(`baseline "${command}" exited ${code}`)); } else { resolve({ ms, bytes, chunks }); }
    });
  });
}

/** The same commands as separate `sh -c` processes, one after another (one per stage). */
export async function timeShellsInSequence(commands: string[]): Promise<Timed> {
  const t0 = performance.now();
  let bytes = 0;
  let chunks = 0;
  for (const c of commands) {
    const t = await timeShell(c, true);
    bytes += t.bytes;
    chunks += t.chunks;
  }
  return { ms: performance.now() - t0, bytes, chunks };
}

export interface MemoryGrowth { rssBytes: number; heapBytes: number }

/** Peak RSS and heapUsed above the value just before `fn`, sampled every 50 ms (and at the end). */
export async function withMemorySampling<T>(fn: () => Promise<T>): Promise<{ result: T; growth: MemoryGrowth }> {
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await fn();
    sample();
    return { result, growth: { rssBytes: peakRss - before.rss, heapBytes: peakHeap - before.heapUsed } };
  } finally {
    clearInterval(timer);
  }
}
