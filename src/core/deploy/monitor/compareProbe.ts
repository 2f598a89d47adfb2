/**
 * `compare: previous-slot`: the live slot and the slot that was live before get the same GETs at
 * the same moments (an HttpProbe each, sharing the interval's schedule), so both face the same
 * minute of the world: a dependency down for both is not the release's fault. The sample is the
 * live slot's, with the previous slot's numbers beside it (analysis.ts judges them). Without
 * both slots known (no blue/green deploy yet) nothing can be compared: the sample is `down`.
 */
import type { MonitorProbe } from '../../config';
import { HttpProbe } from './httpProbe';
import type { IntervalContext, Probe, ProbeSample } from './types';

type CompareConfig = Extract<MonitorProbe, { kind: 'compare' }>;

export class CompareProbe implements Probe {
  readonly kind = 'compare';
  readonly name: string;
  private readonly probes = new Map<string, HttpProbe>();

  constructor(private readonly config: CompareConfig) {
    this.name = config.name;
    for (const [slot, url] of Object.entries(config.urls)) {
      this.probes.set(slot, new HttpProbe({ kind: 'http', name: `${config.name} (${slot})`, url, timeoutMs: config.timeoutMs, requests: config.requests }));
    }
  }

  async prime(): Promise<void> { /* stateless */ }

  async sample(ctx: IntervalContext): Promise<ProbeSample> {
    const live = ctx.slots?.live;
    const previous = ctx.slots?.previous;
    const liveProbe = live !== undefined ? this.probes.get(live) : undefined;
    const previousProbe = previous !== undefined ? this.probes.get(previous) : undefined;
    if (!liveProbe || !previousProbe || live === previous) {
      const why = live === undefined ? 'no slot is live yet' : previous === undefined ? `${live} is live, and no slot was live before it` : `no URL for slot ${liveProbe ? previous : live}`;
      return { probe: this.name, kind: 'compare', rate: 0, errors: 0, total: 0, down: true, detail: `nothing to compare: ${why}` };
    }
    // The sub-probes' early partial numbers are not a comparison: only whole intervals count.
    const quiet = { ...ctx, progress: (): void => undefined };
    const [now, before] = await Promise.all([liveProbe.sample(quiet), previousProbe.sample(quiet)]);
    const partial = ctx.signal.aborted;
    return {
      ...now,
      probe: this.name,
      kind: 'compare',
      ...(partial ? { partial: true } : {}),
      ...(before.detail !== undefined ? { detail: `${now.detail ?? 'no errors'} (${live}); ${before.detail} (${previous})` } : {}),
      compare: { slot: live as string, previousSlot: previous as string, previousRate: before.rate, previousDown: before.down, factor: this.config.factor },
    };
  }
}
