/**
 * Commit tracking and commit metrics, each against a same-process baseline:
 * (a) latency from `git commit` to the tracker's newCommits event, next to a bare fs.watch on
 *     logs/HEAD watching the very same commits (the floor any watcher-based design has);
 * (b) CommitIndex's full build on a 100,000-commit repository (made with `git fast-import`)
 *     as a ratio to a raw `git log --format=%H%x09%ct` over it, interleaved rounds; and the
 *     incremental refresh after one more commit.
 * (c) `trigger: commit` end to end: `git commit` returning → the first stage's process started,
 *     next to a bare fs.watch that spawns `sh -c true` (bench/triggerLatency.ts).
 * Run alone: `node out/bench/commits.js`.
 */
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CommitIndex } from '../src/core/git/metrics/commitIndex';
import { CommitTracker } from '../src/core/git/tracker/commitTracker';
import { Figure, median, percentile, printSection } from './report';
import { triggerLatencyFigures } from './triggerLatency';

const COMMITS = 60;
const WARMUP = 5;
export const BIG = 100_000;

export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toUpperCase().startsWith('GIT_')));
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...extra };
}

export function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: gitEnv(), maxBuffer: 1 << 26 }, (err, out) => (err ? reject(err) : resolve(out.trim())));
  });
}

async function makeRepo(dir: string): Promise<void> {
  await git(dir, 'init', '-q', '-b', 'main');
  for (const [k, v] of [['user.name', 'Bench'], ['user.email', 'bench@example.com'], ['commit.gpgsign', 'false'], ['core.hooksPath', '/dev/null']]) {
    await git(dir, 'config', k, v);
  }
}

/** Resolves with the time `pred` first holds, polled on each event; rejects after `ms`. */
function when(ms: number, subscribe: (hit: () => void) => () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { off(); reject(new Error(`no event within ${ms} ms`)); }, ms);
    const off = subscribe(() => { clearTimeout(t); off(); resolve(performance.now()); });
  });
}

async function latencyFigures(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-commits-'));
  try {
    await makeRepo(dir);
    await git(dir, 'commit', '-q', '--allow-empty', '-m', 'base');
    const tracker = new CommitTracker({ folder: dir });
    await tracker.start();
    const watchListeners = new Set<() => void>();
    const bare = fs.watch(path.join(dir, '.git', 'logs'), (_e, name) => {
      if (String(name) === 'HEAD') { for (const l of [...watchListeners]) { l(); } }
    });
    const fromReturn: number[] = [];
    const trackerFromSpawn: number[] = [];
    const watchFromSpawn: number[] = [];
    try {
      for (let i = -WARMUP; i < COMMITS; i++) {
        const trackerSeen = when(5000, (hit) => tracker.onEvent((e) => { if (e.type === 'newCommits') { hit(); } }));
        const watchSeen = when(5000, (hit) => { watchListeners.add(hit); return () => watchListeners.delete(hit); });
        const spawned = performance.now();
        await git(dir, 'commit', '-q', '--allow-empty', '-m', `bench ${i}`);
        const returned = performance.now();
        const [tTracker, tWatch] = await Promise.all([trackerSeen, watchSeen]);
        if (i >= 0) {
          fromReturn.push(Math.max(0, tTracker - returned));
          trackerFromSpawn.push(tTracker - spawned);
          watchFromSpawn.push(tWatch - spawned);
        }
      }
    } finally {
      bare.close();
      await tracker.dispose();
    }
    const ms = (x: number): string => `${x.toFixed(1)} ms`;
    return [
      {
        name: 'commit → newCommits, after git returns',
        value: `p50 ${ms(median(fromReturn))}, p95 ${ms(percentile(fromReturn, 95))}`,
        note: `${COMMITS} commits; goal p50 < 100 ms, p95 < 250 ms; 0 = event before git returned`,
      },
      {
        name: 'tracker ÷ bare fs.watch (from spawn)',
        value: `${(median(trackerFromSpawn) / median(watchFromSpawn)).toFixed(2)}×`,
        note: `medians ${ms(median(trackerFromSpawn))} vs ${ms(median(watchFromSpawn))}; p95 ${ms(percentile(trackerFromSpawn, 95))} vs ${ms(percentile(watchFromSpawn, 95))}; default 20 ms debounce included`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** BIG empty commits, ten minutes apart up to now, through fast-import (a few seconds). */
export async function bigRepo(dir: string): Promise<void> {
  await makeRepo(dir);
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, env: gitEnv(), stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))));
  const start = Math.floor(Date.now() / 1000) - BIG * 600;
  let buf = '';
  for (let i = 1; i <= BIG; i++) {
    const msg = `commit ${i}\n`;
    buf += `commit refs/heads/main\nmark :${i}\ncommitter Bench <bench@example.com> ${start + i * 600} +0000\ndata ${msg.length}\n${msg}${i > 1 ? `from :${i - 1}\n` : ''}\n`;
    if (buf.length > 1 << 20 || i === BIG) {
      if (!child.stdin.write(buf)) { await new Promise((r) => child.stdin.once('drain', r)); }
      buf = '';
    }
  }
  child.stdin.end();
  await done;
  await git(dir, 'reset', '-q', '--hard', 'main');
}

