/**
 * core/fileio reads and appends only regular files: a FIFO, a device or a folder where a state
 * file should be is an error naming the file, at once, in both modes. Before, readFile and
 * open('r') of a FIFO waited for a writer and open('a') for a reader, forever; in the CLI's
 * synchronous mode with the event loop blocked, so SIGTERM was not handled either. Each call
 * runs in a child process (real FIFOs via mkfifo) with a deadline, so a hang fails the test.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { inFileioChildren } from '../../support/fileioChildren';

/** Each call's outcome: its value, or its error's code and message. */
const CALLS = `
  const dir = process.env.DIR;
  const outcome = async (call) => { try { return { ok: await call() }; } catch (e) { return { code: e.code, message: e.message }; } };
  const p = (name) => path.join(dir, name);
  const readAll = async (name, flags) => { const h = await fileIo.open(p(name), flags); try { return await h.readFile('utf8'); } finally { await h.close(); } };
  return {
    fifoRead: await outcome(() => fileIo.readFile(p('fifo'), 'utf8')),
    fifoOpen: await outcome(() => readAll('fifo', 'r')),
    fifoAppend: await outcome(() => fileIo.open(p('fifo'), 'a').then((h) => h.close())),
    zero: await outcome(() => fileIo.readFile('/dev/zero')),
    folder: await outcome(() => fileIo.readFile(p('folder'), 'utf8')),
    folderOpen: await outcome(() => readAll('folder', 'r')),
    file: await outcome(() => fileIo.readFile(p('file'), 'utf8')),
    fileOpen: await outcome(() => readAll('file', 'r')),
    missing: await outcome(() => fileIo.readFile(p('none'), 'utf8')),
    append: await outcome(async () => { const h = await fileIo.open(p(process.argv[1]), 'a'); await h.writeFile('x\\n', 'utf8'); await h.close(); return fs.readFileSync(p(process.argv[1]), 'utf8'); }),
  };`;

describe('core/fileio: only regular files are read or appended to (FIFOs, devices, folders: an error naming the file)', () => {
  after(cleanupTempDirs);

  it('a FIFO, /dev/zero and a folder are errors at once in both modes; regular files read as before', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    fs.mkdirSync(path.join(dir, 'folder'));
    fs.writeFileSync(path.join(dir, 'file'), 'text\n');
    const fifo = `${path.join(dir, 'fifo')} is a FIFO (named pipe), not a regular file`;
    for (const answer of inFileioChildren(CALLS, '', { timeout: 10_000, env: { ...process.env, DIR: dir } })) {
      assert.deepEqual(answer, {
        fifoRead: { code: 'EFTYPE', message: fifo },
        fifoOpen: { code: 'EFTYPE', message: fifo },
        fifoAppend: { code: 'EFTYPE', message: fifo }, // nobody reads it: ENXIO from open, said as what is there
        zero: { code: 'EFTYPE', message: '/dev/zero is a device, not a regular file' },
        folder: { code: 'EISDIR', message: `${path.join(dir, 'folder')} is a folder, not a file` },
        folderOpen: { code: 'EISDIR', message: `${path.join(dir, 'folder')} is a folder, not a file` },
        file: { ok: 'text\n' },
        fileOpen: { ok: 'text\n' },
        missing: { code: 'ENOENT', message: `ENOENT: no such file or directory, open '${path.join(dir, 'none')}'` },
        append: { ok: 'x\n' },
      });
    }
    assert.ok(fs.statSync(path.join(dir, 'fifo')).isFIFO(), 'the FIFO is left as it was');
  });

  it('a FIFO someone holds open for reading: appending to it is refused too, nothing is written into the pipe', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // A reader holding it open (O_RDWR never blocks on a FIFO): an open for appending then succeeds, and fstat must refuse it.
    const held = fs.openSync(fifo, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    try {
      const body = `try { const h = await fileIo.open(${JSON.stringify(fifo)}, 'a'); await h.writeFile('line\\n', 'utf8'); await h.close(); return 'written'; } catch (e) { return e.code; }`;
      assert.deepEqual(inFileioChildren(body, '', { timeout: 10_000 }), ['EFTYPE', 'EFTYPE']);
      const buf = Buffer.alloc(64);
      assert.throws(() => fs.readSync(held, buf, 0, 64, null), { code: 'EAGAIN' }, 'nothing was written into the pipe');
    } finally {
      fs.closeSync(held);
    }
  });
});
