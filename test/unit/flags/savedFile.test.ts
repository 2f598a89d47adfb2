import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFlags, savedFileMayChangeListing, type FlagListing, type FlagsContext } from '../../../src/core/flags';
import { cleanupTempDirs, initRepo, tempDir } from '../../support/git';
import { BOOLEAN_FLAG, flagsFile } from './fixtures';

const NOW = new Date('2026-12-02T12:00:00Z');

/** What the view shows of a listing: every row with its reference count. */
function shown(listing: FlagListing): string[] {
  return listing.rows.map((r) => `${r.environment}:${r.key}:${r.references}`);
}

describe('flags: which saved files can change the listing (no repository-wide search for the rest)', function () {
  this.timeout(30_000);
  afterEach(cleanupTempDirs);

  let root = '';
  let ctx: FlagsContext;
  const file = (rel: string): string => path.join(root, rel);
  const write = (rel: string, text: string): string => { fs.mkdirSync(path.dirname(file(rel)), { recursive: true }); fs.writeFileSync(file(rel), text); return file(rel); };
  const list = (trusted = true): Promise<FlagListing> => listFlags(ctx, { now: NOW, references: trusted, gitHistory: false });

  beforeEach(() => {
    root = initRepo();
    ctx = { root, historyFile: path.join(tempDir(), 'h.jsonl') };
    write('flags.json', flagsFile({ 'new-checkout': BOOLEAN_FLAG, 'dark-mode': BOOLEAN_FLAG }));
    write('src/checkout.js', 'if (flags.get("new-checkout")) { render(); }\n');
    write('src/other.js', 'export const x = 1;\n');
  });

  it('a file with no key that held no reference: false, and the listing read again is the same', async () => {
    const before = await list();
    const text = 'export const x = 2; // new-checkou t\n';
    assert.strictEqual(savedFileMayChangeListing(before, root, write('src/other.js', text), text), false);
    assert.deepStrictEqual(shown(await list()), shown(before));
    const fresh = 'console.log("hello");\n';
    assert.strictEqual(savedFileMayChangeListing(before, root, write('src/brand-new.js', fresh), fresh), false);
    assert.deepStrictEqual(shown(await list()), shown(before));
  });

  it('a file that now names a key, or no longer names one it held: true, and the listing read again differs', async () => {
    const before = await list();
    assert.deepStrictEqual(shown(before), ['default:new-checkout:1', 'default:dark-mode:0']);
    const adds = 'if (flags.get("dark-mode")) { dim(); }\n';
    assert.strictEqual(savedFileMayChangeListing(before, root, write('src/other.js', adds), adds), true);
    const added = await list();
    assert.deepStrictEqual(shown(added), ['default:new-checkout:1', 'default:dark-mode:1']);
    const drops = 'render();\n';
    assert.strictEqual(savedFileMayChangeListing(added, root, write('src/checkout.js', drops), drops), true, 'the file held the only reference');
    assert.deepStrictEqual(shown(await list()), ['default:new-checkout:0', 'default:dark-mode:1']);
  });

  it('a file too large to scan for every key against the flags defers to the search: true', async () => {
    const before = await list();
    const huge = 'x'.repeat(10_000_001);
    assert.strictEqual(savedFileMayChangeListing(before, root, file('src/other.js'), huge), true);
    assert.strictEqual(savedFileMayChangeListing(before, root, file('src/other.js'), huge.slice(0, 1_000_000)), false);
  });

  it('a flags file or a pipeline file (it names the flags files) is always true', async () => {
    const before = await list();
    assert.strictEqual(savedFileMayChangeListing(before, root, file('flags.json'), '{}'), true);
    assert.strictEqual(savedFileMayChangeListing(before, root, file('.gearshift.yml'), 'version: 1\n'), true);
    assert.strictEqual(savedFileMayChangeListing(before, root, file('app/.gearshift.yml'), ''), true);
  });

  it('not read yet, or the last search failed: true; not searched (untrusted): only the flags files count', async () => {
    assert.strictEqual(savedFileMayChangeListing(undefined, root, file('src/other.js'), ''), true);
    const untrusted = await list(false);
    assert.strictEqual(savedFileMayChangeListing(untrusted, root, file('src/other.js'), 'flags.get("dark-mode")'), false);
    assert.strictEqual(savedFileMayChangeListing(untrusted, root, file('flags.json'), '{}'), true);
    const failed: FlagListing = { ...untrusted, references: { byKey: new Map(), incomplete: true, problem: 'git grep failed: exit 128' } };
    assert.strictEqual(savedFileMayChangeListing(failed, root, file('src/other.js'), ''), true);
  });
});
