/**
 * Milliseconds on a monotonic clock, for durations. Not `performance.now()`: importing
 * perf_hooks, or the global `performance`, loads eleven of Node's modules (≈ 1 ms of a
 * one-stage `gearshift run`, docs/benchmarks-journal.md, "The CLI's fixed cost", 14f); hrtime is
 * the same clock with nothing to load.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
