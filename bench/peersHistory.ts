/**
 * A lived-in history for the `status` figures: one run every 30 minutes back from now, each on
 * a commit of its own (real commits, written with one `git fast-import`), a production deploy
 * stage, one run in 17 red at the deploy. A gauge reader may stop at its window here; in the
 * old workload (fillHistory: one run cloned, all at the same time, no production stage) the
 * whole file is the correct read, so it shows only the cost of reading everything.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { benchEnv, CLI } from './peersWorkloads';
import { median, type Figure } from './report';

const RUN_EVERY_MS = 30 * 60_000;
/** Commits only for the newest runs (≈ 208 days, past the gauge's 181-day horizon); older runs name the first commit. */
const MAX_COMMITS = 10_000;
const RED_EVERY = 17;
const PIPELINE = 'version: 1\nstages:\n  - name: build\n    run: "true"\n  - name: deploy\n    run: "true"\n    environment: production\n';

interface Entry { kind: string; at: string; run: Record<string, unknown> & { id: string; stages?: Record<string, unknown>[] } }

/** A repository with `runs` commits (at most MAX_COMMITS) and a history of `runs` runs. */
export function spreadRepo(runs: number): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-status-')));
  const git = (args: string[], input?: string): string => {
    const r = spawnSync('git', args, { cwd: dir, input, env: benchEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) { throw new Error(`git ${args[0]} failed: ${r.stderr}`); }
    return r.stdout;
  };
  git(['init', '-q', '-b', 'main']);
  fs.appendFileSync(path.join(dir, '.git', 'config'), '[user]\n\tname = Bench\n\temail = bench@example.com\n[core]\n\thooksPath = /dev/null\n');
  const now = Date.now();
  const commits = Math.min(runs, MAX_COMMITS);
  const startOf = (i: number): number => now - (runs - 1 - i) * RUN_EVERY_MS - 3 * 60_000; // i = 0 oldest
  git(['fast-import', '--quiet', `--export-marks=${path.join(dir, '.git', 'bench-marks')}`], fastImport(commits, (k) => startOf(runs - commits + k) - 5 * 60_000));
  git(['reset', '-q', '--hard', 'main']);
  const shas = fs.readFileSync(path.join(dir, '.git', 'bench-marks'), 'utf8').trim().split('\n').map((l) => l.split(' ')[1]);
  const real = spawnSync(process.execPath, [CLI, 'run'], { cwd: dir, env: benchEnv(), stdio: 'ignore' });
  if (real.status !== 0) { throw new Error(`gearshift run exited ${real.status}`); }
  writeRuns(dir, runs, startOf, (i) => shas[Math.max(0, i - (runs - commits))]);
  return dir;
}

function fastImport(count: number, timeOf: (k: number) => number): string {
  const parts: string[] = [];
  for (let k = 0; k < count; k++) {
    const msg = `change ${k}\n`;
    parts.push(`commit refs/heads/main\nmark :${k + 1}\ncommitter Bench <bench@example.com> ${Math.floor(timeOf(k) / 1000)} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`);
    if (k === 0) { parts.push(`M 100644 inline .gearshift.yml\ndata ${Buffer.byteLength(PIPELINE)}\n${PIPELINE}\n`); } else { parts.push(`from :${k}\n`); }
  }
  return parts.join('');
}

/** The real run's lines (start, stage, end), re-stamped for each run: times, id, sha, verdict. */
function writeRuns(dir: string, runs: number, startOf: (i: number) => number, shaOf: (i: number) => string): void {
  const file = path.join(dir, '.git', 'gearshift', 'history.jsonl');
  const template = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Entry);
  const fd = fs.openSync(file, 'w');
  try {
    let batch: string[] = [];
    for (let i = 0; i < runs; i++) {
      const start = startOf(i);
      const red = i % RED_EVERY === 5 && i !== runs - 1;
      for (const t of template) { batch.push(JSON.stringify(restamp(t, i, start, red, shaOf(i)))); }
      if (batch.length > 4000) { fs.writeSync(fd, `${batch.join('\n')}\n`); batch = []; }
    }
    if (batch.length) { fs.writeSync(fd, `${batch.join('\n')}\n`); }
  } finally {
    fs.closeSync(fd);
  }
}

