/**
 * A private temp folder for each spec file of the unit tier (the root hooks open one before the
 * file and close it after). TMPDIR and XDG_STATE_HOME point into it while the file runs, so every
 * temp dir the tests, the code under test and their child processes make lands there, never
 * among the machine's /tmp. Closing removes what tempDir() made, then names whatever else is
 * still there as a leak, and removes the folder in any case.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanupTempDirs } from './git';

export interface TempSandbox {
  readonly root: string;
  /** The TMPDIR of the file's run. */
  readonly tmp: string;
  readonly saved: { readonly TMPDIR: string | undefined; readonly XDG_STATE_HOME: string | undefined };
}

/** Makes the folder and points TMPDIR and XDG_STATE_HOME into it. */
export function openTempSandbox(prefix = 'gearshift-unit-'): TempSandbox {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const tmp = path.join(root, 'tmp');
  const stateHome = path.join(root, 'state');
  // Open to the other users some tests run children as (sudo cases), as /tmp is.
  fs.chmodSync(root, 0o755);
  fs.mkdirSync(tmp, { mode: 0o1777 });
  fs.chmodSync(tmp, 0o1777);
  fs.mkdirSync(stateHome, { mode: 0o700 });
  const saved = { TMPDIR: process.env.TMPDIR, XDG_STATE_HOME: process.env.XDG_STATE_HOME };
  process.env.TMPDIR = tmp;
  process.env.XDG_STATE_HOME = stateHome;
  return { root, tmp, saved };
}

/**
 * Not a leak: Node's own compile cache, which the CLI turns on under Node ≥ 22.1 (src/cli.ts) and
 * which Node keeps in TMPDIR for every later process to reuse.
 */
const NODE_OWN = new Set(['node-compile-cache']);

/** Restores the environment, removes the folder; returns the names left in its TMPDIR (the leaks). */
export function closeTempSandbox(sandbox: TempSandbox): string[] {
  cleanupTempDirs();
  restore('TMPDIR', sandbox.saved.TMPDIR);
  restore('XDG_STATE_HOME', sandbox.saved.XDG_STATE_HOME);
  let left: string[] = [];
  try { left = fs.readdirSync(sandbox.tmp).filter((name) => !NODE_OWN.has(name)).sort(); } catch { /* already gone: nothing leaked */ }
  fs.rmSync(sandbox.root, { recursive: true, force: true });
  return left;
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) { delete process.env[name]; } else { process.env[name] = value; }
}
