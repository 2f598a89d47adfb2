/**
 * core/fileio replaceFile: what each caller relies on (the code cache and parse store: mode
 * 0600; a flags file, `init --force` and an export: their own mode, and their owner when root
 * writes them; deploy.json and flags: synced before the rename; all: no temporary file left, a
 * reader never sees a torn file), the same with the thread pool's
 * calls (the editor) as with the synchronous ones (the CLI). Each runs in a child process:
 * a real umask, a real file size limit, a real concurrent reader.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileIo, useSyncFileIo, syncFileIo } from '../../../src/core/fileio';
import { recordFsCalls } from '../../support/fsCalls';
import { fileioScript as script, inFileioChildren as inChildren, MODES } from '../../support/fileioChildren';
import { cleanupTempDirs, tempDir } from '../../support/git';

describe('core/fileio replaceFile: what its callers keep', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('mode: exactly the bits asked for, whatever the umask (a flags file keeps 0664, a cache 0600); none asked: 0666 less the umask', () => {
    const dir = tempDir();
    const answers = inChildren(`
      process.umask(0o022);
      const out = [];
      for (const [name, options] of [['group', { mode: 0o664 }], ['private', { mode: 0o600 }], ['plain', {}]]) {
        const file = path.join(${JSON.stringify(dir)}, process.argv[1] + '-' + name);
        await fileIo.replaceFile(file, 'x', options);
        out.push((fs.statSync(file).mode & 0o777).toString(8));
      }
      return out;`);
    assert.deepEqual(answers, [['664', '600', '644'], ['664', '600', '644']]);
  });

  it('owner: a file replaced by root keeps its owner and group (sudo init --force, a toggle, an export); a user who may not give it away leaves it theirs, content replaced', function () {
    if (process.getuid?.() !== 0) { this.skip(); } // giving a file away needs root; CI runs as root
    const dir = tempDir();
    fs.chmodSync(dir, 0o755); // the unprivileged child below must reach its folder
    const answers = inChildren(`
      const file = path.join(${JSON.stringify(dir)}, process.argv[1]);
      fs.writeFileSync(file, 'old', { mode: 0o640 });
      fs.chownSync(file, 4242, 4243);
      await fileIo.replaceFile(file, 'new', await keptAttributes(file));
      const kept = fs.statSync(file);
      await fileIo.replaceFile(file, 'newer');
      const plain = fs.statSync(file);
      return [[kept.uid, kept.gid, (kept.mode & 0o777).toString(8)], [plain.uid, plain.gid], fs.readFileSync(file, 'utf8')];`);
    assert.deepEqual(answers, MODES.map(() => [[4242, 4243, '640'], [0, 0], 'newer']));
    // A user may not give a file away, but may give it a group of theirs: that much is kept, as sed -i does.
    const userDir = path.join(dir, 'user');
    fs.mkdirSync(userDir);
    fs.chownSync(userDir, 4242, 4250);
    fs.chmodSync(userDir, 0o2755); // set-group-id: a new file's group would be 4250, not the wanted 4242
    const asUser = inChildren(`
      const file = path.join(${JSON.stringify(userDir)}, process.argv[1]);
      await fileIo.replaceFile(file, 'new', { owner: { uid: 4243, gid: 4242 }, mode: 0o644 });
      const st = fs.statSync(file);
      return [st.uid, st.gid, fs.readFileSync(file, 'utf8'), fs.readdirSync(path.dirname(file)).length];`, '', { uid: 4242, gid: 4242 });
    assert.deepEqual(asUser, [[4242, 4242, 'new', 1], [4242, 4242, 'new', 2]]);
  });

  it('owner in a user namespace (a rootless container): an owner it does not map is neither copied nor fatal; the file is replaced', function () {
    const unshare = ['unshare', '--user', '--map-root-user'];
    if (process.getuid?.() !== 0 || spawnSync(unshare[0], [...unshare.slice(1), 'true']).status !== 0) { this.skip(); } // no user namespaces here
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const answers = MODES.map((mode) => {
      for (const name of ['kept', 'given']) {
        fs.writeFileSync(path.join(dir, `${mode}-${name}`), 'old');
        fs.chownSync(path.join(dir, `${mode}-${name}`), 4242, 4243); // shown as the overflow id (65534) in the namespace
      }
      const r = spawnSync(unshare[0], [...unshare.slice(1), process.execPath, '-e', script(`
        const at = (name) => path.join(${JSON.stringify(dir)}, process.argv[1] + '-' + name);
        const kept = await keptAttributes(at('kept'));
        await fileIo.replaceFile(at('kept'), 'new', kept);
        await fileIo.replaceFile(at('given'), 'new', { owner: { uid: 4242, gid: 4243 } }); // EINVAL there: not fatal
        return [kept.owner ?? null, fs.readFileSync(at('kept'), 'utf8'), fs.readFileSync(at('given'), 'utf8')];`), mode], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as unknown;
    });
    assert.deepEqual(answers, [[null, 'new', 'new'], [null, 'new', 'new']]);
  });

  it('a write that fails half-way (file size limit): the old file untouched, the error passed on, no temporary file left', () => {
    const dir = tempDir();
    const answers = inChildren(`
      const dir = path.join(${JSON.stringify(dir)}, process.argv[1]);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'state'), 'old');
      let code;
      try { await fileIo.replaceFile(path.join(dir, 'state'), Buffer.alloc(64 * 1024, 1), { fsync: true }); } catch (e) { code = e.code; }
      return [code, fs.readFileSync(path.join(dir, 'state'), 'utf8'), fs.readdirSync(dir)];`, 'ulimit -f 8;');
    assert.deepEqual(answers, [['EFBIG', 'old', ['state']], ['EFBIG', 'old', ['state']]]);
  });

  it('fsync: the new content is flushed before the rename when asked, and only then', async () => {
    const before = syncFileIo();
    const dir = tempDir();
    try {
      const calls = await recordFsCalls(['fsync', 'fsyncSync', 'rename', 'renameSync'], async () => {
        for (const sync of [false, true]) {
          useSyncFileIo(sync);
          await fileIo.replaceFile(path.join(dir, 'deploy.json'), '{}', { fsync: true });
          await fileIo.replaceFile(path.join(dir, 'cache'), '{}');
        }
      });
      assert.deepEqual(calls, ['fsync', 'rename deploy.json', 'rename cache', 'fsync', 'rename deploy.json', 'rename cache']);
    } finally {
      useSyncFileIo(before);
    }
  });

  it('a symlink planted under the temporary name is not written through, nor removed (the name is made exclusively)', async () => {
    const dir = tempDir();
    const random = Math.random;
    const before = syncFileIo();
    const out: unknown[] = [];
    try {
      Math.random = () => 0.5; // the temporary name becomes predictable, as an attacker would need it to be
      for (const sync of [false, true]) {
        useSyncFileIo(sync);
        const victim = path.join(dir, `victim-${sync}`);
        const file = path.join(dir, `state-${sync}`);
        fs.writeFileSync(victim, 'keep');
        const planted = path.join(dir, `.${path.basename(file)}.${process.pid}.${(0.5).toString(36).slice(2)}.tmp`);
        fs.symlinkSync(victim, planted);
        const code = await fileIo.replaceFile(file, 'new', { mode: 0o600 }).then(() => 'written', (e: NodeJS.ErrnoException) => e.code);
        out.push([code, fs.readFileSync(victim, 'utf8'), fs.lstatSync(planted).isSymbolicLink(), fs.existsSync(file)]);
      }
    } finally {
      Math.random = random;
      useSyncFileIo(before);
    }
    assert.deepEqual(out, [['EEXIST', 'keep', true, false], ['EEXIST', 'keep', true, false]]);
  });

  it('a reader in another process sees the old content or the new, whole, never a torn file', async () => {
    const dir = tempDir();
    for (const mode of MODES) {
      const file = path.join(dir, `shared-${mode}`);
      const sizes = [300_000, 200_000];
      fs.writeFileSync(file, 'a'.repeat(sizes[0]));
      const writer = spawn(process.execPath, ['-e', script(`
        for (let i = 1; i <= 150; i++) { await fileIo.replaceFile(${JSON.stringify(file)}, (i % 2 ? 'b' : 'a').repeat(i % 2 ? ${sizes[1]} : ${sizes[0]})); }
        return 'done';`), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<number | null>((resolve) => writer.on('exit', resolve));
      let running = true;
      void exited.then(() => { running = false; });
      const seen = new Set<string>();
      for (let reads = 0; running && reads < 200_000; reads++) {
        const text = fs.readFileSync(file, 'utf8');
        seen.add(`${text[0]}${text.length}`);
        if (reads % 20 === 0) { await new Promise((resolve) => setImmediate(resolve)); }
      }
      assert.equal(await exited, 0);
      assert.deepEqual([...seen].filter((s) => s !== `a${sizes[0]}` && s !== `b${sizes[1]}`), [], `${mode}: a torn file was read`);
      assert.ok(seen.size > 0);
    }
  });
});