/** Build takes 60 s, deploy 45 s; a red run's deploy fails. */
function restamp(t: Entry, i: number, start: number, red: boolean, sha: string): Entry {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const end = start + 110_000;
  const run = { ...t.run, id: `bench-${String(i).padStart(8, '0')}` };
  if (t.kind === 'stage') { return { ...t, at: iso(start + 1000), run }; }
  const at = t.kind === 'end' ? iso(end) : iso(start);
  const common = { ...run, sha, startedAt: iso(start) };
  if (t.kind !== 'end') { return { ...t, at, run: common }; }
  const stages = (t.run.stages ?? []).map((s, k) => ({
    ...s, startedAt: iso(start + 1000 + k * 61_000), durationMs: k === 0 ? 60_000 : 45_000,
    ...(red && k === 1 ? { state: 'failed', exitCode: 1 } : {}),
  }));
  return { ...t, at, run: { ...common, state: red ? 'red' : 'green', stages, durationMs: end - start, endedAt: iso(end), ...(red ? { deploy: { result: 'failed' } } : {}) } };
}

/**
 * deploy.json at its 2,000-record cap (stateModel.ts DEFAULT_MAX_RECORDS): a production deploy to
 * blue or green every 30 minutes, the last one live, as `gearshift status` reads it for its
 * production line and the release decision (cli/production.ts, core/deploy/deployFiles.ts).
 */
