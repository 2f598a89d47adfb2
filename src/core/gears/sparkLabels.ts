/**
 * The gauge's sparklines in words, for a screen reader (each one's aria-label): a drawn line says
 * nothing to one. Weekly deploy counts are short words, read one by one; durations and error
 * rates are read as the latest, the lowest and the highest (and one by one when there are few).
 */
import { percent } from '../deploy';
import { formatDuration } from '../format';

export interface SparkLabels { readonly deploys: string; readonly durations: string; readonly monitor: string | null }

/** At most this many values are read one by one; more are summed up. */
const READ_EACH = 12;

export function sparkLabels(deploysPerWeek: readonly number[], durationsMs: readonly number[], monitor: readonly number[] | null): SparkLabels {
  return {
    deploys: deploysLabel(deploysPerWeek),
    durations: series('Pipeline duration per run', durationsMs, durationsMs.length === 1 ? 'run' : 'runs', formatDuration, 0),
    monitor: monitor === null ? null : series('Error rate after the last deploy', monitor, monitor.length === 1 ? 'sample' : 'samples', percent, READ_EACH),
  };
}

/** "Deploys per week, last 12 weeks, oldest first: 0, 0, 1, 2 (this week)". */
function deploysLabel(counts: readonly number[]): string {
  const title = `Deploys per week, last ${counts.length} weeks`;
  return counts.length === 0 ? `${title}: none` : `${title}, oldest first: ${counts.join(', ')} (this week)`;
}

/** "Title, last 7 runs: latest 1m 20s, lowest 58s, highest 2m 5s", or each value (oldest first) when there are at most `each`. */
function series(title: string, values: readonly number[], unit: string, word: (v: number) => string, each: number): string {
  if (values.length === 0) { return `${title}: none yet`; }
  const last = `${title}, last ${values.length === 1 ? unit : `${values.length} ${unit}`}`;
  if (values.length === 1) { return `${last}: ${word(values[0])}`; }
  if (values.length <= each) { return `${last}, oldest first: ${values.map(word).join(', ')}`; }
  return `${last}: latest ${word(values[values.length - 1])}, lowest ${word(Math.min(...values))}, highest ${word(Math.max(...values))}`;
}
