/**
 * The gear gauge, each figure against a same-process baseline:
 * (a) computeGauge over 10,000 runs of history and 100,000 commits, as a ratio to JSON.parse of
 *     the same 10,000 history lines (what reading the history costs before any maths);
 *     and gatherGaugeInputs on a 100,000-commit repository (bench/commits.ts's fast-import
 *     generator, plus release tags and deploy runs) as a ratio to a raw
 *     `git log --format=%H%x09%ct` over all of it, without and with a kept CommitIndex;
 * (b) the webview's cost per state message (bench/gaugeWebview.ts).
 * Rounds are interleaved (order rotated) after a warm-up; figures are medians.
 * Run alone: `node out/bench/gauge.js`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { spawn } from 'child_process';
import { DEFAULT_GEARS } from '../src/core/config/types';
import { CommitIndex } from '../src/core/git/metrics/commitIndex';
import { gatherGaugeInputs } from '../src/core/gears/gaugeInputs';
import { computeGauge, type GaugePipeline } from '../src/core/gears/gaugeState';
import { BIG, bigRepo, git, gitEnv, rawLog } from './commits';
import { BENCH_PIPELINE, DAY, HOUR, syntheticCommits, syntheticRuns } from './gaugeWorkloads';
import { webviewFigures } from './gaugeWebview';
import { Figure, median, percentile, printSection } from './report';

const RUNS = 10_000;
const COMMITS = 100_000;

/** Runs every subject once per round, rotating who goes first; the warm-up round is dropped. */
async function interleave(subjects: [string, () => Promise<number> | number][], rounds: number): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(subjects.map(([name]) => [name, []]));
  for (let r = -1; r < rounds; r++) {
    const k = ((r % subjects.length) + subjects.length) % subjects.length;
    for (const [name, run] of [...subjects.slice(k), ...subjects.slice(0, k)]) {
      const ms = await run();
      if (r >= 0) { out.get(name)?.push(ms); }
    }
  }
  return out;
}

const timed = (f: () => unknown): number => { const t = performance.now(); f(); return performance.now() - t; };
const ratios = (a: number[], b: number[]): number[] => a.map((x, i) => x / b[i]);
const fmt = (x: number): string => `${x.toFixed(1)} ms`;
const spread = (xs: number[]): string => `IQR ${percentile(xs, 25).toFixed(2)}–${percentile(xs, 75).toFixed(2)}`;

async function computeFigures(rounds = 7): Promise<Figure[]> {
  const now = Date.UTC(2024, 5, 1);
  // The heaviest case: every run and commit inside the 90-day window.
  const runs = syntheticRuns(RUNS, now, 89 * DAY);
  const lines = runs.map((r) => JSON.stringify(r));
  const commits = syntheticCommits(COMMITS, now, 89 * DAY);
  let gear: number | null = null;
  const s = await interleave([
    ['parse', () => timed(() => lines.map((l) => JSON.parse(l) as unknown))],
    ['gauge', () => timed(() => { gear = computeGauge({ now, pipeline: BENCH_PIPELINE, runs, commits }).gear.number; })],
    ['sort', () => timed(() => {
      [...runs].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
      [...commits].sort((a, b) => a.at - b.at);
    })],
  ], rounds);
  const [parse, gauge, sort] = [s.get('parse') ?? [], s.get('gauge') ?? [], s.get('sort') ?? []];
  return [{
    name: `computeGauge, ${RUNS.toLocaleString('en')} runs + ${COMMITS.toLocaleString('en')} commits`,
    value: `${fmt(median(gauge))} median, ${median(ratios(gauge, parse)).toFixed(2)}× JSON.parse of the history`,
    note: `baseline: JSON.parse of the same ${RUNS.toLocaleString('en')} history lines, ${fmt(median(parse))}; ${spread(ratios(gauge, parse))}; `
      + `a plain sort of the same runs and commits takes ${fmt(median(sort))} (${median(ratios(gauge, sort)).toFixed(2)}×); ${rounds} interleaved rounds; gear ${gear}`,
  }];
}

