/**
 * Secrets: what masking costs. 200 MiB of log-like stage output (timestamps, ids, base64
 * tokens; each secret printed once per MiB) through the runner with 10 secrets set, as a
 * ratio to the same run with none set (the same runner path: `ResolvedSecrets.none`); also
 * 1 and 50 secrets for the curve. Baseline and subject alternate, order rotated each round; the figure is the median of
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
import { maskerFloor } from './secretsFloor';

const BYTES = 200 * 1024 * 1024;
const MIB = 1024 * 1024;

/** Ten secrets of the shapes people store: API tokens, a password with symbols, a multi-line key. */
function tenSecrets(): string[] {
  const tokens = Array.from({ length: 8 }, (_, i) => `tok_${randomBytes(12 + 2 * i).toString('base64url')}`);
  const key = `-----BEGIN KEY-----\n${Array.from({ length: 4 }, () => randomBytes(48).toString('base64')).join('\n')}\n-----END KEY-----`;
  return [...tokens, 'p@ss w0rd!"#', key];
}

/**
 * One MiB of log lines, each secret in it once; written 200 times. `colour`: SGR sequences on every line (a dim time,
 * a green level), and each secret highlighted in its middle as `grep --color` does: masked on its visible bytes.
 */
function writeOutput(file: string, secrets: string[], colour = false): void {
  const lines: string[] = [];
  let size = 0;
  const [dim, green, off] = colour ? ['\x1b[2m', '\x1b[32m', '\x1b[0m'] : ['', '', ''];
  for (let i = 0; size < MIB - 4096; i++) {
    const line = `${dim}2026-12-02T10:${String(i % 60).padStart(2, '0')}:00.${i % 1000}Z${off} ${green}INFO${off}  request id=${randomBytes(8).toString('hex')} user=${i % 977} path=/api/v1/items/${i} status=200 took=${i % 97}ms token=${randomBytes(9).toString('base64')}\n`;
    lines.push(line);
    size += line.length;
  }
  const highlighted = (s: string): string => (colour ? `${s.slice(0, 4)}\x1b[01;31m\x1b[K${s.slice(4, 7)}\x1b[m\x1b[K${s.slice(7)}` : s);
  for (const [i, s] of secrets.entries()) { lines[(i + 1) * 37] = `deploy: using ${highlighted(s)}\n`; }
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

/** Rounds of baseline and subject, alternating with the order rotated; per-round ratios. */
async function paired(file: string, secrets: ResolvedSecrets, rounds: number): Promise<{ wall: number[]; cpu: number[]; ms: number[]; cpuMs: [number[], number[]]; masks: number }> {
  const none = ResolvedSecrets.none;
  await timeRun(file, secrets); // warm-up for this set of rules
  const result = { wall: [] as number[], cpu: [] as number[], ms: [] as number[], cpuMs: [[], []] as [number[], number[]], masks: 0 };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [none, secrets] : [secrets, none];
    const times = new Map<ResolvedSecrets, Timing>();
    for (const s of order) { times.set(s, await timeRun(file, s)); }
    const [b, m] = [times.get(none), times.get(secrets)];
    if (!b || !m) { throw new Error('bench round lost a run'); }
    result.masks = m.masks;
    result.ms.push(m.ms);
    result.wall.push(m.ms / b.ms);
    result.cpu.push(m.cpuMs / b.cpuMs);
    result.cpuMs[0].push(b.cpuMs);
    result.cpuMs[1].push(m.cpuMs);
  }
  return result;
}

/** Forty more secrets for the 50-secret point: tokens of assorted lengths and a few passwords. */
function fortyMore(): string[] {
  return Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? `pw-${randomBytes(6).toString('hex')}!${i}` : `key_${randomBytes(10 + (i % 20)).toString('base64url')}`));
}

const load = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

export async function secretFigures(rounds = 7): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-secrets-'));
  try {
    const values = tenSecrets();
    const file = path.join(dir, 'out.log');
    writeOutput(file, values);
    const rulesOf = (list: string[]): ResolvedSecrets => new ResolvedSecrets(new Map(list.map((v, i) => [`S${i}`, v])));
    await timeRun(file, ResolvedSecrets.none); // warm-up: JIT, page cache
    const loadBefore = load();
    const ten = await paired(file, rulesOf(values), rounds);
    const one = await paired(file, rulesOf(values.slice(0, 1)), Math.ceil(rounds / 2));
    const fifty = await paired(file, rulesOf([...values, ...fortyMore()]), Math.ceil(rounds / 2));
    const colourFile = path.join(dir, 'colour.log');
    writeOutput(colourFile, values, true);
    await timeRun(colourFile, ResolvedSecrets.none);
    const coloured = await paired(colourFile, rulesOf(values), Math.ceil(rounds / 2));
    fs.rmSync(colourFile);
    const curve = (r: Awaited<ReturnType<typeof paired>>): string => `CPU ${spread(r.cpu)}; wall ${spread(r.wall)}`;
    const floor = maskerFloor(fs.readFileSync(file).subarray(0, MIB), values, rounds);
    const over = (part: string): string => `+${(floor[part] - floor.bare).toFixed(0)} ms`;
    return [
      { name: '200 MiB stage output, 10 secrets ÷ none (wall)', value: spread(ten.wall), note: `${rounds} rounds; median ${median(ten.ms).toFixed(0)} ms with secrets; ${ten.masks} masks per run; goal ≤ 1.3×` },
      // The runner's own CPU time (not `cat`'s): steadier than wall time when other jobs share the cores.
      { name: '200 MiB stage output, 10 secrets ÷ none (runner CPU)', value: spread(ten.cpu), note: `user + system time of this process, median ${median(ten.cpuMs[0]).toFixed(0)} ms without secrets, ${median(ten.cpuMs[1]).toFixed(0)} ms with; load average ${loadBefore} → ${load()} (1/5/15 min)` },
      { name: '200 MiB stage output, 1 secret ÷ none', value: curve(one), note: `${Math.ceil(rounds / 2)} rounds; ${one.masks} masks per run` },
      { name: '200 MiB stage output, 50 secrets ÷ none', value: curve(fifty), note: `${Math.ceil(rounds / 2)} rounds; the 10 above and 40 more tokens and passwords` },
      {
        name: '200 MiB coloured stage output, 10 secrets ÷ none',
        value: curve(coloured),
        note: `${Math.ceil(rounds / 2)} rounds; SGR on every line, each secret highlighted inside (matched on its visible bytes); ${coloured.masks} masks per run; median ${median(coloured.cpuMs[0]).toFixed(0)} → ${median(coloured.cpuMs[1]).toFixed(0)} ms runner CPU`,
      },
      {
        name: '10 secrets, masker alone (no runner): CPU over a bare decode',
        value: `copy into WebAssembly memory ${over('copy')}; copy and scan ${over('scan')}; the whole masker ${over('masker')}`,
        note: `bench/secretsFloor.ts, ${rounds} rounds; bare decode of 200 MiB ${floor.bare.toFixed(0)} ms; load average ${load()}`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
