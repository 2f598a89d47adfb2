/**
 * Root hooks of the unit tier, loaded through .mocharc.json's `require`, so in every parallel
 * worker, where they run once per spec file. Each file runs in its own temp sandbox (see
 * tempSandbox.ts): runs outside a git repository keep their history under $XDG_STATE_HOME (read
 * from process.env by the core), never the user's ~/.local/state, and every temp dir lands in a
 * private TMPDIR. A file that leaves anything there fails in its "after all" hook, so the tier
 * leaves nothing behind in /tmp and a new leak is seen at once.
 */
import * as path from 'node:path';
import type { Context, Suite } from 'mocha';
import { closeTempSandbox, openTempSandbox, type TempSandbox } from './tempSandbox';

let sandbox: TempSandbox | undefined;

export const mochaHooks = {
  beforeAll(): void {
    sandbox = openTempSandbox();
  },
  afterAll(this: Context): void {
    if (!sandbox) { return; }
    const left = closeTempSandbox(sandbox);
    sandbox = undefined;
    if (left.length > 0) {
      throw new Error(`${specFiles(this.test?.parent)} left temp files behind (removed now): ${left.join(', ')}; `
        + 'make them with tempDir() or remove them in an after hook');
    }
  },
};

/** The spec file(s) the root suite ran: one in a parallel worker. */
function specFiles(root: Suite | undefined): string {
  const files = new Set((root?.suites ?? []).map((s) => s.file).filter((f): f is string => !!f));
  return [...files].map((f) => path.relative(process.cwd(), f)).join(', ') || 'a spec file';
}
