/**
 * `gearshift run` keeps each checked config in the CLI's private cache directory, so an
 * unchanged `.gearshift.yml` is not parsed and checked again on every start
 * (src/core/config/parseStore.ts; docs/benchmarks-journal.md, 14r2). Off with GEARSHIFT_CODE_CACHE=0, like
 * the code cache, and in builds without webpack (no build hash to key entries by).
 */
import * as path from 'node:path';
import { FileParseStore, ParseMemo } from '../core/config';
import { defaultCacheRoot, privateDirectory } from './codeCache';

declare const __webpack_hash__: string | undefined;

export function installParseStore(env: NodeJS.ProcessEnv, build = typeof __webpack_hash__ === 'string' ? __webpack_hash__ : undefined): void {
  if (env.GEARSHIFT_CODE_CACHE === '0' || build === undefined) { return; }
  const dir = privateDirectory(path.join(defaultCacheRoot(env), 'config'));
  if (dir) { ParseMemo.store = new FileParseStore(dir, build); }
}
