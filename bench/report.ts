/** Shared shape of bench output: one table of named figures, printed and kept as JSON. */
export interface Figure { name: string; value: string; note?: string }

export function printSection(title: string, figures: Figure[]): void {
  console.log(`\n## ${title}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    console.log(`  ${f.name.padEnd(width)}  ${f.value}${f.note ? `   (${f.note})` : ''}`);
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
