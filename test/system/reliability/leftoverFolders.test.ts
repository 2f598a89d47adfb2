/**
 * A worktree record (`.git/gearshift/worktrees/<run id>.json`) is data: the clean-up removes the
 * folder it names only when that folder is a run worktree of THIS repository in the temp folder
 * runs use (core/git/leftoverWorktree.ts). Before, any `…/gearshift-run-…/tree` was removed with
 * its parent, anywhere (security39 F3). The real CLI, real repositories and worktrees.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUuid } from '../../../src/core/ids';
import { git, tempDir } from '../../support/git';
import { Workspaces } from '../../support/workspaces';
import { deadPid } from '../../unit/reliability/procHelpers';
import { ensureCliBuilt, runCli } from '../cli/cliProcess';

describe('reliability: the clean-up removes only its own run worktrees (security39 F3; real CLI)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const made: string[] = [];
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => { ws.cleanup(); for (const d of made.splice(0)) { fs.rmSync(d, { recursive: true, force: true }); } });

  /** A repository that has run once, with a dead writer's worktree record naming `dir`. */
  async function repoWithRecord(dir: string): Promise<string> {
    const repo = ws.repo(['version: 1', 'stages:', '  - name: a', '    run: "true"', ''].join('\n'));
    assert.equal((await runCli(['run'], { cwd: repo })).code, 0);
    const id = randomUuid();
    const records = path.join(repo, '.git', 'gearshift', 'worktrees');
    fs.mkdirSync(records, { recursive: true });
    fs.writeFileSync(path.join(records, `${id}.json`), JSON.stringify({ id, pid: deadPid(), start: '1', host: os.hostname(), startedAt: new Date().toISOString(), dir }));
    return repo;
  }

  /** A gearshift-run-… folder in `base` holding `tree/data`. */
  function bait(base: string): string {
    const parent = fs.mkdtempSync(path.join(base, 'gearshift-run-'));
    made.push(parent);
    fs.mkdirSync(path.join(parent, 'tree'));
    fs.writeFileSync(path.join(parent, 'tree', 'data'), 'precious\n');
    return path.join(parent, 'tree');
  }

  /** `status` in `repo`; its stderr. */
  async function statusIn(repo: string): Promise<string> {
    const r = await runCli(['status'], { cwd: repo });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.deepEqual(fs.readdirSync(path.join(repo, '.git', 'gearshift', 'worktrees')), [], 'the dead writer\'s record goes either way');
    return r.stderr;
  }

  it('a folder outside the temp folder survives', async () => {
    const dir = bait(tempDir()); // /tmp/gearshift-test-*/gearshift-run-*/tree: not in os.tmpdir() itself
    const said = await statusIn(await repoWithRecord(dir));
    assert.equal(fs.readFileSync(path.join(dir, 'data'), 'utf8'), 'precious\n');
    // faults40 F3: said, once, not dropped.
    assert.equal(said.split('\n').filter((l) => l.startsWith('gearshift: a stopped run\'s worktree was left where it is: ')).length, 1, said);
    assert.ok(said.includes(`${path.dirname(dir)} is not in the temp folder runs use`), said);
  });

  it('a folder in the temp folder that is no worktree of this repository survives: a plain folder, another repository\'s worktree', async () => {
    const plain = bait(os.tmpdir());
    await statusIn(await repoWithRecord(plain));
    assert.equal(fs.readFileSync(path.join(plain, 'data'), 'utf8'), 'precious\n');

    const other = ws.repo(['version: 1', 'stages:', '  - name: b', '    run: "true"', ''].join('\n'));
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-run-'));
    made.push(parent);
    const theirs = path.join(parent, 'tree');
    git(other, 'worktree', 'add', '--detach', '--quiet', theirs, 'HEAD');
    await statusIn(await repoWithRecord(theirs));
    assert.ok(fs.existsSync(path.join(theirs, '.gearshift.yml')), 'another repository\'s worktree was removed');
    assert.ok(git(other, 'worktree', 'list', '--porcelain').includes(`worktree ${fs.realpathSync(theirs)}`), 'and unregistered');
  });

  it('this repository\'s worktree in the temp folder is removed, and unregistered (the control)', async () => {
    const repo = await repoWithRecord('/nowhere/gearshift-run-x/tree'); // replaced below, once the repo exists
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-run-'));
    made.push(parent);
    const ours = path.join(parent, 'tree');
    git(repo, 'worktree', 'add', '--detach', '--quiet', ours, 'HEAD');
    const records = path.join(repo, '.git', 'gearshift', 'worktrees');
    const [file] = fs.readdirSync(records);
    const record = JSON.parse(fs.readFileSync(path.join(records, file), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(records, file), JSON.stringify({ ...record, dir: ours }));
    await statusIn(repo);
    assert.ok(!fs.existsSync(parent), `${parent} was left`);
    assert.equal(git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length, 1);
  });
});
