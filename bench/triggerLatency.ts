/**
 * `trigger: commit` end to end: from `git commit` returning to the first stage's process
 * having started (the engine's stageStarted, emitted once the process is spawned), through the
 * real CommitTracker, CommitTrigger and PipelineEngine. Baseline, same commits, same process:
 * a bare fs.watch on logs/HEAD that spawns `sh -c true` on the first event (the floor for
 * "watch, then start a process"). One run per commit: each run ends before the next commit.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CommitTrigger } from '../src/core/automation/commitTrigger';
import { PipelineEngine } from '../src/core/engine/engine';
// commits.ts imports this file too: fine, both only call each other's functions at run time.
import { git, gitEnv } from './commits';
import { Figure, median, percentile } from './report';
import { deployRunHooks } from '../src/core/deploy/runHooks';

const COMMITS = 55;
const WARMUP = 5;


/** Resolves with performance.now() at the first hit; rejects after `ms`. */
function timeOf(ms: number, subscribe: (hit: () => void) => () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { off(); reject(new Error(`nothing within ${ms} ms`)); }, ms);
    const off = subscribe(() => { clearTimeout(t); off(); resolve(performance.now()); });
  });
}

async function repoWithPipeline(dir: string): Promise<void> {
  await git(dir, 'init', '-q', '-b', 'main');
  for (const [k, v] of [['user.name', 'Bench'], ['user.email', 'bench@example.com'], ['commit.gpgsign', 'false'], ['core.hooksPath', '/dev/null']]) {
    await git(dir, 'config', k, v);
  }
  fs.writeFileSync(path.join(dir, '.gearshift.yml'), 'version: 1\ntrigger: commit\nstages:\n  - name: First\n    run: "true"\n');
  await git(dir, 'add', '.gearshift.yml');
  await git(dir, 'commit', '-q', '-m', 'pipeline');
}

/** `goal`: the section's own (commits: the tracker's; peers: issue 14's < 50 / < 100 ms). */
export async function triggerLatencyFigures(goal = 'p50 < 100 ms, p95 < 250 ms'): Promise<Figure[]> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-trigger-')));
  const t0 = performance.now();
  try {
    await repoWithPipeline(dir);
    const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: dir, color: false, baseEnv: gitEnv() });
    const trigger = new CommitTrigger({ engine });
    await trigger.start();
    let armBare: (() => void) | undefined;
    const bare = fs.watch(path.join(dir, '.git', 'logs'), (_e, name) => {
      const hit = armBare;
      if (String(name) !== 'HEAD' || !hit) { return; }
      armBare = undefined;
      spawn('sh', ['-c', 'true'], { stdio: 'ignore' }).once('spawn', hit);
    });
    const trig: number[] = [];
    const seenAfter: number[] = [];
    const launch: number[] = [];
    const trigFromSpawn: number[] = [];
    const baseFromSpawn: number[] = [];
    try {
      for (let i = -WARMUP; i < COMMITS; i++) {
        const stage = timeOf(5000, (hit) => engine.onEvent((e) => { if (e.type === 'stageStarted') { hit(); } }));
        const floor = timeOf(5000, (hit) => { armBare = hit; return () => { armBare = undefined; }; });
        const seen = timeOf(5000, (hit) => trigger.onEvent((e) => { if (e.type === 'commitSeen') { hit(); } }));
        const ended = timeOf(10_000, (hit) => trigger.onEvent((e) => { if (e.type === 'runEnded') { hit(); } }));
        const spawned = performance.now();
        await git(dir, 'commit', '-q', '--allow-empty', '-m', `bench ${i}`);
        const returned = performance.now();
        const [tStage, tFloor, tSeen] = await Promise.all([stage, floor, seen]);
        await ended;
        await engine.settle(); // the run is fully over: the next commit gets a run of its own
        if (i >= 0) {
          trig.push(Math.max(0, tStage - returned));
          seenAfter.push(Math.max(0, tSeen - returned));
          launch.push(tStage - tSeen);
          trigFromSpawn.push(tStage - spawned);
          baseFromSpawn.push(tFloor - spawned);
        }
      }
    } finally {
      bare.close();
      await trigger.dispose();
      await engine.dispose();
    }
    const ms = (x: number): string => `${x.toFixed(1)} ms`;
    return [
      {
        name: 'commit → first stage process started',
        value: `p50 ${ms(median(trig))}, p95 ${ms(percentile(trig, 95))}`,
        note: `${COMMITS} commits, one run each, after git returns; goal ${goal}; of which commit seen p50 ${ms(median(seenAfter))}, then config, the dirty check (one git status) while the run lock is taken, and the spawn p50 ${ms(median(launch))}`,
      },
      {
        name: 'trigger ÷ bare fs.watch + spawn (from spawn)',
        value: `${(median(trigFromSpawn) / median(baseFromSpawn)).toFixed(2)}×`,
        note: `medians ${ms(median(trigFromSpawn))} vs ${ms(median(baseFromSpawn))} from \`git commit\` being spawned (the bare watcher often fires before git returns); ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
