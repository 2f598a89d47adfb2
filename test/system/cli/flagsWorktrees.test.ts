import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, git, initRepo, tempDir } from '../../support/git';
import { ensureCliBuilt, runCli } from './cliProcess';

/**
 * Linked worktrees share the toggle history (it lives in the git common dir), each with its own
 * flags.json (faults41 H3). An undo weighs only the changes made in its own checkout: an undo in
 * the other worktree never marks this one's newest change "not applied", and this checkout's
 * undo then takes back its own newest change, not an older one of another flag.
 */
const flag = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };

function served(root: string): string {
  const flags = (JSON.parse(fs.readFileSync(path.join(root, 'flags.json'), 'utf8')) as { flags: Record<string, { defaultVariant: string }> }).flags;
  return Object.entries(flags).map(([k, v]) => `${k}=${v.defaultVariant}`).join(' ');
}

function mainAndWorktree(): { main: string; other: string } {
  const main = initRepo();
  fs.writeFileSync(path.join(main, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\n');
  fs.writeFileSync(path.join(main, 'flags.json'), `${JSON.stringify({ flags: { f1: flag, f2: flag } }, null, 2)}\n`);
  git(main, 'add', '-A');
  git(main, 'commit', '-qm', 'init');
  const other = path.join(tempDir(), 'other');
  git(main, 'worktree', 'add', '-q', '-b', 'other', other);
  return { main, other };
}

async function gs(cwd: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  const r = await runCli(['flags', ...args], { cwd });
  return { code: r.code, out: r.stdout + r.stderr };
}

describe('cli: flags undo in linked worktrees (real git worktrees, real processes)', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  it("an undo in the other worktree leaves this one's changes alone; undo here takes back this checkout's newest change", async () => {
    const { main, other } = mainAndWorktree();
    assert.equal((await gs(main, 'set', 'f1', 'on', '--yes')).code, 0);
    assert.equal((await gs(main, 'set', 'f2', 'on', '--yes')).code, 0);
    const there = await gs(other, 'undo', '--yes');
    assert.equal(there.code, 2, there.out);
    assert.match(there.out, /no toggle change made in this checkout to undo; the newest, f2 → "on" by .*, was made in the main working tree \(.*\): undo it there/);
    assert.equal(served(other), 'f1=off f2=off');
    const here = await gs(main, 'undo', '--yes');
    assert.equal(here.code, 0, here.out);
    assert.equal(served(main), 'f1=on f2=off', here.out);
  });

  it("each checkout undoes its own newest change, whichever checkout changed a flag last", async () => {
    const { main, other } = mainAndWorktree();
    assert.equal((await gs(main, 'set', 'f1', 'on', '--yes')).code, 0);
    assert.equal((await gs(other, 'set', 'f2', 'on', '--yes')).code, 0);
    const here = await gs(main, 'undo', '--yes');
    assert.equal(here.code, 0, here.out);
    assert.equal(served(main), 'f1=off f2=off', here.out);
    assert.equal(served(other), 'f1=off f2=on');
    const there = await gs(other, 'undo', '--yes');
    assert.equal(there.code, 0, there.out);
    assert.equal(served(other), 'f1=off f2=off', there.out);
    const none = await gs(main, 'undo', '--yes');
    assert.match(none.out, /no toggle change to undo/);
  });
});
