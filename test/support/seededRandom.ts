/**
 * mulberry32: a tiny seeded generator, so generated test cases and bench workloads are the same
 * every run and a failure can be replayed from its seed. Not for anything that must be unpredictable.
 * Shared by the unit tests and the bench (both compile under the root tsconfig).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
