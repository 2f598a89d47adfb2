import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileIo } from '../../../src/core/fileio';
import { scanRepo } from '../../../src/core/gears/repoScan';
import { Workspaces } from '../../support/workspaces';

const SCHEMA = 'https://flagd.dev/schema/v0/flags.json';
const DECLARED = JSON.stringify({ $schema: SCHEMA, flags: { beta: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } });
/** The same length, another tool's schema: read, it is not a flags file. */
const UNDECLARED = DECLARED.replace('flagd.dev', 'other.dev');
/** An mtime well in the past (seconds since the epoch), so the answer may be kept. */
const MTIME = 1_700_000_000;

/**
 * rereview38 F5: in a folder without `.gearshift.yml` the gauge's checklist read and parsed each flags-file
 * candidate whole (up to 4 MiB) on every refresh. The answer is kept while the file's size, mtime, ctime and
 * inode stay the same: a scan of the unchanged file reads nothing; a new mtime or size is read again.
 */
describe('gears: the checklist reads an unchanged flags file once', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const rewrite = (file: string, text: string, mtime: number): void => {
    fs.writeFileSync(file, text); // in place: the inode stays
    fs.utimesSync(file, mtime, mtime);
  };
  /** How many times `body` reads `file` whole through fileIo. */
  const readsOf = async (file: string, body: () => Promise<void>): Promise<number> => {
    const readFile = fileIo.readFile;
    let reads = 0;
    fileIo.readFile = ((p: string, ...rest: unknown[]) => { if (p === file) { reads++; } return (readFile as (...a: unknown[]) => unknown)(p, ...rest); }) as typeof readFile;
    try { await body(); } finally { fileIo.readFile = readFile; }
    return reads;
  };
  const flagsFiles = async (root: string): Promise<string[]> => [...(await scanRepo(root, { gitHistory: false })).flagsFiles];

  it('an unchanged file (size, mtime, ctime, inode) is not read again; a new mtime or size is', async () => {
    const root = ws.folder({ 'flags.json': DECLARED });
    const file = path.join(root, 'flags.json');
    fs.utimesSync(file, MTIME, MTIME);
    assert.equal(await readsOf(file, async () => assert.deepEqual(await flagsFiles(root), ['flags.json'])), 1, 'the first scan reads it');

    // An in-place rewrite moves the ctime (faults40 F4: it is read again, test/unit/flags/declared.test.ts), so that the
    // kept answer is used is seen by counting this file's reads through fileIo, the module declared.ts reads with.
    assert.deepEqual(await readsOf(file, async () => assert.deepEqual(await flagsFiles(root), ['flags.json'])), 0, 'the unchanged file was read again');

    rewrite(file, UNDECLARED, MTIME + 10);
    assert.deepEqual(await flagsFiles(root), [], 'a new mtime: read again, another tool\'s file');

    rewrite(file, `${DECLARED} `, MTIME + 10);
    assert.deepEqual(await flagsFiles(root), ['flags.json'], 'a new size: read again, declared');
  });

  it('keeps a few answers: after eight other files, the first is read again', async () => {
    const roots = Array.from({ length: 9 }, () => ws.folder({ 'flags.json': DECLARED }));
    for (const root of roots) {
      fs.utimesSync(path.join(root, 'flags.json'), MTIME, MTIME);
      assert.deepEqual(await flagsFiles(root), ['flags.json']);
    }
    const first = path.join(roots[0], 'flags.json');
    const last = path.join(roots[8], 'flags.json');
    assert.equal(await readsOf(last, async () => assert.deepEqual(await flagsFiles(roots[8]), ['flags.json'])), 0, 'the newest answer is kept');
    assert.equal(await readsOf(first, async () => assert.deepEqual(await flagsFiles(roots[0]), ['flags.json'])), 1, 'the oldest answer was still kept');
  });

  it('a file written just now is read on each scan (a second write in the same clock tick would keep size and mtime)', async () => {
    const root = ws.folder({ 'flags.json': DECLARED });
    const file = path.join(root, 'flags.json');
    const now = Date.now() / 1000;
    fs.utimesSync(file, now, now);
    assert.deepEqual(await flagsFiles(root), ['flags.json']);
    rewrite(file, UNDECLARED, now);
    assert.deepEqual(await flagsFiles(root), [], 'the answer for a file written just now was kept');
  });
});
