/**
 * Every process group this process started that has not ended yet: stages, and what runs outside
 * any stage (a switch script, a command probe). For "exit now" (the CLI's second Ctrl+C): a cancel
 * asks with SIGTERM and schedules the SIGKILL after a grace, and that timer dies with the process;
 * a stage is named in history for the next command's clean-up, but a switch script or a probe is
 * in no run's history, so unkilled here it would run on for good.
 */
const live = new Set<number>();

/** `pgid` is ours until the returned function is called (when its process has ended). */
export function trackGroup(pgid: number): () => void {
  live.add(pgid);
  return () => { live.delete(pgid); };
}

/** SIGKILL to every group still tracked; one already empty is no error. */
export function killLiveGroups(): void {
  for (const pgid of live) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* ESRCH: already empty */ }
  }
}
