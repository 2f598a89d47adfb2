/** "1 probe", "3 probes": a count with its noun agreed, instead of "probe(s)". */
export function counted(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
