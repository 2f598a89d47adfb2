/**
 * The 5th gear's loop as a script lives it: `git commit`, `gearshift run`, then one
 * `gearshift status --json`. Unlike statusCacheFigures' "first call after a run" (one run's lines
 * appended, HEAD still), HEAD moves and the run is real, so the figure also holds git's answers
 * for the new commit. Each round starts from the same state: HEAD, the history, deploy.json and
 * the caches as two warm calls left them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { benchEnv, CLI } from './peersWorkloads';
import { median, type Figure } from './report';

const STATE_FILES = ['history.jsonl', 'deploy.json', 'window-cache.v8', 'gauge-git.json', 'gauge-facts.v8', 'gauge-answer.json'];

export function fifthGearLoopFigure(dir: string, what: string, rounds: number): Figure {
  const run = (argv: string[]): number => {
    const t = performance.now();
    const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: benchEnv() });
    if (r.status !== 0) { throw new Error(`${argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-300)}`); }
    return performance.now() - t;
  };
  for (let i = 0; i < 2; i++) { run([process.execPath, CLI, 'status', '--json']); }
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, env: benchEnv(), encoding: 'utf8' }).stdout.trim();
  const saved = snapshot(dir);
  const [base, loop]: number[][] = [[], []];
  for (let i = 0; i < rounds; i++) {
    restore(saved);
    run(['git', 'reset', '-q', '--soft', head]);
    run(['git', 'commit', '-q', '--allow-empty', '-m', `loop ${i}`]);
    run([process.execPath, CLI, 'run']);
    base.push(run([process.execPath, '-e', '0']));
    loop.push(run([process.execPath, CLI, 'status', '--json']));
  }
  restore(saved);
  run(['git', 'reset', '-q', '--soft', head]);
  const b = median(base);
  return {
    name: `gearshift status --json, ${what}, after git commit + gearshift run ÷ node -e 0`,
    value: `${(median(loop) / b).toFixed(2)}× node`,
    note: `${median(loop).toFixed(0)} vs ${b.toFixed(0)} ms median of ${rounds} paired rounds; goal ≤ 1.6×`,
  };
}

type Snapshot = Map<string, Buffer | undefined>;

function snapshot(dir: string): Snapshot {
  const files: Snapshot = new Map();
  for (const name of STATE_FILES) {
    const file = path.join(dir, '.git', 'gearshift', name);
    files.set(file, fs.existsSync(file) ? fs.readFileSync(file) : undefined);
  }
  return files;
}

/** The history is truncated in place (same inode, as a real history only grows); the rest is written again. */
function restore(saved: Snapshot): void {
  for (const [file, bytes] of saved) {
    if (bytes === undefined) { fs.rmSync(file, { force: true }); continue; }
    if (path.basename(file) === 'history.jsonl') { fs.truncateSync(file, bytes.length); continue; }
    fs.writeFileSync(file, bytes);
  }
}
