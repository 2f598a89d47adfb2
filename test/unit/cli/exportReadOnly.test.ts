import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TALK_PIPELINE } from '../../support/exportFixtures';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * `export` where the target or its folder is read-only (fault32 LOW-2, LOW-3): a folder it cannot
 * write in is named, in core/lock's words, never the temporary file or a bare errno; a read-only
 * target is replaced (as sed -i and git do) and said on stderr.
 */
describe('gearshift export: read-only target and folder (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  const immutable: string[] = [];
  afterEach(() => {
    for (const dir of immutable.splice(0)) { spawnSync('chattr', ['-i', dir]); fs.chmodSync(dir, 0o755); }
    ws.cleanup();
  });

  /** The folder unwritable for this process: 0555, and for root (who ignores modes) immutable too. */
  function lockFolder(dir: string): boolean {
    fs.chmodSync(dir, 0o555);
    immutable.push(dir);
    if (process.getuid?.() !== 0) { return true; }
    return spawnSync('chattr', ['+i', dir]).status === 0;
  }

  it('a folder it cannot write in: the folder is named with the reason; no temporary name, no bare errno (exit 2)', async function () {
    const dir = ws.repo(TALK_PIPELINE);
    const folder = path.join(dir, '.github', 'workflows');
    fs.mkdirSync(folder, { recursive: true });
    if (!lockFolder(folder)) { this.skip(); }
    const result = await runMain(['export', 'github'], { cwd: dir });
    assert.strictEqual(result.code, 2, result.stderr);
    assert.match(result.stderr, /^gearshift export: cannot write \.github\/workflows\/gearshift\.yml: the folder \.github\/workflows is not writable \(permission denied[^)]*\); nothing written$/m);
    assert.doesNotMatch(result.stderr, /\.tmp|EACCES|EPERM/);
  });

  it('a read-only (0444) target is replaced, stays read-only, and stderr says so', async () => {
    const dir = ws.repo(TALK_PIPELINE);
    const file = path.join(dir, '.github', 'workflows', 'gearshift.yml');
    assert.strictEqual((await runMain(['export', 'github'], { cwd: dir })).code, 0);
    fs.writeFileSync(path.join(dir, '.gearshift.yml'), `${fs.readFileSync(path.join(dir, '.gearshift.yml'), 'utf8')}\n# edited\n`);
    fs.appendFileSync(file, '# stale\n');
    fs.chmodSync(file, 0o444);
    const result = await runMain(['export', 'github', '--force'], { cwd: dir });
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /^! \.github\/workflows\/gearshift\.yml was read-only; replaced$/m);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /# stale/);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o444);
    const again = await runMain(['export', 'github'], { cwd: dir });
    assert.doesNotMatch(again.stderr, /read-only/, 'an up-to-date file is not written, so nothing is said');
  });
});
