/**
 * Signal a whole process group; a group that is already gone is not an error. Returns false when the
 * kernel says no process is in it (ESRCH): nothing can join an empty group, so its id can only come
 * back as a stranger's (a new process given the same pid), and it must not be signalled again.
 */
export function killGroup(pgid: number | undefined, signal: NodeJS.Signals): boolean {
  if (pgid === undefined || pgid <= 0) { return false; }
  // Every stage ends with a kill of a group that is usually empty: its exception needs no stack trace.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    // ESRCH: the group is empty. EPERM: the id was reused by someone else's group. Either way, nothing of ours is left.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}
