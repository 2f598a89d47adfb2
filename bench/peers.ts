/**
 * Gearshift next to its peers (issue 14): a whole `gearshift run` against GNU make running the
 * same commands, the CLI's start against bare `node -e 0`, `status` with a long history, and
 * the commit → first stage latency (triggerLatency.ts). Ratios in one run; absolute figures
 * only as context. The activation figure is the Foundation section's (cold extension hosts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { Figure } from './report';
import { benchEnv, benchRepo, chainMakefile, chainPipeline, CLI, type Cmd, fillHistory, hasMake, pairedMedians } from './peersWorkloads';
import { fullDeployState, spreadRepo, statusCacheFigures } from './peersHistory';
import { fifthGearLoopFigure } from './peersLoop';
import { triggerLatencyFigures } from './triggerLatency';

const ROUNDS = Number(process.env.GEARSHIFT_BENCH_ROUNDS ?? 11);
/** status --json on 200,000 cloned runs takes seconds (it reads the whole history for the gauge). */
const STATUS_ROUNDS = Math.min(ROUNDS, 5);

function ratioFigure(name: string, value: number, base: number, baseName: string, goal: string, rounds = ROUNDS): Figure {
  return { name, value: `${(value / base).toFixed(2)}× ${baseName}`, note: `${value.toFixed(0)} vs ${base.toFixed(0)} ms median of ${rounds} paired runs after a warm-up round, without NODE_EXTRA_CA_CERTS/NODE_OPTIONS for either side; goal ${goal}` };
}

function makeFigures(): Figure[] {
  if (!hasMake()) { return [{ name: 'gearshift run vs make', value: 'skipped', note: 'GNU make is not installed' }]; }
  const dir = benchRepo('gearshift-bench-make-', chainPipeline(8, 'sleep 0.05'), chainMakefile(8, 'sleep 0.05'));
  try {
    const [make, run] = pairedMedians([
      { label: 'make', argv: ['make', '-s'], cwd: dir },
      { label: 'gearshift run', argv: [process.execPath, CLI, 'run'], cwd: dir },
    ], ROUNDS);
    return [ratioFigure('gearshift run, 8 × sleep 0.05 ÷ make', run, make, 'make', '≤ 1.35×')];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function startFigures(withStatus = true): Figure[] {
  const dir = benchRepo('gearshift-bench-start-', chainPipeline(1, 'true'));
  try {
    const node: Cmd = { label: 'node -e 0', argv: [process.execPath, '-e', '0'], cwd: dir };
    const [base, version, run] = pairedMedians([node,
      { label: '--version', argv: [process.execPath, CLI, '--version'], cwd: dir },
      { label: 'run', argv: [process.execPath, CLI, 'run'], cwd: dir }], ROUNDS);
    return [
      ratioFigure('gearshift --version ÷ node -e 0', version, base, 'node', '≤ 1.3×'),
      ratioFigure('gearshift run, one `true` stage ÷ node -e 0', run, base, 'node', '≤ 1.6×'),
      ...(withStatus ? clonedStatusFigures(dir) : []),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The old workload (one run cloned, no production stage: the whole file is the right read), kept to compare. */
function clonedStatusFigures(dir: string): Figure[] {
  const figures: Figure[] = [];
  for (const runs of [10_000, 200_000]) {
    fillHistory(dir, runs);
    figures.push(...statusFigures(dir, `${runs} cloned runs`), ...statusCacheFigures(dir, `${runs} cloned runs`, STATUS_ROUNDS));
  }
  return figures;
}

/** GEARSHIFT_BENCH_PEERS=status: the status rows only (they take minutes; the rest is unchanged by status work). */
function statusOnlyFigures(): Figure[] {
  const dir = benchRepo('gearshift-bench-start-', chainPipeline(1, 'true'));
  try {
    if (spawnSync(process.execPath, [CLI, 'run'], { cwd: dir, stdio: 'ignore', env: benchEnv() }).status !== 0) { throw new Error('gearshift run failed'); }
    return [...clonedStatusFigures(dir), ...spreadStatusFigures()];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `status` and `status --json` ÷ `node -e 0` in one repository, paired. */
function statusFigures(dir: string, what: string): Figure[] {
  const node: Cmd = { label: 'node -e 0', argv: [process.execPath, '-e', '0'], cwd: dir };
  const [b, status, json] = pairedMedians([node,
    { label: 'status', argv: [process.execPath, CLI, 'status'], cwd: dir },
    { label: 'status --json', argv: [process.execPath, CLI, 'status', '--json'], cwd: dir }], STATUS_ROUNDS);
  return [
    ratioFigure(`gearshift status, ${what} ÷ node -e 0`, status, b, 'node', '≤ 1.6×', STATUS_ROUNDS),
    ratioFigure(`gearshift status --json, ${what} ÷ node -e 0`, json, b, 'node', '≤ 1.6×', STATUS_ROUNDS),
  ];
}

/**
 * The realistic workload: a run every 30 min on real commits, a production stage, some red (peersHistory.ts);
 * 1,440 runs is a 30-day history, younger than the gauge's window (its rates divide by the time observed).
 */
function spreadStatusFigures(): Figure[] {
  const figures: Figure[] = [];
  for (const runs of [1_440, 10_000, 200_000]) {
    const dir = spreadRepo(runs);
    try {
      figures.push(...statusFigures(dir, `${runs} runs, one per 30 min`), ...statusCacheFigures(dir, `${runs} runs, one per 30 min`, STATUS_ROUNDS));
      figures.push(fifthGearLoopFigure(dir, `${runs} runs, one per 30 min`, STATUS_ROUNDS));
      // status reads deploy.json whole for its production line: the same history with the file at its record cap.
      if (runs === 1_440) { fullDeployState(dir); figures.push(...statusFigures(dir, `${runs} runs, one per 30 min, deploy.json at 2,000 records`)); }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

export async function peerFigures(): Promise<Figure[]> {
  if (process.env.GEARSHIFT_BENCH_PEERS === 'status') { return statusOnlyFigures(); }
  // GEARSHIFT_BENCH_PEERS=start: make, the CLI's start and commit → stage only (the status rows take tens of minutes).
  const start = process.env.GEARSHIFT_BENCH_PEERS === 'start';
  const latency = await triggerLatencyFigures('p50 < 50 ms, p95 < 100 ms');
  return [...makeFigures(), ...startFigures(!start), ...(start ? [] : spreadStatusFigures()), ...latency];
}
