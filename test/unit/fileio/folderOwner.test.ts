/**
 * core/fileio under root: what it creates in a folder another user owns becomes that user's
 * (a first `sudo gearshift run` must not lock the user out of `.git/gearshift`), and nothing
 * that was already there is given away (it may be a link to a file of root's).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inFileioChildren, MODES } from '../../support/fileioChildren';
import { cleanupTempDirs, tempDir } from '../../support/git';

const USER = { uid: 4242, gid: 4243 };

/** A folder owned by USER, reachable by children. */
function usersFolder(): string {
  const dir = tempDir();
  fs.chmodSync(dir, 0o755);
  fs.chownSync(dir, USER.uid, USER.gid);
  return dir;
}

const ownerOf = (file: string): [number, number] => { const st = fs.lstatSync(file); return [st.uid, st.gid]; };

describe('core/fileio under root: new entries take their folder\'s owner', function () {
  this.timeout(60_000);
  before(function () { if (process.getuid?.() !== 0) { this.skip(); } }); // giving a file away needs root; CI runs as root
  after(cleanupTempDirs);

  it('mkdirp, then a history append, a lock (wx) and a replaced file inside: all the folder\'s user\'s', () => {
    const dir = usersFolder();
    inFileioChildren(`
      const base = path.join(${JSON.stringify(dir)}, process.argv[1], 'gearshift');
      await fileIo.mkdirp(base);
      for (const [name, flags] of [['history.jsonl', 'a'], ['run.lock', 'wx']]) {
        const f = await fileIo.open(path.join(base, name), flags);
        await f.writeFile('line\\n', 'utf8');
        await f.close();
      }
      await fileIo.replaceFile(path.join(base, 'deploy.json'), '{}');
      return null;`);
    for (const mode of MODES) {
      for (const entry of [mode, `${mode}/gearshift`, ...['history.jsonl', 'run.lock', 'deploy.json'].map((n) => `${mode}/gearshift/${n}`)]) {
        assert.deepEqual(ownerOf(path.join(dir, entry)), [USER.uid, USER.gid], entry);
      }
    }
  });

  it('a file already there is appended to as it is, never given away; a link is never followed to one', () => {
    const dir = usersFolder();
    const roots = path.join(tempDir(), 'roots'); // root's own file, outside
    fs.writeFileSync(roots, 'root\n');
    for (const mode of MODES) {
      fs.writeFileSync(path.join(dir, `${mode}-existing`), 'old\n'); // root's, in the user's folder
      fs.symlinkSync(roots, path.join(dir, `${mode}-link`));
    }
    inFileioChildren(`
      for (const name of ['existing', 'link']) {
        const f = await fileIo.open(path.join(${JSON.stringify(dir)}, process.argv[1] + '-' + name), 'a');
        await f.writeFile('more\\n', 'utf8');
        await f.close();
      }
      return null;`);
    for (const mode of MODES) { assert.deepEqual(ownerOf(path.join(dir, `${mode}-existing`)), [0, 0]); }
    assert.deepEqual(ownerOf(roots), [0, 0]);
    assert.equal(fs.readFileSync(roots, 'utf8'), 'root\nmore\nmore\n', 'appended through the link, as before');
  });

  it('in a folder of root\'s, and for an owner asked for, nothing changes', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const users = usersFolder();
    inFileioChildren(`
      const mode = process.argv[1];
      await fileIo.mkdirp(path.join(${JSON.stringify(dir)}, mode, 'sub'));
      await (await fileIo.open(path.join(${JSON.stringify(dir)}, mode, 'sub', 'h'), 'a')).close();
      await fileIo.replaceFile(path.join(${JSON.stringify(users)}, mode + '-asked'), 'x', { owner: { uid: 4250, gid: 4251 } });
      return null;`);
    for (const mode of MODES) {
      assert.deepEqual(ownerOf(path.join(dir, mode, 'sub', 'h')), [0, 0]);
      assert.deepEqual(ownerOf(path.join(users, `${mode}-asked`)), [4250, 4251]);
    }
  });
});
