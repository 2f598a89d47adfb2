/** Shapes shared by the monitor, its probes and the views that draw live numbers. */

/** Timers and time, injectable so schedules can be tested without waiting. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Waits `ms` on `clock`; resolves early (never rejects) when `signal` aborts. Leaves no timer behind. */
export function delay(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) { return Promise.resolve(); }
  return new Promise((resolve) => {
    const done = (): void => {
      clock.clearTimeout(handle);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const handle = clock.setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** One probe's result for one interval. */
export interface ProbeSample {
  probe: string;
  kind: 'http' | 'command' | 'log' | 'compare';
  /** Error rate in [0, 1]. */
  rate: number;
  errors: number;
  /** Requests made, commands run (1) or new log lines. */
  total: number;
  /** Nothing could be measured (no HTTP answer at all, command did not run, log missing). */
  down: boolean;
  /** Mean latency of answered HTTP requests. */
  latencyMs?: number;
  /** Plain words: "HTTP 500 ×3", "connection refused", "log rotated; read from the start". */
  detail?: string;
  /** Cut short (the interval was abandoned): `rate` is a lower bound from what was seen. */
  partial?: boolean;
  /** A partial sample: how many of the `total` planned were measured so far. */
  seen?: number;
  /** A compare probe: the live slot's numbers are the sample's, the previous slot's are here. */
  compare?: SlotComparison;
}

export interface SlotComparison {
  slot: string;
  previousSlot: string;
  previousRate: number;
  previousDown: boolean;
  factor: number;
}

/** Which slot is live and which was live before (compare probes measure both). */
export interface LiveSlots {
  live?: string;
  previous?: string;
}

/** Handed to a probe for one interval. */
export interface IntervalContext {
  intervalMs: number;
  /** When the interval began, on `clock`. */
  startedAt: number;
  clock: Clock;
  /** Aborts when the interval is abandoned (alarm tripped, cancel): stop and return quickly. */
  signal: AbortSignal;
  /**
   * The interval so far, marked `partial`, with `rate` = errors so far ÷ planned: a lower bound
   * on the interval's final rate, so an alarm can trip before the interval ends.
   */
  progress(sofar: ProbeSample): void;
  /** Where traffic goes now and went before; absent outside a blue/green deploy. */
  slots?: LiveSlots;
}

export interface Probe {
  readonly name: string;
  readonly kind: ProbeSample['kind'];
  /** Called before each phase (baseline, watch): e.g. a log probe skips what is already there. */
  prime(): Promise<void>;
  /** Never rejects; failures are samples (rate 1 or down). */
  sample(ctx: IntervalContext): Promise<ProbeSample>;
}

/** What onSample listeners get: a sample with where it belongs. */
export interface MonitorSample extends ProbeSample {
  phase: 'baseline' | 'watch';
  /** 1-based within the phase. */
  interval: number;
  /** Watch phase: how many intervals the window has ("monitoring production (3/24 intervals)"). */
  of?: number;
  at: string;
  /** The probe's baseline rate, when known (watch phase). */
  baseline?: number;
}

export interface ProbeBaseline {
  probe: string;
  /** Mean rate over the intervals it could be measured; undefined = unknown. */
  rate?: number;
  samples: number;
}

export interface Baseline {
  probes: ProbeBaseline[];
  /** Plain-language statements for the terminal, e.g. that a probe was down and why. */
  notes: string[];
  cancelled: boolean;
}

export type MonitorResult =
  | {
    tripped: true;
    probe: string;
    rate: number;
    baseline?: number;
    /** ISO 8601. */
    at: string;
    /** 1-based watch interval in which it tripped. */
    interval: number;
    reason: 'threshold' | 'spike' | 'compare';
    /** Failed measurements of that probe in the window (more than `failureLimit`). */
    failures?: number;
    message: string;
  }
  /** Neither passed nor failed: a person decides (Keep / Roll Back). */
  | { tripped: false; inconclusive: true; cancelled: false; intervals: number; probe: string; why: 'errors' | 'range' | 'unmeasured'; at: string; message: string }
  | { tripped: false; inconclusive?: false; intervals: number; cancelled: boolean; message: string };
