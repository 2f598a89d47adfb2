/**
 * Temporary files beside deploy.json that a killed process left: `.deploy.json.corrupt.….tmp`
 * (a corrupt copy written whole, killed before link() named it: corruptCopy.ts) and
 * `.deploy.json.….tmp` (a state write killed before its rename). The sweep is history's
 * (staleTemps.ts, which says when a temp is stale); the corrupt copy's temp name carries its
 * writer's /proc start time too, against a reused pid.
 */
import * as path from 'node:path';
import { MIN_AGE_MS, sweepStaleTemps } from '../history';
import { processStartTime } from '../pipeline';

export { MIN_AGE_MS };

/** A temporary name for `file` carrying this process's pid and start time (the sweep reads both back). */
export function writerTemporary(file: string): string {
  const start = processStartTime(process.pid);
  const random = Math.random().toString(36).slice(2);
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${start !== undefined ? `${start}-` : ''}${random}.tmp`);
}

/** Removes the stale temporaries of deploy.json and its corrupt copies in `dir`. Never rejects. */
export function sweepDeployTemps(dir: string, now = Date.now()): Promise<string[]> {
  return sweepStaleTemps(dir, ['deploy.json', 'deploy.json.corrupt'], now);
}
