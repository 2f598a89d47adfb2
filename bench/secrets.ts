/**
 * Secrets: what masking costs. 200 MiB of log-like stage output (timestamps, ids, base64
 * tokens; each secret printed once per MiB) through the runner with 10 secrets set, as a
 * ratio to the same run with none set (the same runner path: `ResolvedSecrets.none`).
 * Baseline and subject alternate, order rotated each round; the figure is the median of
 * per-round ratios with their IQR and range. Run alone: `node out/bench/index.js secrets`.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PipelineRun } from '../src/core/pipeline';
import { ResolvedSecrets } from '../src/core/secrets';
import { Figure, median, percentile } from './report';
import { sequential } from './pipelineWorkloads';

const BYTES = 200 * 1024 * 1024;
const MIB = 1024 * 1024;

/** Ten secrets of the shapes people store: API tokens, a password with symbols, a multi-line key. */
function tenSecrets(): string[] {
  const tokens = Array.from({ length: 8 }, (_, i) => `tok_${randomBytes(12 + 2 * i).toString('base64url')}`);
  const key = `-----BEGIN KEY-----\n${Array.from({ length: 4 }, () => randomBytes(48).toString('base64')).join('\n')}\n-----END KEY-----`;
  return [...tokens, 'p@ss w0rd!"#', key];
}

/** One MiB of log lines, each secret in it once; written 200 times. */
function writeOutput(file: string, secrets: string[]): void {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < MIB - 4096; i++) {
    const line = `2026-12-02T10:${String(i % 60).padStart(2, '0')}:00.${i % 1000}Z INFO  request id=${randomBytes(8).toString('hex')} user=${i % 977} path=/api/v1/items/${i} status=200 took=${i % 97}ms token=${randomBytes(9).toString('base64')}\n`;
    lines.push(line);
    size += line.length;
  }
  for (const [i, s] of secrets.entries()) { lines[(i + 1) * 37] = `deploy: using ${s}\n`; }
  const block = Buffer.from(lines.join('')).subarray(0, MIB);
  const fd = fs.openSync(file, 'w');
  try { for (let written = 0; written < BYTES; written += MIB) { fs.writeSync(fd, block); } } finally { fs.closeSync(fd); }
}

async function timeRun(file: string, secrets: ResolvedSecrets): Promise<Timing> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = new PipelineRun({ pipeline: sequential([`cat '${file}'`]), sha: 'bench', branch: 'bench', trigger: 'bench', color: false, secrets });
  let bytes = 0;
  let masks = 0;
  run.onEvent((e) => {
    if (e.type !== 'stageOutput') { return; }
    bytes += e.chunk.length;
    for (let at = e.chunk.indexOf('***'); at >= 0; at = e.chunk.indexOf('***', at + 3)) { masks++; }
  });
  const record = await run.start();
  if (record.state !== 'green') { throw new Error(`bench run ended ${record.state}`); }
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, bytes, masks };
}

interface Timing { ms: number; cpuMs: number; bytes: number; masks: number }

/** Median ratio with its IQR and range: on a shared machine the spread is part of the figure. */
function spread(ratios: number[]): string {
  const iqr = `${percentile(ratios, 25).toFixed(2)}–${percentile(ratios, 75).toFixed(2)}`;
  return `${median(ratios).toFixed(2)}× (IQR ${iqr}, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}

export async function secretFigures(rounds = 7): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-secrets-'));
  try {
    const values = tenSecrets();
    const file = path.join(dir, 'out.log');
    writeOutput(file, values);
    const secrets = new ResolvedSecrets(new Map(values.map((v, i) => [`S${i}`, v])));
    await timeRun(file, ResolvedSecrets.none); // warm-up: JIT, page cache
    await timeRun(file, secrets);
    const wall: number[] = [];
    const cpu: number[] = [];
    const masked: number[] = [];
    let masks = 0;
    for (let r = 0; r < rounds; r++) {
      const none = ResolvedSecrets.none;
      const order = r % 2 === 0 ? [none, secrets] : [secrets, none];
      const times = new Map<ResolvedSecrets, Timing>();
      for (const s of order) { times.set(s, await timeRun(file, s)); }
      const [b, m] = [times.get(none), times.get(secrets)];
      if (!b || !m) { throw new Error('bench round lost a run'); }
      masks = m.masks;
      masked.push(m.ms);
      wall.push(m.ms / b.ms);
      cpu.push(m.cpuMs / b.cpuMs);
    }
    return [
      { name: '200 MiB stage output, 10 secrets ÷ none (wall)', value: spread(wall), note: `${rounds} rounds; median ${median(masked).toFixed(0)} ms with secrets; ${masks} masks per run; goal ≤ 1.3×` },
      // The runner's own CPU time (not `cat`'s): steadier than wall time when other jobs share the cores.
      { name: '200 MiB stage output, 10 secrets ÷ none (runner CPU)', value: spread(cpu), note: 'user + system time of this process' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