export function fullDeployState(dir: string, records = 2_000): void {
  const now = Date.now();
  const slot = (i: number): string => (i % 2 === 0 ? 'blue' : 'green');
  const sha = (i: number): string => i.toString(16).padStart(40, '0');
  const at = (i: number): string => new Date(now - (records - i) * RUN_EVERY_MS).toISOString();
  const list = Array.from({ length: records }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, environment: 'production', sha: sha(i), slot: slot(i), at: at(i),
    runId: `bench-deploy-${String(i).padStart(8, '0')}`, kind: 'deploy', result: 'ok',
  }));
  const last = list[records - 1];
  const before = list[records - 2];
  const slots = { [last.slot]: { sha: last.sha, deployedAt: last.at, runId: last.runId }, [before.slot]: { sha: before.sha, deployedAt: before.at, runId: before.runId } };
  const state = { version: 1, live: last.slot, previous: before.slot, slots, records: list };
  fs.writeFileSync(path.join(dir, '.git', 'gearshift', 'deploy.json'), `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * `status --json` with its caches (.git/gearshift/window-cache.v8, gauge-git.json, gauge-facts.v8
 * and gauge-answer.json) cold, warm and kept, each ÷ `node -e 0` in the same round: cold = all
 * removed before the call (what the first call after an upgrade pays), warm = the call after it
 * (the window cache and the git memo answer; it keeps the gauge and the figures), kept figures =
 * the call after that (the figures are printed again: no run, fact or memo read), kept gauge = one
 * more call without the kept figures (the kept gauge answers: no run read), first call after a run
 * = one more run appended, then one call (what a script that asks once per run pays).
 */
export function statusCacheFigures(dir: string, what: string, rounds: number): Figure[] {
  const state = (f: string): string => path.join(dir, '.git', 'gearshift', f);
  const caches = ['window-cache.v8', 'gauge-git.json', 'gauge-facts.v8', 'gauge-answer.json'].map(state);
  const time = (argv: string[]): number => {
    const t = performance.now();
    const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: benchEnv() });
    if (r.status !== 0) { throw new Error(`${argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-300)}`); }
    return performance.now() - t;
  };
  const [base, cold, warm, figures, kept, afterRun]: number[][] = [[], [], [], [], [], []];
  assertCacheExact(dir, caches);
  const history = path.join(dir, '.git', 'gearshift', 'history.jsonl');
  const size = fs.statSync(history).size;
  const oneMore = anotherRun(history);
  for (let i = 0; i < rounds; i++) {
    base.push(time([process.execPath, '-e', '0']));
    for (const c of caches) { fs.rmSync(c, { force: true }); }
    for (const xs of [cold, warm, figures]) { xs.push(time([process.execPath, CLI, 'status', '--json'])); }
    fs.rmSync(state('gauge-answer.json'), { force: true }); // not kept on every history (gaugeStability.ts)
    kept.push(time([process.execPath, CLI, 'status', '--json']));
    // A run ends, then a script asks once: the kept gauge folds it in (14g step 3; the window cache did before).
    fs.appendFileSync(history, oneMore);
    afterRun.push(time([process.execPath, CLI, 'status', '--json']));
    fs.truncateSync(history, size); // the same bytes (and inode) as before, for the next round
  }
  const b = median(base);
  const figure = (label: string, xs: number[]): Figure => ({
    name: `gearshift status --json, ${what}, ${label} ÷ node -e 0`,
    value: `${(median(xs) / b).toFixed(2)}× node`,
    note: `${median(xs).toFixed(0)} vs ${b.toFixed(0)} ms median of ${rounds} paired rounds; goal ≤ 1.6×`,
  });
  return [figure('cold cache', cold), figure('warm cache', warm), figure('kept figures', figures), figure('kept gauge', kept), figure('first call after a run', afterRun)];
}

/**
 * The newest finished run's start and end lines again, under another id and a minute later: one
 * more run, as a run appends it (a run started at the very millisecond of the one before is not one
 * the kept gauge may fold in: compactRuns would put it first).
 */
function anotherRun(history: string): string {
  const size = fs.statSync(history).size;
  const fd = fs.openSync(history, 'r');
  const tail = Buffer.alloc(Math.min(size, 256 * 1024));
  try { fs.readSync(fd, tail, 0, tail.length, size - tail.length); } finally { fs.closeSync(fd); }
  const lines = tail.toString('utf8').split('\n').slice(1).filter((l) => l !== '');
  const end = [...lines].reverse().find((l) => l.includes('"kind":"end"'));
  const id = end === undefined ? undefined : (JSON.parse(end) as { run: { id: string } }).run.id;
  const start = lines.find((l) => l.includes('"kind":"start"') && l.includes(`"id":${JSON.stringify(id)}`));
  if (end === undefined || start === undefined || id === undefined) { throw new Error(`no finished run at the end of ${history}`); }
  const again = (line: string): string => JSON.stringify(aMinuteLater(JSON.parse(line.split(`"id":${JSON.stringify(id)}`).join('"id":"bench-one-more"')) as Entry));
  return `${again(start)}\n${again(end)}\n`;
}

function aMinuteLater(e: Entry): Entry {
  const later = (t: unknown): unknown => (typeof t === 'string' ? new Date(Date.parse(t) + 60_000).toISOString() : t);
  const stages = e.run.stages?.map((s) => ({ ...s, startedAt: later(s.startedAt) }));
  return { ...e, at: later(e.at) as string, run: { ...e.run, startedAt: later(e.run.startedAt), endedAt: later(e.run.endedAt), ...(stages ? { stages } : {}) } };
}

/**
 * The cached answer must be the uncached one, byte for byte (stdout, stderr, exit): one frozen
 * clock (a `-r` preload) for a call without the caches, the call that writes them, and one that reads them.
 */
function assertCacheExact(dir: string, caches: readonly string[]): void {
  const clock = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-clock-')), 'clock.js');
  fs.writeFileSync(clock, `const at = ${Date.now()}; Date.now = () => at;\n`);
  const call = (): string => {
    const r = spawnSync(process.execPath, ['-r', clock, CLI, 'status', '--json'], { cwd: dir, env: benchEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return JSON.stringify([r.status, r.stdout, r.stderr]);
  };
  const removeCaches = (): void => { for (const c of caches) { fs.rmSync(c, { force: true }); } };
  try {
    removeCaches();
    const uncached = call();
    removeCaches();
    const [writes, keeps, reads] = [call(), call(), call()];
    fs.rmSync(caches[3], { force: true });
    const below = call();
    if ([writes, keeps, reads, below].some((a) => a !== uncached)) { throw new Error(`status --json in ${dir}: the window cache, the git memo, the kept gauge or the kept figures changed the answer`); }
  } finally {
    fs.rmSync(path.dirname(clock), { recursive: true, force: true });
  }
}
