/**
 * core/fileio: the CLI's synchronous file calls answer exactly as the thread-pool ones do (values,
 * and errors with the same code), and a process using either never loads fs/promises.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileIo, syncFileIo, useSyncFileIo } from '../../../src/core/fileio';
import { readNewestRuns } from '../../../src/core/history';
import { cleanupTempDirs, tempDir } from '../../support/git';

type Outcome = { ok: unknown } | { code: string | undefined };

async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const v = await call();
    return { ok: v instanceof fs.Stats ? { size: v.size, ino: v.ino, dir: v.isDirectory(), file: v.isFile(), link: v.isSymbolicLink() } : v };
  } catch (e) {
    return { code: (e as NodeJS.ErrnoException).code };
  }
}

/** Runs `calls` (in a fresh folder each time) with the thread-pool calls, then with the synchronous ones. */
async function bothWays(calls: (dir: string) => Promise<Outcome[]>): Promise<[Outcome[], Outcome[]]> {
  const before = syncFileIo();
  try {
    useSyncFileIo(false);
    const viaPromises = await calls(tempDir());
    useSyncFileIo(true);
    const viaSync = await calls(tempDir());
    return [viaPromises, viaSync];
  } finally {
    useSyncFileIo(before);
  }
}

describe('core/fileio: the CLI\'s synchronous file calls', () => {
  after(cleanupTempDirs);

  it('answer as the thread-pool calls do: values, symlinks resolved, and the same error codes', async () => {
    const [a, b] = await bothWays(async (dir) => {
      fs.writeFileSync(path.join(dir, 'f'), 'héllo\n');
      fs.symlinkSync(path.join(dir, 'f'), path.join(dir, 'link'));
      fs.mkdirSync(path.join(dir, 'd'));
      const rel = (p: Outcome): Outcome => ('ok' in p && typeof p.ok === 'string' ? { ok: path.relative(fs.realpathSync(dir), p.ok) } : p);
      return [
        rel(await outcome(() => fileIo.realpath(path.join(dir, 'link')))),
        await outcome(() => fileIo.realpath(path.join(dir, 'none'))),
        await outcome(async () => { const s = await fileIo.stat(path.join(dir, 'link')); return s.isFile() && s.size; }),
        await outcome(async () => (await fileIo.lstat(path.join(dir, 'link'))).isSymbolicLink()),
        await outcome(() => fileIo.stat(path.join(dir, 'f', 'under-a-file'))),
        await outcome(() => fileIo.readFile(path.join(dir, 'f'), 'utf8')),
        await outcome(async () => [...await fileIo.readFile(path.join(dir, 'f'))]),
        await outcome(() => fileIo.readFile(path.join(dir, 'd'), 'utf8')),
        await outcome(() => fileIo.access(path.join(dir, 'none'))),
        await outcome(() => fileIo.access(path.join(dir, 'f'))),
        await outcome(async () => { await fileIo.writeFile(path.join(dir, 'w'), 'ü', 'utf8'); await fileIo.rename(path.join(dir, 'w'), path.join(dir, 'w2')); return fs.readFileSync(path.join(dir, 'w2'), 'utf8'); }),
        await outcome(() => fileIo.rename(path.join(dir, 'none'), path.join(dir, 'x'))),
        await outcome(async () => { await fileIo.unlink(path.join(dir, 'w2')); return fs.existsSync(path.join(dir, 'w2')); }),
        await outcome(() => fileIo.unlink(path.join(dir, 'none'))),
        await outcome(async () => (await fileIo.readdirEntries(dir)).map((e) => [e.name, e.isFile(), e.isDirectory(), e.isSymbolicLink()]).sort()),
        await outcome(() => fileIo.readdirEntries(path.join(dir, 'f'))),
      ];
    });
    assert.deepEqual(b, a);
    assert.deepEqual(a[0], { ok: 'f' });
    assert.deepEqual(a[1], { code: 'ENOENT' });
    assert.deepEqual(a[4], { code: 'ENOTDIR' });
    assert.deepEqual(a[7], { code: 'EISDIR' });
    assert.deepEqual(a[14], { ok: [['d', false, true, false], ['f', true, false, false], ['link', false, false, true]] });
    assert.deepEqual(a[15], { code: 'ENOTDIR' });
  });

  it('open: read at a position, append, the rest of the file, stat, exclusive create; mkdirp makes every level and refuses a file or a dangling symlink in the way', async () => {
    const [a, b] = await bothWays(async (dir) => {
      const file = path.join(dir, 'a', 'b', 'c', 'log');
      const out: Outcome[] = [];
      out.push(await outcome(async () => { await fileIo.mkdirp(path.dirname(file)); await fileIo.mkdirp(path.dirname(file)); return fs.statSync(path.dirname(file)).isDirectory(); }));
      out.push(await outcome(async () => {
        const h = await fileIo.open(file, 'a');
        const bytes = Buffer.from('one\ntwo\n');
        const w = await h.write(bytes, 0, bytes.length);
        await h.writeFile('three\n', 'utf8');
        await h.close();
        const r = await fileIo.open(file, 'r');
        const buf = Buffer.alloc(3);
        const { bytesRead } = await r.read(buf, 0, 3, 4);
        const size = (await r.stat()).size;
        const rest = await r.readFile('utf8');
        await r.close();
        return [w.bytesWritten, bytesRead, buf.toString(), size, rest];
      }));
      out.push(await outcome(() => fileIo.open(file, 'wx')));
      out.push(await outcome(() => fileIo.open(path.join(dir, 'none'), 'r')));
      fs.writeFileSync(path.join(dir, 'file'), '');
      out.push(await outcome(() => fileIo.mkdirp(path.join(dir, 'file'))));
      out.push(await outcome(() => fileIo.mkdirp(path.join(dir, 'file', 'below'))));
      fs.symlinkSync(path.join(dir, 'nowhere', 'x'), path.join(dir, 'dangling'));
      for (const below of [['child'], ['a', 'b'], []]) { out.push(await outcome(() => fileIo.mkdirp(path.join(dir, 'dangling', ...below)))); }
      return out;
    });
    assert.deepEqual(b, a);
    assert.deepEqual(a[1], { ok: [8, 3, 'two', 14, 'one\ntwo\nthree\n'] });
    assert.deepEqual(a[2], { code: 'EEXIST' });
    assert.equal((a[4] as { code?: string }).code, 'EEXIST');
    assert.deepEqual(a.slice(5), [{ code: 'ENOTDIR' }, { code: 'ENOTDIR' }, { code: 'ENOTDIR' }, { code: 'ENOENT' }], 'through a dangling symlink: ENOTDIR (as recursive mkdir says); the link itself: ENOENT');
  });

  it('replaceFile: the new content whole, the same error when it cannot (a directory in the way), and no temporary file left', async () => {
    const [a, b] = await bothWays(async (dir) => {
      const file = path.join(dir, 'cache');
      fs.writeFileSync(file, 'old');
      const out: Outcome[] = [];
      out.push(await outcome(async () => { await fileIo.replaceFile(file, 'new text'); return fs.readFileSync(file, 'utf8'); }));
      out.push(await outcome(async () => { await fileIo.replaceFile(file, Buffer.from([1, 2, 3])); return [...fs.readFileSync(file)]; }));
      fs.mkdirSync(path.join(dir, 'taken'));
      out.push(await outcome(() => fileIo.replaceFile(path.join(dir, 'taken'), 'x')));
      out.push({ ok: fs.readdirSync(dir).sort() });
      return out;
    });
    assert.deepEqual(b, a);
    assert.deepEqual(a, [{ ok: 'new text' }, { ok: [1, 2, 3] }, { code: 'EISDIR' }, { ok: ['cache', 'taken'] }]);
  });

  it('the history tail reads the same runs either way', async () => {
    const file = path.join(tempDir(), 'history.jsonl');
    const lines = Array.from({ length: 90 }, (_, i) => [
      JSON.stringify({ v: 1, kind: 'start', at: 'x', run: { id: `r${i}`, state: 'running', startedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, stages: [] } }),
      JSON.stringify({ v: 1, kind: 'end', at: 'x', run: { id: `r${i}`, state: i % 3 ? 'green' : 'red', stages: [] } }),
    ]).flat();
    fs.writeFileSync(file, `${lines.join('\n')}\nnot json\n`);
    const [a, b] = await bothWays(async () => [{ ok: await readNewestRuns(file, 64, 5) }]);
    assert.deepEqual(b, a);
    assert.equal((a[0] as { ok: { runs: unknown[] } }).ok.runs.length, 64);
  });

  it('a process using either kind of call loads no fs/promises (nor readline through it)', () => {
    const dir = tempDir();
    const fileio = path.resolve(__dirname, '../../../src/core/fileio');
    const script = `
      const { fileIo, useSyncFileIo } = require(${JSON.stringify(fileio)});
      useSyncFileIo(process.argv[1] === 'sync');
      (async () => {
        const d = ${JSON.stringify(dir)};
        await fileIo.mkdirp(d + '/x/y'); await fileIo.writeFile(d + '/x/y/f', 'a', 'utf8');
        await fileIo.realpath(d); await fileIo.stat(d); await fileIo.lstat(d); await fileIo.access(d);
        await fileIo.readFile(d + '/x/y/f', 'utf8'); await fileIo.rename(d + '/x/y/f', d + '/x/y/g');
        const h = await fileIo.open(d + '/x/y/g', 'r'); await h.stat(); await h.close(); await fileIo.unlink(d + '/x/y/g');
        await fileIo.readdirEntries(d);
        process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => /fs\\/promises|readline/.test(m))));
      })();`;
    const loaded = (mode: string): string[] => {
      const r = spawnSync(process.execPath, ['-e', script, mode], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as string[];
    };
    assert.deepEqual(loaded('sync'), []);
    assert.deepEqual(loaded('pool'), []);
    const control = spawnSync(process.execPath, ['-e', `require('fs').promises.stat('.').then(() => process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => /fs\\/promises/.test(m)))))`], { encoding: 'utf8' });
    assert.ok((JSON.parse(control.stdout) as string[]).includes('NativeModule internal/fs/promises'), 'the check sees fs/promises when it is used');
  });
});
