import * as os from 'os';
import * as path from 'path';

/** The project root (this file compiles to out/test/harness/). */
export const projectRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Where code-server and Node 24 are installed on first use. Outside the clone on purpose: CI
 * clones afresh each run, so a cache inside the clone would always be cold (≈ 3 min).
 * Override with GEARSHIFT_TEST_CACHE.
 */
export function cacheDir(): string {
  if (process.env.GEARSHIFT_TEST_CACHE) { return path.resolve(process.env.GEARSHIFT_TEST_CACHE); }
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gearshift-test');
}

/** Per-run scratch space inside the clone (git-ignored), removed by each harness at the end. */
export const scratchRoot = path.join(projectRoot, '.vscode-test');

/** Where the e2e suites save their screenshots (git-ignored). */
export const screenshotRoot = path.join(projectRoot, 'test', 'e2e', 'screenshots');

/**
 * What the harness installs, pinned exactly so every machine runs what was measured. To bump:
 * change a version here, run `GEARSHIFT_TEST_CACHE=$(mktemp -d) npm test` (a cold install) and
 * update the figures in docs/development.md. code-server 4.139.x needs Node 24.
 */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
