/**
 * Deploys: what blue/green costs on top of running the stages, and how instant a rollback is.
 * Same-process baselines, interleaved rounds:
 * (a) a production deploy (lock, deploy.json, idle slot, switch script) ÷ the same pipeline run
 *     without `deploy:` (the stages alone);
 * (b) a rollback (a switch back: lock, state, the switch script) ÷ running the switch script
 *     alone with `sh -c` — the floor for "make the other slot live".
 * Run alone: `node out/bench/index.js deploy`.
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { deployProduction, rollbackProduction } from '../src/core/release/index';
import { PipelineEngine } from '../src/core/engine/engine';
import { Figure, median } from './report';
import { deployRunHooks } from '../src/core/deploy/runHooks';

const ROUNDS = 12;

function pipelineText(liveFile: string, blueGreen: boolean): string {
  return `version: 1
stages:
  - name: Unit Tests
    run: echo tested
  - name: Deploy Prod
    run: echo "deploying into $GEARSHIFT_SLOT"
    environment: production
${blueGreen ? `deploy:\n  strategy: blue-green\n  switch: printf '%s' "$GEARSHIFT_SLOT" > "${liveFile}"\n` : ''}`;
}

function repo(blueGreen: boolean, liveFile: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-deploy-'));
  const git = (...args: string[]): void => { execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }); };
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, '.gearshift.yml'), pipelineText(liveFile, blueGreen));
  git('add', '.');
  git('-c', 'user.name=Bench', '-c', 'user.email=b@example.com', 'commit', '-q', '-m', 'bench');
  return dir;
}

function sh(command: string): Promise<void> {
  return new Promise((resolve, reject) => execFile('/bin/sh', ['-c', command], { env: { ...process.env, GEARSHIFT_SLOT: 'blue' } }, (e) => (e ? reject(e) : resolve())));
}

export async function deployFigures(): Promise<Figure[]> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-live-'));
  const liveFile = path.join(scratch, 'live');
  const withSlots = repo(true, liveFile);
  const plain = repo(false, liveFile);
  const bg = new PipelineEngine({ hooks: deployRunHooks(), folder: withSlots, killGraceMs: 200 });
  const stagesOnly = new PipelineEngine({ hooks: deployRunHooks(), folder: plain, killGraceMs: 200 });
  const deployMs: number[] = [];
  const stagesMs: number[] = [];
  const rollbackMs: number[] = [];
  const switchMs: number[] = [];
  try {
    for (let r = -2; r < ROUNDS; r++) {
      let t = performance.now();
      const d = await deployProduction(bg, { approvedBy: 'bench' });
      if (d.result !== 'ok') { throw new Error(`deploy: ${d.message}`); }
      const deployed = performance.now() - t;
      t = performance.now();
      const started = await stagesOnly.start({ trigger: 'bench' });
      if (started.kind !== 'started') { throw new Error(`run: ${started.kind}`); }
      await started.done;
      const staged = performance.now() - t;
      // A rollback needs a release before: from the second deploy on, roll back then deploy again.
      let rolled = 0;
      if (r >= -1) {
        t = performance.now();
        const rb = await rollbackProduction(bg, { approvedBy: 'bench' });
        if (rb.result !== 'ok') { throw new Error(`rollback: ${rb.message}`); }
        rolled = performance.now() - t;
      }
      t = performance.now();
      await sh(`printf '%s' "$GEARSHIFT_SLOT" > "${liveFile}.baseline"`);
      const switched = performance.now() - t;
      if (r >= 0) { deployMs.push(deployed); stagesMs.push(staged); rollbackMs.push(rolled); switchMs.push(switched); }
    }
  } finally {
    await bg.dispose();
    await stagesOnly.dispose();
    for (const d of [withSlots, plain, scratch]) { fs.rmSync(d, { recursive: true, force: true }); }
  }
  return [
    { name: 'production deploy with blue/green', value: `${median(deployMs).toFixed(0)} ms`, note: `stages alone ${median(stagesMs).toFixed(0)} ms; ${ROUNDS} rounds` },
    { name: 'blue/green deploy ÷ stages alone', value: `${(median(deployMs) / median(stagesMs)).toFixed(2)}×`, note: 'lock + deploy.json + idle slot + switch script' },
    { name: 'rollback (switch back)', value: `${median(rollbackMs).toFixed(0)} ms`, note: `switch script alone ${median(switchMs).toFixed(1)} ms` },
    { name: 'rollback ÷ switch script alone', value: `${(median(rollbackMs) / median(switchMs)).toFixed(2)}×`, note: 'no stage rebuilt: config + lock + state + script' },
  ];
}
