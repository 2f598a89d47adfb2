import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, git, initRepo } from '../../support/git';
import { CLI, cliEnv, ensureCliBuilt, runCli } from './cliProcess';

/**
 * `flags add KEY` writes every flags file (faults41 M4). One that cannot be written (read-only)
 * is found before any is written: the key is added nowhere, and the message says so. A write that
 * fails after others went through (a full disk) says which files got the key, and `flags add KEY`
 * again adds it to the files that lack it instead of refusing because one has it.
 */
const FILES = ['flags.json', 'flags.non-prod.json', 'flags.production.json'];
const flag = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };

function threeFiles(): string {
  const root = initRepo();
  fs.writeFileSync(path.join(root, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\n');
  for (const name of FILES) { fs.writeFileSync(path.join(root, name), `${JSON.stringify({ flags: { old: flag } }, null, 2)}\n`); }
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'three flags files');
  return root;
}

/** The files holding `key`. */
function holding(root: string, key: string): string[] {
  return FILES.filter((name) => key in (JSON.parse(fs.readFileSync(path.join(root, name), 'utf8')) as { flags: Record<string, unknown> }).flags);
}

/** The keys of history's records in force: marks, and the records they mark as never applied, left out. */
function historyKeys(root: string): string[] {
  const records = fs.readFileSync(path.join(root, '.git', 'gearshift', 'history.jsonl'), 'utf8').split('\n')
    .filter((l) => l.includes('"kind":"flag"')).map((l) => (JSON.parse(l) as { flag: { id: string; key: string; notApplied?: string } }).flag);
  const never = new Set(records.map((f) => f.notApplied));
  return records.filter((f) => f.notApplied === undefined && !never.has(f.id)).map((f) => f.key);
}

describe('cli: flags add with a flags file that cannot be written (real files, real processes)', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  it('a read-only file: added nowhere, no record, and once it is writable a plain retry adds it everywhere', async () => {
    const root = threeFiles();
    const readOnly = path.join(root, 'flags.production.json');
    fs.chmodSync(readOnly, 0o444);
    const r = await runCli(['flags', 'add', 'new-thing'], { cwd: root });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /flags\.production\.json: the file is read-only; nothing was written .*\nnothing was added to any flags file/);
    assert.deepEqual(holding(root, 'new-thing'), []);
    assert.equal(fs.existsSync(path.join(root, '.git', 'gearshift', 'history.jsonl')) ? historyKeys(root).length : 0, 0);
    fs.chmodSync(readOnly, 0o644);
    const again = await runCli(['flags', 'add', 'new-thing'], { cwd: root });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(holding(root, 'new-thing'), FILES);
  });

  it('a write failing after another went through (ENOSPC, by strace) says where it was added; a retry adds it to the file that lacks it', async function () {
    if (spawnSync('strace', ['-V'], { stdio: 'ignore' }).status !== 0) { this.skip(); }
    const root = threeFiles();
    // One pool thread: the fsyncs of the three temporary files are its 1st, 2nd and 3rd.
    const r = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=fsync', '-e', 'inject=fsync:error=ENOSPC:when=3',
      process.execPath, CLI, 'flags', 'add', 'new-thing'], { cwd: root, env: cliEnv({ UV_THREADPOOL_SIZE: '1' }), encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const got = holding(root, 'new-thing');
    assert.equal(got.length, 2, r.stderr);
    const lacking = FILES.filter((f) => !got.includes(f));
    assert.match(r.stderr, new RegExp(`"new-thing" was added to ${got.map((f) => f.replace(/\./g, '\\.')).join(', ')}; not to ${lacking[0].replace(/\./g, '\\.')}: .*ENOSPC`));
    assert.match(r.stderr, /once that is fixed, `gearshift flags add new-thing` adds it to the files that lack it/);
    const again = await runCli(['flags', 'add', 'new-thing'], { cwd: root });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(holding(root, 'new-thing'), FILES);
    assert.match(again.stdout, new RegExp(`new-thing: already in ${got[0].replace(/\./g, '\\.')}, left as it is`));
    assert.deepEqual(historyKeys(root), ['new-thing', 'new-thing', 'new-thing']);
  });
});
