/**
 * `Date.prototype.toISOString`'s text without its cost on a short command: V8 sets up the local
 * time zone (reads /etc/localtime, ICU) on the first call, ≈ 0.7 ms quiet and 2 ms under load on
 * `gearshift run`, which never needs local time (docs/benchmarks-journal.md, 14r4). The UTC getters do not.
 */

/** Exactly `new Date(time).toISOString()`: years outside 0000–9999 and invalid dates go to V8 (its ±YYYYYY form, its RangeError). */
export function isoTime(time: Date | number = Date.now()): string {
  const d = typeof time === 'number' ? new Date(time) : time;
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) { return d.toISOString(); }
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
