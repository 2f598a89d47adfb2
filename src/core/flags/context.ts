/**
 * A pipeline folder → its flags context. The root is the folder holding `.gearshift.yml` (the
 * folder every `flags:` path is relative to), else the folder itself; git commands run there,
 * so git paths are relative to it too.
 */
import type { FlagsConfig } from '../config';
import type { FlagsContext } from './load';

export function flagsContextFor(folder: string, config?: FlagsConfig, historyFile?: string): FlagsContext {
  return { root: folder, ...(config ? { config } : {}), ...(historyFile ? { historyFile } : {}) };
}
