/**
 * Pipeline runner: overhead, DAG efficiency and output streaming, each as a ratio to a plain
 * `/bin/sh` baseline measured in this same process. Baseline and subject runs are interleaved
 * (order rotated every round) and repeated; figures are medians of the per-round ratios, with
 * the raw medians in the note. Stages are built as typed Pipeline objects (no YAML, no git).
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Figure, median, percentile } from './report';
import {
  makePipeline, sequential, timeRunner, timeShell, timeShellsInSequence, withMemorySampling,
  type MemoryGrowth, type Timed,
} from './pipelineWorkloads';
import { liveFilterFigures } from './liveFilter';

const STAGES = 8;
const STREAM_BYTES = 200 * 1024 * 1024;
/** 99 chars + newline = 100-byte lines; 200 MiB is exactly 2,097,152 of them. */
const streamCommand = (bytes: number): string => `yes ${'x'.repeat(99)} | head -c ${bytes}`;

type Subject = [name: string, run: () => Promise<Timed>];

/**
 * Runs every subject once per round, rotating the order each round so no subject always goes
 * first (or right after the heaviest one). `warmup` rounds are run and thrown away.
 */
async function interleave(subjects: Subject[], rounds: number, warmup = 1): Promise<Map<string, Timed[]>> {
  const out = new Map<string, Timed[]>(subjects.map(([name]) => [name, []]));
  for (let r = -warmup; r < rounds; r++) {
    const k = ((r % subjects.length) + subjects.length) % subjects.length;
    for (const [name, run] of [...subjects.slice(k), ...subjects.slice(0, k)]) {
      const t = await run();
      if (r >= 0) { out.get(name)?.push(t); }
    }
  }
  return out;
}

const ms = (xs: Timed[]): number[] => xs.map((x) => x.ms);
const perRound = (a: Timed[], b: Timed[], f: (x: number, y: number) => number): number[] => a.map((x, i) => f(x.ms, b[i].ms));
const fmtMs = (x: number): string => `${x.toFixed(1)} ms`;
const ratio = (x: number): string => `${x.toFixed(3)}×`;
/** Median of per-round ratios, with their interquartile range so the noise is visible. */
const ratioWithSpread = (xs: number[]): string =>
  `${ratio(median(xs))} (IQR ${percentile(xs, 25).toFixed(3)}–${percentile(xs, 75).toFixed(3)})`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export async function pipelineFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const t0 = Date.now();
  figures.push(...await streamingFigures());
  figures.push(...await overheadFigures());
  figures.push(...await dagFigures());
  figures.push(...liveFilterFigures());
  figures.push({ name: 'section wall time', value: `${((Date.now() - t0) / 1000).toFixed(1)} s` });
  return figures;
}

async function overheadFigures(rounds = 9): Promise<Figure[]> {
  const sleeps = Array.from({ length: STAGES }, () => 'sleep 0.05');
  const s = await interleave([
    ['runner', () => timeRunner(sequential(sleeps))],
    ['chain', () => timeShell(sleeps.join(' && '))],
    ['spawns', () => timeShellsInSequence(sleeps)],
  ], rounds);
  const [runner, chain, spawns] = [s.get('runner') ?? [], s.get('chain') ?? [], s.get('spawns') ?? []];

  const trivial = Array.from({ length: STAGES }, () => 'true');
  const tRounds = 21;
  const t = await interleave([
    ['runner', () => timeRunner(sequential(trivial))],
    ['chain', () => timeShell(trivial.join(' && '))],
    ['spawns', () => timeShellsInSequence(trivial)],
  ], tRounds, 3);
  const [tRunner, tChain, tSpawns] = [t.get('runner') ?? [], t.get('chain') ?? [], t.get('spawns') ?? []];
  const perStage = (base: Timed[]): string => {
    const xs = perRound(tRunner, base, (a, b) => (a - b) / STAGES);
    return `${median(xs).toFixed(2)} ms/stage (IQR ${percentile(xs, 25).toFixed(2)}–${percentile(xs, 75).toFixed(2)})`;
  };

  return [
    {
      name: `overhead (headline): runner ÷ sh -c chain, ${STAGES} × sleep 0.05`,
      value: ratioWithSpread(perRound(runner, chain, (a, b) => a / b)),
      note: `target ≤ 1.02; runner ${fmtMs(median(ms(runner)))} vs sh -c 'sleep 0.05 && … ×${STAGES}' ${fmtMs(median(ms(chain)))} medians; ${rounds} interleaved rounds`,
    },
    {
      name: `overhead: runner ÷ ${STAGES} sequential sh -c, ${STAGES} × sleep 0.05`,
      value: ratioWithSpread(perRound(runner, spawns, (a, b) => a / b)),
      note: `fair per-process-group baseline (detached spawns, runner's stdio); ${fmtMs(median(ms(spawns)))} median`,
    },
    {
      name: `overhead per trivial stage vs one sh -c 'true && … ×${STAGES}'`,
      value: perStage(tChain),
      note: `fixed per-process cost: runner ${STAGES} × true ${fmtMs(median(ms(tRunner)))} vs one shell ${fmtMs(median(ms(tChain)))} medians (${ratio(median(perRound(tRunner, tChain, (a, b) => a / b)))}); ${tRounds} rounds`,
    },
    {
      name: `overhead per trivial stage vs ${STAGES} sequential sh -c true`,
      value: perStage(tSpawns),
      note: `what the runner adds beyond spawning a shell per stage: ${STAGES} spawns ${fmtMs(median(ms(tSpawns)))} median (${ratio(median(perRound(tRunner, tSpawns, (a, b) => a / b)))})`,
    },
  ];
}

