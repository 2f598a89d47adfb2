/**
 * `command: …`: run once per interval (`/bin/sh -c`, repo root, own process group). Exit ≠ 0 →
 * rate 1. Exit 0 → the last non-empty line of stdout, if it is a number or a percentage, is the rate (clamped
 * to 0..1), so `curl … | jq .errorRate` works; words or nothing → 0; a line that starts like a
 * number but is none (`3 errors`, `NaN`) → nothing measured (`down`). A timeout kills the group and
 * counts as rate 1, like a command that could not start: in both cases the probe is also `down`
 * (nothing was measured), which matters for the baseline.
 */
import type { MonitorProbe } from '../../config';
import { describeFailure, runCommand, withoutRepoLocators } from '../../pipeline';
import { withoutSecretVars } from '../../secrets';
import { printable } from '../../format';
import type { IntervalContext, Probe, ProbeSample } from './types';

type CommandConfig = Extract<MonitorProbe, { kind: 'command' }>;

/** A probe is a quick check: don't let one hang on to its group for the pipeline's 5s grace. */
const PROBE_KILL_GRACE_MS = 1000;

export class CommandProbe implements Probe {
  readonly kind = 'command';
  readonly name: string;

  private readonly env: NodeJS.ProcessEnv;

  /** `env` without the CLI's GEARSHIFT_SECRET_*: a probe references no secret (config refuses it), so it gets none; nor a hook's GIT_DIR. */
  constructor(private readonly config: CommandConfig, private readonly root: string, env: NodeJS.ProcessEnv) {
    this.name = config.name;
    this.env = withoutRepoLocators(withoutSecretVars(env));
  }

  async prime(): Promise<void> { /* stateless */ }

  async sample(ctx: IntervalContext): Promise<ProbeSample> {
    const run = await runCommand({
      command: this.config.run,
      cwd: this.root,
      env: this.env,
      timeoutMs: this.config.timeoutMs,
      killGraceMs: PROBE_KILL_GRACE_MS,
      signal: ctx.signal,
    });
    const base = { probe: this.name, kind: 'command' as const, total: 1 };
    if (run.cancelled) { return { ...base, rate: 0, errors: 0, total: 0, down: false, partial: true }; }
    const { result } = run;
    if (result.timedOut || result.spawnError !== undefined || result.exitCode === null) {
      return { ...base, rate: 1, errors: 1, down: true, detail: describeFailure(run, this.config.timeoutMs) };
    }
    if (result.exitCode !== 0) {
      return { ...base, rate: 1, errors: 1, down: false, detail: describeFailure(run, this.config.timeoutMs) };
    }
    const read = readRate(run.stdout);
    if ('unreadable' in read) {
      return { ...base, rate: 0, errors: 0, total: 0, down: true, detail: `printed "${printable(read.unreadable.slice(0, 40))}", which is not an error rate (0–1 or a percentage)` };
    }
    // One run, one measurement: `errors` carries the fraction it printed.
    return { ...base, rate: read.rate, errors: read.rate, down: false };
  }
}

/**
 * The last non-empty line as a rate in [0, 1] (`5%` is 0.05; above 1 is clamped to 1). No line, or
 * words (`OK`, a JSON body): 0, the exit status said it. A line that starts like a number but is
 * not a rate (`3 errors`, `-0.2`, `NaN`, `Infinity`) is `unreadable`: nothing was measured.
 */
export function readRate(stdout: string): { rate: number } | { unreadable: string } {
  const last = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').at(-1);
  if (last === undefined) { return { rate: 0 }; }
  // A percentage is a rate too: read as "not a number" it became 0, and a probe printing `50%` passed the release.
  const percent = /^(.*\d)\s*%$/.exec(last);
  const n = percent ? Number(percent[1]) / 100 : Number(last);
  if (Number.isFinite(n) && n >= 0) { return { rate: Math.min(1, n) }; }
  // Read as 0 errors, a probe printing `3 errors` or `NaN` passed the release it could not judge.
  return NUMBER_LIKE.test(last) ? { unreadable: last } : { rate: 0 };
}

const NUMBER_LIKE = /^([-+.\d]|nan\b|inf)/i;
