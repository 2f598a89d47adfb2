/**
 * The engine's side of the per-repository run lock (core/lock/runLock.ts): a run starts only
 * holding it. Busy elsewhere, the request's policy decides: refuse at once (naming the holder),
 * or wait until it is free (`waitForLock`: a queued run, `watch`, `gearshift run --wait`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { lockUnwritable, RUN_LOCK_FILE, RunLock } from '../lock';

export type RunLockResult = { ok: true; release: () => Promise<void> } | { ok: false; message: string };

const POLL_MS = 250;

export async function takeRunLock(
  dataDir: string, runId: string, wait: boolean, signal: AbortSignal, onWait: (message: string) => void,
): Promise<RunLockResult> {
  const lock = new RunLock(dataDir);
  let told = false;
  for (;;) {
    let got;
    try {
      got = await lock.acquire(`pipeline run ${runId.slice(0, 8)}`, runId);
    } catch (e) {
      // Not "held": waiting cannot make the folder writable, so the run is refused at once.
      return await unwritable(dataDir, e as NodeJS.ErrnoException);
    }
    if (got.ok) { return { ok: true, release: got.release }; }
    if (!wait) { return { ok: false, message: got.message }; }
    if (signal.aborted) { return { ok: false, message: `stopped while waiting: ${got.message}` }; }
    if (!told) { onWait(`waiting: ${got.message}`); told = true; }
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** The lock file could not be written: say where and what to check. Anything but a file-system error is rethrown: the launch refuses with its own message. */
async function unwritable(dataDir: string, e: NodeJS.ErrnoException): Promise<{ ok: false; message: string }> {
  return { ok: false, message: `cannot start a run: ${await lockUnwritable(dataDir, RUN_LOCK_FILE, 'run lock', e)}` };
}