async function dagFigures(rounds = 7): Promise<Figure[]> {
  const diamond = makePipeline([
    { name: 'A', run: 'sleep 0.2' },
    { name: 'B', run: 'sleep 0.4', needs: ['A'] },
    { name: 'C', run: 'sleep 0.3', needs: ['A'] },
    { name: 'D', run: 'sleep 0.2', needs: ['B', 'C'] },
  ]);
  const s = await interleave([
    ['runner', () => timeRunner(diamond)],
    ['critical', () => timeShell('sleep 0.2 && sleep 0.4 && sleep 0.2')],
  ], rounds);
  const [runner, critical] = [s.get('runner') ?? [], s.get('critical') ?? []];
  return [{
    name: 'DAG efficiency: diamond wall ÷ critical path',
    value: ratioWithSpread(perRound(runner, critical, (a, b) => a / b)),
    note: `target ≤ 1.05; A 0.2 → (B 0.4 ∥ C 0.3) → D 0.2 s; runner ${fmtMs(median(ms(runner)))} vs sh -c 'sleep 0.2 && sleep 0.4 && sleep 0.2' ${fmtMs(median(ms(critical)))} medians; ${rounds} rounds`,
  }];
}

/** A full GC before each memory measurement, when the flag can be turned on at run time. */
function gcFunction(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function streamingFigures(rounds = 5): Promise<Figure[]> {
  const gc = gcFunction();
  const growth = new Map<string, MemoryGrowth[]>([['runner', []], ['plain', []], ['decoded', []], ['logged', []]]);
  const logsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-logs-'));
  const measured = (name: string, fn: () => Promise<Timed>) => async (): Promise<Timed> => {
    gc?.();
    const { result, growth: g } = await withMemorySampling(fn);
    if (result.bytes !== STREAM_BYTES) { throw new Error(`${name} saw ${result.bytes} bytes, expected ${STREAM_BYTES}`); }
    growth.get(name)?.push(g);
    return result;
  };
  const command = streamCommand(STREAM_BYTES);
  // Warm-up at 1/10 size so JIT and pipe setup are not in the first measured round.
  await timeRunner(sequential([streamCommand(STREAM_BYTES / 10)]));
  await timeShell(streamCommand(STREAM_BYTES / 10));
  const s = await interleave([
    ['runner', measured('runner', () => timeRunner(sequential([command])))],
    ['plain', measured('plain', () => timeShell(command))],
    ['decoded', measured('decoded', () => timeShell(command, true, true))],
    ['logged', measured('logged', () => timeRunner(sequential([command]), logsDir))],
  ], rounds, 0);
  fs.rmSync(logsDir, { recursive: true, force: true });
  const [runner, plain, decoded, logged] = [s.get('runner') ?? [], s.get('plain') ?? [], s.get('decoded') ?? [], s.get('logged') ?? []];
  const chunks = (xs: Timed[]): string => `${Math.round(median(xs.map((x) => x.chunks)))} chunks`;
  const mbps = (x: number): string => `${(STREAM_BYTES / 1024 / 1024 / (x / 1000)).toFixed(0)} MiB/s`;
  const rg = growth.get('runner') ?? [];
  const pg = growth.get('plain') ?? [];
  const rss = (xs: MemoryGrowth[]): number[] => xs.map((g) => g.rssBytes);
  const heap = (xs: MemoryGrowth[]): number[] => xs.map((g) => g.heapBytes);
  return [
    {
      name: 'streaming 200 MiB: runner (every stageOutput counted)',
      value: mbps(median(ms(runner))),
      note: `${fmtMs(median(ms(runner)))} median of ${rounds}, ${chunks(runner)}; \`yes <99 x> | head -c ${STREAM_BYTES}\``,
    },
    {
      name: 'streaming 200 MiB: plain spawn pipe (Buffer chunks)',
      value: mbps(median(ms(plain))),
      note: `${fmtMs(median(ms(plain)))} median of ${rounds}, ${chunks(plain)}`,
    },
    {
      name: 'streaming 200 MiB: plain spawn + StringDecoder, runner spawn options',
      value: mbps(median(ms(decoded))),
      note: `${fmtMs(median(ms(decoded)))} median of ${rounds}, ${chunks(decoded)}; the string decoding any string-event consumer pays`,
    },
    {
      name: 'streaming: runner MiB/s ÷ plain MiB/s',
      value: ratioWithSpread(perRound(runner, plain, (a, b) => b / a)),
      note: 'median of per-round ratios, interleaved; < 1 means the runner is slower',
    },
    {
      name: 'streaming: runner MiB/s ÷ plain+StringDecoder MiB/s',
      value: ratioWithSpread(perRound(runner, decoded, (a, b) => b / a)),
      note: 'what the runner costs beyond decoding: emitter, event objects, process-group spawn',
    },
    {
      name: 'streaming: runner + saved logs MiB/s ÷ runner MiB/s',
      value: ratioWithSpread(perRound(logged, runner, (a, b) => b / a)),
      note: `what saving the output (core/runlog: head + tail in memory, one write at the end) costs; ${mbps(median(ms(logged)))}, peak RSS growth ${mib(median(rss(growth.get('logged') ?? [])))} median`,
    },
    {
      name: 'streaming: runner peak RSS growth',
      value: mib(median(rss(rg))),
      note: `median over ${rg.length} runs (first ${mib(rss(rg)[0] ?? 0)}, max ${mib(Math.max(...rss(rg)))}); plain spawn ${mib(median(rss(pg)))} median; sampled every 50 ms${gc ? ', full GC before each run' : ''}`,
    },
    {
      name: 'streaming: runner peak heapUsed growth',
      value: mib(median(heap(rg))),
      note: `max ${mib(Math.max(...heap(rg)))}; plain spawn ${mib(median(heap(pg)))} median`,
    },
  ];
}
