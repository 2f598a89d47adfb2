/**
 * Live output's escape filter (core/render liveOutput.ts), in process: 4 MiB in 64 KiB chunks,
 * the size of a pipe read. Output dense with 8-bit sequences (binary or hostile output) as a
 * ratio to the same sequences in their 7-bit form, which a terminal reads the same way. Rounds
 * interleaved, order flipped each round; figures are medians of per-round CPU ratios (review31 L8: 8-bit CSI was ≈ 140× 7-bit).
 */
import { LiveOutput } from '../src/core/render/liveOutput';
import { Figure, median, percentile } from './report';

const CHUNK = 64 * 1024;
const CHUNKS = 64;

const filled = (unit: string): string => unit.repeat(Math.ceil(CHUNK / unit.length)).slice(0, CHUNK);

const INPUTS = {
  csi7: filled('\x1b[1mx'),
  csi8: filled('\x9b1mx'),
  osc7: filled('\x1b]0;t\x07x'),
  osc8: filled('\x9d0;t\x07x'),
};
type Input = keyof typeof INPUTS;

/** CPU ms for CHUNKS chunks through one filter; the output is read, as a terminal write would. */
function cpuMs(chunk: string): number {
  const filter = new LiveOutput();
  const t0 = process.cpuUsage();
  let shown = 0;
  for (let k = 0; k < CHUNKS; k++) { const out = filter.clean(chunk); shown += out.charCodeAt(out.length - 1); }
  const t = process.cpuUsage(t0);
  if (Number.isNaN(shown)) { throw new Error('the live filter bench: a chunk came out empty'); }
  return (t.user + t.system) / 1000;
}

export function liveFilterFigures(rounds = 15): Figure[] {
  const names = Object.keys(INPUTS) as Input[];
  const times = new Map(names.map((n) => [n, [] as number[]]));
  for (let r = -2; r < rounds; r++) { // two warm-up rounds: JIT
    for (const n of r % 2 === 0 ? names : [...names].reverse()) {
      const t = cpuMs(INPUTS[n]);
      if (r >= 0) { times.get(n)?.push(t); }
    }
  }
  const ms = (n: Input): number[] => times.get(n) ?? [];
  const ratio = (a: Input, b: Input): string => {
    const xs = ms(a).map((x, i) => x / Math.max(ms(b)[i], 0.01));
    return `${median(xs).toFixed(1)}× (IQR ${percentile(xs, 25).toFixed(1)}–${percentile(xs, 75).toFixed(1)})`;
  };
  const raw = (n: Input): string => `${median(ms(n)).toFixed(1)} ms`;
  const mib = `${(CHUNK * CHUNKS) / 1024 / 1024} MiB in 64 KiB chunks`;
  return [
    { name: 'live filter: 8-bit CSI ÷ 7-bit CSI (\\x9b1mx vs ESC[1mx)', value: ratio('csi8', 'csi7'), note: `CPU, ${mib}, ${rounds} rounds; ${raw('csi8')} vs ${raw('csi7')}` },
    { name: 'live filter: 8-bit OSC ÷ 7-bit OSC (\\x9d0;t BEL x vs ESC]0;t BEL x)', value: ratio('osc8', 'osc7'), note: `${raw('osc8')} vs ${raw('osc7')}` },
  ];
}
