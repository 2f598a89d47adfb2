/**
 * Root hooks of the unit tier, loaded through .mocharc.json's `require`, so in every parallel
 * worker. Runs outside a git repository keep their history under $XDG_STATE_HOME (read from
 * process.env by the core): each spec file gets its own temporary state home, never the
 * user's ~/.local/state, and no two workers share one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let stateHome: string | undefined;
let saved: string | undefined;

export const mochaHooks = {
  beforeAll(): void {
    saved = process.env.XDG_STATE_HOME;
    stateHome = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-unit-state-'));
    process.env.XDG_STATE_HOME = stateHome;
  },
  afterAll(): void {
    if (saved === undefined) { delete process.env.XDG_STATE_HOME; } else { process.env.XDG_STATE_HOME = saved; }
    if (stateHome) { fs.rmSync(stateHome, { recursive: true, force: true }); }
    stateHome = undefined;
  },
};