/** Wall time of a raw `git log --format=%H%x09%ct`, its output drained and dropped. */
export function rawLog(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('git', ['log', '--format=%H%x09%ct', 'HEAD'], { cwd: dir, env: gitEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', () => undefined);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`git log exited ${code}`))));
  });
}

async function indexFigures(rounds = 5): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-index-'));
  try {
    const t0 = performance.now();
    await bigRepo(dir);
    const made = performance.now() - t0;
    const raw: number[] = [];
    const build: number[] = [];
    const ratios: number[] = [];
    let index: CommitIndex | undefined;
    for (let r = -1; r < rounds; r++) {
      const order = r % 2 === 0 ? ['raw', 'index'] : ['index', 'raw'];
      let a = 0;
      let b = 0;
      for (const which of order) {
        if (which === 'raw') {
          a = await rawLog(dir);
        } else {
          const t = performance.now();
          index = await CommitIndex.open(dir);
          b = performance.now() - t;
        }
      }
      if (r >= 0) { raw.push(a); build.push(b); ratios.push(b / a); }
    }
    if (!index || index.size !== BIG) {
      throw new Error(`index holds ${index?.size} commits, expected ${BIG}`);
    }
    const perDay = index.commitsPerDay(30).perDay;
    const refresh: number[] = [];
    for (let i = 0; i < 7; i++) {
      await git(dir, 'commit', '-q', '--allow-empty', '-m', `one more ${i}`);
      const t = performance.now();
      await index.refresh();
      refresh.push(performance.now() - t);
      if (index.lastRead !== 1) { throw new Error(`refresh read ${index.lastRead} commits`); }
    }
    const ms = (x: number): string => `${x.toFixed(0)} ms`;
    return [
      { name: `${BIG.toLocaleString('en')}-commit repo via fast-import`, value: `${(made / 1000).toFixed(1)} s` },
      {
        name: 'CommitIndex build ÷ raw git log',
        value: `${median(ratios).toFixed(2)}×`,
        note: `goal ≤ 1.5×; medians ${ms(median(build))} vs ${ms(median(raw))} over ${rounds} interleaved rounds; ratios ${ratios.map((x) => x.toFixed(2)).join(', ')}`,
      },
      {
        name: 'incremental refresh after one commit',
        value: `${median(refresh).toFixed(1)} ms median`,
        note: `goal < 50 ms; max ${Math.max(...refresh).toFixed(1)} ms over ${refresh.length}; reads 1 commit; commits/day ${perDay.toFixed(0)}`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function commitFigures(): Promise<Figure[]> {
  return [...await latencyFigures(), ...await triggerLatencyFigures(), ...await indexFigures()];
}

if (require.main === module) {
  commitFigures().then((f) => printSection('Commits: tracker latency and metrics index', f), (e: Error) => {
    console.error(e);
    process.exit(1);
  });
}
