/**
 * Is the process that wrote a run's `start` line still alive? Decides `running` vs
 * `interrupted` for a run with no `end` line.
 */
import * as os from 'os';
import { formatLimit } from '../format';
import { processStartedAtMs, sameProcessAlive } from '../pipeline';

/** Slack for clock and uptime rounding when comparing a start time with the boot time. */
const BOOT_SLACK_MS = 60_000;

/**
 * True only if the writer was on this host, its pid exists, and it wrote the line after this
 * machine last booted. The boot check stops a pid reused after a reboot from making a run look
 * `running` forever. Another host's process cannot be checked (a `.git` on a network share),
 * so its unfinished runs read as interrupted. With `pidStart` (the writer's /proc start time)
 * a pid reused without a reboot is detected too.
 */
export function isWriterAlive(pid: number | undefined, host: string | undefined, at: string, now = Date.now(), pidStart?: string): boolean {
  // pid <= 0 would address process groups in kill(); never probe those.
  if (host !== os.hostname() || pid === undefined || !Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  const wroteAt = Date.parse(at);
  const bootedAt = now - os.uptime() * 1000;
  if (!Number.isNaN(wroteAt) && wroteAt < bootedAt - BOOT_SLACK_MS) {
    return false;
  }
  if (pidStart !== undefined && sameProcessAlive(process.pid, undefined)) {
    return sameProcessAlive(pid, pidStart); // /proc is there: compare start times
  }
  return pidExists(pid);
}

export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only, nothing is sent
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long before taking a lock its holder may have started (a deploy lock is taken after the stages ran). */
const HOLDER_LEAD_MS = 60 * 60_000;

/**
 * Why a live-looking lock holder without a recorded start time is not the holder, or undefined
 * when it may be. Where /proc is, our own locks always carry the start time; one without (a
 * Gearshift from before that, a copied or hand-made file) is taken for its pid's process only if
 * that process started shortly before the lock was taken, and only until `maxAgeMs`. Else a
 * long-lived process that has the pid (init, a daemon) would hold it until reboot.
 */
export function unprovenHolder(h: { pid: number; startedAt: string; pidStart?: string }, now: number, maxAgeMs: number): string | undefined {
  if (h.pidStart !== undefined || !sameProcessAlive(process.pid, undefined)) { return undefined; }
  const took = Date.parse(h.startedAt);
  const started = processStartedAtMs(h.pid, now);
  if (Number.isNaN(took) || started === undefined) { return `its process ${h.pid} cannot be matched to it (no start time recorded)`; }
  if (started > took + BOOT_SLACK_MS) { return `process ${h.pid} started after the lock was taken (a reused pid)`; }
  if (started < took - HOLDER_LEAD_MS) { return `process ${h.pid} is much older than the lock, and the lock records no start time to match it by`; }
  return now - took > maxAgeMs ? `it records no process start time and was taken more than ${formatLimit(maxAgeMs)} ago` : undefined;
}
