/**
 * Reliability figures (docs/reliability.md, "Output and history"):
 * (a) peak RSS of a real `gearshift run` (dist/cli.js) whose stage prints 500 MB into a stdout
 *     that is not read for 3 s and then read 64 KiB at a time; also with a reader at full speed;
 * (b) the time to read a 200 MB history file: the last run, and every run.
 * Run alone: `node out/bench/index.js reliability` (needs `npx webpack --mode production`).
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { HistoryStore } from '../src/core/history';
import type { Figure } from './report';

const MiB = 1024 * 1024;
const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

function vmRss(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch { return undefined; }
}

function repoPrinting(bytes: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-rel-'));
  const git = (...args: string[]): void => { execFileSync('git', args, { cwd: dir, stdio: 'ignore' }); };
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, '.gearshift.yml'), `version: 1\nstages:\n  - name: Flood\n    run: "yes ${'x'.repeat(98)} | head -c ${bytes}"\n`);
  git('add', '.');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'bench');
  return dir;
}

/** Peak VmRSS of `gearshift run`; the reader stalls for `stallMs`, then reads 64 KiB per macrotask (or all at once). */
async function peakRss(bytes: number, stallMs: number, slow: boolean): Promise<{ peak: number; received: number; ms: number }> {
  const repo = repoPrinting(bytes);
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'run'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, XDG_STATE_HOME: repo } });
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, vmRss(child.pid!) ?? 0); }, 25);
  child.stdout.pause();
  let received = 0;
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  setTimeout(() => {
    // resume(): a 'data' listener alone does not restart a stream that was pause()d.
    if (!slow) { child.stdout.on('data', (c: Buffer) => { received += c.length; }).resume(); return; }
    child.stdout.on('readable', function read() {
      const chunk = child.stdout.read(64 * 1024) as Buffer | null;
      if (chunk) { received += chunk.length; setImmediate(read); }
    });
  }, stallMs);
  await closed;
  clearInterval(sampler);
  fs.rmSync(repo, { recursive: true, force: true });
  return { peak, received, ms: performance.now() - t0 };
}

async function historyRead(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-hist-'));
  const file = path.join(dir, 'history.jsonl');
  const fd = fs.openSync(file, 'w');
  const note = 'n'.repeat(700);
  let size = 0;
  for (let i = 0; size < 200 * MiB; i++) {
    let batch = '';
    for (let j = 0; j < 1000; j++, i++) {
      const run = { id: `run-${i}`, sha: 'a'.repeat(40), branch: 'main', trigger: 'cli', startedAt: '2024-05-01T10:00:00.000Z', state: 'green', endedAt: '2024-05-01T10:01:00.000Z', note, stages: [{ name: 'Build', state: 'passed', exitCode: 0, durationMs: 5 }] };
      batch += JSON.stringify({ v: 1, kind: 'end', at: run.endedAt, pid: 1, host: 'elsewhere', run }) + '\n';
    }
    size += fs.writeSync(fd, batch);
  }
  fs.closeSync(fd);
  const store = new HistoryStore(file);
  let t = performance.now();
  await store.last();
  const lastMs = performance.now() - t;
  t = performance.now();
  const all = await store.read();
  const allMs = performance.now() - t;
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    { name: `history: last run of a ${(size / MiB).toFixed(0)} MiB file`, value: `${(lastMs / 1000).toFixed(2)} s` },
    { name: `history: all ${all.runs.length} runs of it`, value: `${(allMs / 1000).toFixed(2)} s` },
  ];
}

export async function reliabilityFigures(): Promise<Figure[]> {
  const idle = await peakRss(1000, 0, false);
  const stalled = await peakRss(500 * 1000 * 1000, 3000, true);
  const fast = await peakRss(500 * 1000 * 1000, 0, false);
  const mb = (b: number): string => `${(b / MiB).toFixed(0)} MiB`;
  return [
    { name: 'run, tiny output: peak RSS', value: mb(idle.peak), note: 'the baseline' },
    { name: 'run, 500 MB, stalled 3 s then 64 KiB reads: peak RSS', value: mb(stalled.peak), note: `${mb(stalled.received)} received in ${(stalled.ms / 1000).toFixed(1)} s` },
    { name: 'run, 500 MB, reader at full speed: peak RSS', value: mb(fast.peak), note: `${(fast.ms / 1000).toFixed(1)} s` },
    ...await historyRead(),
  ];
}
