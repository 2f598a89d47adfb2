/**
 * Workloads for the peers section: whole processes timed from spawn to exit, in pairs with
 * their baseline (`node -e 0`, GNU make) so a shared, noisy machine slows both alike.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { median } from './report';

export const ROOT = path.resolve(__dirname, '..', '..');
/** GEARSHIFT_BENCH_CLI: another build to compare (e.g. main's dist/cli.js for a before/after table). */
export const CLI = process.env.GEARSHIFT_BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js');

export interface Cmd { label: string; argv: string[]; cwd: string }

/**
 * Runs each command once per round, in order; returns each one's median wall time (ms). One
 * untimed round first: what a first run leaves for the next (the CLI's code cache, git's index
 * refresh, the page cache) is in place for every timed one, as it is for a user's second run.
 */
export function pairedMedians(cmds: readonly Cmd[], rounds: number): number[] {
  const samples: number[][] = cmds.map(() => []);
  for (const c of cmds) { spawnSync(c.argv[0], c.argv.slice(1), { cwd: c.cwd, stdio: 'ignore', env: benchEnv() }); }
  for (let i = 0; i < rounds; i++) {
    cmds.forEach((c, k) => {
      const t = performance.now();
      const r = spawnSync(c.argv[0], c.argv.slice(1), { cwd: c.cwd, stdio: ['ignore', 'ignore', 'pipe'], env: benchEnv() });
      samples[k].push(performance.now() - t);
      if (r.status !== 0) { throw new Error(`${c.label} exited ${r.status}: ${String(r.stderr).slice(-300)}`); }
    });
  }
  return samples.map(median);
}

/**
 * No CI, colour or GIT_* of the caller: the same conditions for every command. Nor
 * NODE_EXTRA_CA_CERTS or NODE_OPTIONS: a CA bundle to load adds ≈ 80 ms to every node start
 * (ours and `node -e 0` alike) and would hide the CLI's own cost in the ratios.
 */
export function benchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
  for (const k of ['GIT_CONFIG_NOSYSTEM', 'TMPDIR']) { if (process.env[k] !== undefined) { env[k] = process.env[k]; } }
  return env;
}

export function hasMake(): boolean {
  return spawnSync('make', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A git repository holding `pipeline` (YAML) and, if given, a Makefile. */
export function benchRepo(prefix: string, pipeline: string, makefile?: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const git = (...args: string[]): void => { spawnSync('git', args, { cwd: dir, stdio: 'ignore', env: benchEnv() }); };
  git('init', '-q', '-b', 'main');
  fs.appendFileSync(path.join(dir, '.git', 'config'), '[user]\n\tname = Bench\n\temail = bench@example.com\n[commit]\n\tgpgsign = false\n[core]\n\thooksPath = /dev/null\n');
  fs.writeFileSync(path.join(dir, '.gearshift.yml'), pipeline);
  if (makefile) { fs.writeFileSync(path.join(dir, 'Makefile'), makefile); }
  git('add', '-A');
  git('commit', '-q', '-m', 'bench');
  return dir;
}

/** `n` stages of `command`, each needing the one before (as the talk's chain). */
export function chainPipeline(n: number, command: string): string {
  const stages = Array.from({ length: n }, (_, i) => `  - name: s${i}\n    run: "${command}"\n`);
  return `version: 1\nstages:\n${stages.join('')}`;
}

/** The same chain as make targets: s7 depends on s6 … on s0. */
export function chainMakefile(n: number, command: string): string {
  const rules = Array.from({ length: n }, (_, i) => `s${i}:${i ? ` s${i - 1}` : ''}\n\t@${command}\n`);
  return `.PHONY: ${Array.from({ length: n }, (_, i) => `s${i}`).join(' ')}\nall: s${n - 1}\n${rules.join('')}`;
}

/**
 * A history of `runs` finished runs (start, stage and end lines as `gearshift run` writes them,
 * ~1 KB a run like the issue's 200 MB / 215k), the newest one green. Copied from a real run's
 * lines in `repo`, ids made unique.
 */
export function fillHistory(repo: string, runs: number): void {
  const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const id = (JSON.parse(lines[0]) as { run: { id: string } }).run.id;
  const template = lines.filter((l) => l.includes(id)); // the first run's lines only (the file may already be filled)
  const fd = fs.openSync(file, 'w');
  try {
    let batch: string[] = [];
    for (let i = 0; i < runs; i++) {
      const fresh = `bench-${String(i).padStart(8, '0')}-${id.slice(0, 8)}`;
      for (const l of template) { batch.push(l.split(id).join(fresh)); }
      if (batch.length > 3000) { fs.writeSync(fd, `${batch.join('\n')}\n`); batch = []; }
    }
    if (batch.length) { fs.writeSync(fd, `${batch.join('\n')}\n`); }
  } finally {
    fs.closeSync(fd);
  }
}
