import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser, Browser } from './browser';
import { CodeServer, CodeServerOptions, startCodeServer } from './codeServer';
import { ensureToolchain, Toolchain } from './install';
import { chromiumPath } from './prerequisites';
import { scratchRoot } from './paths';

/**
 * One code-server + one headless Chromium, torn down together. Every harness goes through this,
 * so a failure anywhere still leaves no process or socket behind.
 */
export interface Session { toolchain: Toolchain; server: CodeServer; browser: Browser; scratch: string; dispose(): Promise<void> }

export function newScratch(name: string): string {
  const dir = path.join(scratchRoot, `${name}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function openSession(name: string, opts: Omit<CodeServerOptions, 'scratch'> = {},
  beforeStart?: (tc: Toolchain, scratch: string) => void): Promise<Session> {
  chromiumPath(); // fail early and clearly, before the slow parts
  const toolchain = ensureToolchain();
  const scratch = newScratch(name);
  beforeStart?.(toolchain, path.join(scratch, 'server'));
  const server = await startCodeServer(toolchain, { ...opts, scratch: path.join(scratch, 'server') });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.dispose();
    throw e;
  }
  return {
    toolchain, server, browser, scratch,
    dispose: async () => {
      await browser.dispose();
      await server.dispose();
      fs.rmSync(scratch, { recursive: true, force: true });
      const left = server.leftovers();
      if (left.length > 0) { console.error(`[harness] ${name}: the tests left temp files in the editor's TMPDIR (removed now): ${left.join(', ')}`); }
    },
  };
}

/** Runs `fn`, always disposing; turns SIGINT/SIGTERM into a clean teardown too. */
export async function withCleanup<T>(dispose: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  const onSignal = (): void => { void dispose().finally(() => process.exit(130)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await dispose();
  }
}

/** A test run in `session` (withCleanup): its failures, or 1 when it passed but left temp files in the editor's TMPDIR. */
export async function runInSession(session: Session, run: () => Promise<number>): Promise<number> {
  const failures = await withCleanup(session.dispose, run);
  return failures === 0 && session.server.leftovers().length > 0 ? 1 : failures;
}
