import * as fs from 'node:fs';
import * as v8 from 'node:v8';

/** Whether gauge-facts.v8 holds a gauge, not only a note that its bytes were seen once (core/gears/gaugeFactsCache.ts). */
export function hasKeptGauge(file: string): boolean {
  if (!fs.existsSync(file)) { return false; }
  const bytes = fs.readFileSync(file);
  const header = v8.deserialize(bytes.subarray(4, 4 + bytes.readUInt32LE(0))) as { body: number };
  return header.body > 0;
}