/** Release tags every 500 commits (one `git update-ref --stdin`) and a deploy run every 40 commits of the window. */
async function decorate(dir: string, now: number): Promise<{ runs: unknown[]; pipeline: GaugePipeline; windowCommits: number }> {
  const log = (await git(dir, 'log', '--format=%H %ct', 'HEAD')).split('\n').map((l) => l.split(' ')).reverse();
  const refs = log.filter((_, i) => i % 500 === 499).map(([sha], i) => `create refs/tags/v${i + 1}.0 ${sha}\n`).join('');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['update-ref', '--stdin'], { cwd: dir, env: gitEnv(), stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`update-ref exited ${code}`))));
    child.stdin.end(refs);
  });
  const windowStart = now - 90 * DAY;
  const recent = log.filter(([, ct]) => Number(ct) * 1000 >= windowStart);
  const runs = syntheticRuns(Math.ceil(recent.length / 40), now, 90 * DAY).map((r, i) => {
    const [sha, ct] = recent[Math.min(recent.length - 1, i * 40)];
    const end = Number(ct) * 1000 + 3 * HOUR;
    return { ...r, sha, state: 'green', stages: r.stages.map((s) => ({ ...s, state: 'passed', startedAt: undefined })), startedAt: new Date(end - HOUR).toISOString(), endedAt: new Date(end).toISOString() };
  });
  return { runs, pipeline: { ...BENCH_PIPELINE, gears: { ...DEFAULT_GEARS, deployTags: 'v*' } }, windowCommits: recent.length };
}

async function gitFigures(rounds = 5): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-gauge-'));
  try {
    const t0 = performance.now();
    await bigRepo(dir);
    const now = Date.now();
    const { runs, pipeline, windowCommits } = await decorate(dir, now);
    const made = performance.now() - t0;
    const tBuild = performance.now();
    const index = await CommitIndex.open(dir);
    const build = performance.now() - tBuild;
    let measured = { commits: 0, leads: 0, tags: 0 };
    const gather = async (withIndex: boolean): Promise<number> => {
      const t = performance.now();
      const got = await gatherGaugeInputs(dir, pipeline, runs, { now, ...(withIndex ? { index } : {}) });
      const ms = performance.now() - t;
      if (got.problems.length || !got.commitsMeasured) { throw new Error(`gatherGaugeInputs: ${got.problems.join('; ')}`); }
      measured = { commits: got.commits.length, leads: got.commits.filter((c) => typeof c.leadTimeMs === 'number').length, tags: got.tagDeploys.length };
      return ms;
    };
    const s = await interleave([['raw', () => rawLog(dir)], ['bounded', () => gather(false)], ['index', () => gather(true)]], rounds);
    const [raw, bounded, kept] = [s.get('raw') ?? [], s.get('bounded') ?? [], s.get('index') ?? []];
    return [
      { name: `${BIG.toLocaleString('en')}-commit repo + tags + deploy runs`, value: `${(made / 1000).toFixed(1)} s`, note: `${measured.tags} v* tags, ${runs.length} deploy runs, ${windowCommits.toLocaleString('en')} commits in the 90-day window` },
      {
        name: 'gatherGaugeInputs (bounded log) ÷ raw git log',
        value: `${median(ratios(bounded, raw)).toFixed(2)}×`,
        note: `baseline: raw \`git log --format=%H%x09%ct\` of all ${BIG.toLocaleString('en')} commits; medians ${fmt(median(bounded))} vs ${fmt(median(raw))}; ${spread(ratios(bounded, raw))}; ${measured.commits} samples, ${measured.leads} with a lead time`,
      },
      {
        name: 'gatherGaugeInputs (kept CommitIndex) ÷ raw git log',
        value: `${median(ratios(kept, raw)).toFixed(2)}×`,
        note: `median ${fmt(median(kept))}; the index's one full build took ${fmt(build)} before the rounds; ${spread(ratios(kept, raw))}`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function gaugeFigures(): Promise<Figure[]> {
  const t0 = Date.now();
  const figures = [...await computeFigures(), ...await gitFigures(), ...await webviewFigures()];
  figures.push({ name: 'section wall time', value: `${((Date.now() - t0) / 1000).toFixed(1)} s` });
  return figures;
}

if (require.main === module) {
  gaugeFigures().then((f) => printSection('Gear gauge', f), (e: Error) => {
    console.error(e);
    process.exit(1);
  });
}
