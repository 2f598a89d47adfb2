/**
 * core/fileio under sudo: what it creates in a folder of the user who ran sudo becomes theirs
 * (a first `sudo gearshift run` must not lock them out of `.git/gearshift`); nothing that was
 * already there is given away (it may be a link to a file of root's), and nothing goes to a
 * user sudo does not name.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inFileioChildren, MODES } from '../../support/fileioChildren';
import { cleanupTempDirs, tempDir } from '../../support/git';

const USER = { uid: 4242, gid: 4243 };
const SUDO = { env: { ...process.env, SUDO_UID: String(USER.uid), SUDO_GID: String(USER.gid) } };

/** A folder owned by `owner`, reachable by children. */
function folderOf(owner = USER): string {
  const dir = tempDir();
  fs.chmodSync(dir, 0o755);
  fs.chownSync(dir, owner.uid, owner.gid);
  return dir;
}

const ownerOf = (file: string): [number, number] => { const st = fs.lstatSync(file); return [st.uid, st.gid]; };

/** In each mode's own `<dir>/<mode>` folder: mkdirp `gearshift`, then a history append, a lock and a replaced file in it. */
const CREATE_ALL = (dir: string): string => `
  const base = path.join(${JSON.stringify(dir)}, process.argv[1], 'gearshift');
  await fileIo.mkdirp(base);
  for (const [name, flags] of [['history.jsonl', 'a'], ['run.lock', 'wx']]) {
    const f = await fileIo.open(path.join(base, name), flags);
    await f.writeFile('line\\n', 'utf8');
    await f.close();
  }
  await fileIo.replaceFile(path.join(base, 'deploy.json'), '{}');
  return null;`;
const CREATED = ['', '/gearshift', ...['history.jsonl', 'run.lock', 'deploy.json'].map((n) => `/gearshift/${n}`)];

describe('core/fileio under sudo: new entries in the invoking user\'s folder are theirs', function () {
  this.timeout(60_000);
  before(function () { if (process.getuid?.() !== 0) { this.skip(); } }); // giving a file away needs root; CI runs as root
  after(cleanupTempDirs);

  it('mkdirp, then a history append, a lock (wx) and a replaced file inside: all the user\'s', () => {
    const dir = folderOf();
    inFileioChildren(CREATE_ALL(dir), '', SUDO);
    for (const mode of MODES) {
      for (const entry of CREATED) { assert.deepEqual(ownerOf(path.join(dir, mode + entry)), [USER.uid, USER.gid], mode + entry); }
    }
  });

  it('nothing is given away without sudo naming the user, nor to a user sudo does not name', () => {
    const plainRoot = folderOf();
    inFileioChildren(CREATE_ALL(plainRoot), '', { env: { ...process.env, SUDO_UID: undefined, PKEXEC_UID: undefined } });
    const stranger = folderOf({ uid: 4300, gid: 4301 });
    inFileioChildren(CREATE_ALL(stranger), '', SUDO);
    for (const mode of MODES) {
      for (const entry of CREATED) {
        assert.deepEqual(ownerOf(path.join(plainRoot, mode + entry)), [0, 0], `no SUDO_UID: ${mode}${entry}`);
        assert.deepEqual(ownerOf(path.join(stranger, mode + entry)), [0, 0], `another user's folder: ${mode}${entry}`);
      }
    }
  });

  it('what was there stays as it was: a file appended to, a link, a lock (wx: EEXIST), a folder of root\'s on the way, a path through ..', () => {
    const dir = folderOf();
    const roots = path.join(tempDir(), 'roots'); // root's own file, outside
    fs.writeFileSync(roots, 'root\n');
    for (const mode of MODES) {
      fs.writeFileSync(path.join(dir, `${mode}-existing`), 'old\n'); // root's, in the user's folder
      fs.writeFileSync(path.join(dir, `${mode}-lock`), 'held\n');
      fs.symlinkSync(roots, path.join(dir, `${mode}-link`));
      fs.mkdirSync(path.join(dir, `${mode}-rootdir`)); // root's, in the user's folder
    }
    const answers = inFileioChildren(`
      const at = (name) => path.join(${JSON.stringify(dir)}, process.argv[1] + '-' + name);
      const f = await fileIo.open(at('existing'), 'a');
      await f.writeFile('more\\n', 'utf8');
      await f.close();
      const link = await fileIo.open(at('link'), 'a').then(() => 'opened', (e) => e.code); // sec30 L4: O_NOFOLLOW
      const lock = await fileIo.open(at('lock'), 'wx').then(() => 'opened', (e) => e.code);
      await fileIo.mkdirp(path.join(at('rootdir'), 'new'));
      await fileIo.mkdirp(at('gone') + '/../' + process.argv[1] + '-rootdir/other'); // not path.join: that would take the '..' out
      return link + ' ' + lock;`, '', SUDO);
    assert.deepEqual(answers, ['ELOOP EEXIST', 'ELOOP EEXIST']);
    for (const mode of MODES) {
      for (const entry of ['existing', 'lock', 'rootdir', 'rootdir/new', 'rootdir/other']) { assert.deepEqual(ownerOf(path.join(dir, `${mode}-${entry}`)), [0, 0], `${mode}-${entry}`); }
      assert.equal(fs.readFileSync(path.join(dir, `${mode}-lock`), 'utf8'), 'held\n');
    }
    assert.deepEqual(ownerOf(roots), [0, 0]);
    assert.equal(fs.readFileSync(roots, 'utf8'), 'root\n', 'nothing appended through the link (a symlink is refused)');
  });

  it('an owner asked for wins over the folder\'s', () => {
    const users = folderOf();
    inFileioChildren(`await fileIo.replaceFile(path.join(${JSON.stringify(users)}, process.argv[1] + '-asked'), 'x', { owner: { uid: 4250, gid: 4251 } }); return null;`, '', SUDO);
    for (const mode of MODES) { assert.deepEqual(ownerOf(path.join(users, `${mode}-asked`)), [4250, 4251]); }
  });
});
