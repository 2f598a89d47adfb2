/**
 * Defect 3: `gearshift run` used to read a stage's output as fast as the stage wrote it and queue
 * it for a stdout nobody was reading (500 MB → 1.09 GB RSS). With backpressure the stage's pipe
 * is not read while stdout is full, so the stage itself waits and the CLI's memory stays flat.
 * A real `gearshift run` (dist/cli.js) prints ~200 MB; this test stalls its stdout, then reads
 * it, sampling the child's VmRSS from /proc throughout. Figures: bench/, docs/reliability.md.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { CLI, cliEnv, ensureCliBuilt } from './cliProcess';
import { pipeline, Workspaces } from '../../support/workspaces';

const MiB = 1024 * 1024;
const OUTPUT_BYTES = 200 * 1000 * 1000;
const IDLE_CLI_RSS = 60 * MiB;
/** Lines of 100 bytes: `yes` repeats its argument and a newline. */
const STAGE = `yes ${'x'.repeat(99 - 1)} | head -c ${OUTPUT_BYTES}`;

export function vmRssBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined; // the process has exited
  }
}

describe('gearshift run output backpressure (real process)', function () {
  this.timeout(180_000);
  const ws = new Workspaces();
  before(function () { this.timeout(240_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  it('200 MB of stage output into a stalled, then slow stdout reader: peak RSS under an idle CLI (60 MiB) + 100 MiB, and every byte arrives', async () => {
    const repo = ws.repo(pipeline([{ name: 'Flood', run: STAGE }]));
    const child = spawn(process.execPath, [CLI, 'run'], { cwd: repo, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid!;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.stdout.pause(); // stalled reader: nothing is read until we resume
    const samples: number[] = [];
    const sampler = setInterval(() => { const rss = vmRssBytes(pid); if (rss !== undefined) { samples.push(rss); } }, 25);
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      // Stalled: 60 samples (≈ 1.5 s) during which an unbounded CLI would read the whole 200 MB.
      await new Promise<void>((resolve) => { const check = setInterval(() => { if (samples.length >= 60) { clearInterval(check); resolve(); } }, 25); });
      // Slow: 64 KiB at a time, a macrotask between reads.
      let received = 0;
      child.stdout.on('readable', function read() {
        const chunk = child.stdout.read(64 * 1024) as Buffer | null;
        if (chunk) { received += chunk.length; setImmediate(read); }
      });
      const code = await closed;
      assert.equal(code, 0, stderr);
      const max = Math.max(...samples);
      assert.ok(received > OUTPUT_BYTES, `every byte arrived (${received})`);
      // The first samples catch node still booting, so the bound is absolute: an idle CLI is
      // ~50 MiB, and the budget for output in flight is 100 MiB on top of that.
      assert.ok(max < IDLE_CLI_RSS + 100 * MiB, `max RSS ${(max / MiB).toFixed(0)} MiB over ${samples.length} samples`);
    } finally {
      clearInterval(sampler);
      if (child.exitCode === null) { child.kill('SIGKILL'); }
    }
  });
});
