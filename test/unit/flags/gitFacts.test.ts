import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findReferences, listFlags, type FlagsContext } from '../../../src/core/flags';
import { cleanupTempDirs, git, gitWith, gitDate, initRepo, tempDir } from '../../support/git';
import { BOOLEAN_FLAG, flagsFile } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-02T12:00:00Z');

function commitAt(root: string, file: string, text: string, daysAgo: number): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
  git(root, 'add', '--', file);
  gitWith(root, gitDate(NOW.getTime() - daysAgo * DAY), 'commit', '-q', '-m', `change ${file}`);
}

describe('flags: stale from the git history of the flags file (back-dated commits)', function () {
  this.timeout(30_000);
  afterEach(cleanupTempDirs);

  it('stale = served one value to everyone for staleAfter; a recent flip, targeting or an uncommitted edit is not', async () => {
    const root = initRepo();
    const targeted = { state: 'ENABLED', variants: { a: 'A', b: 'B' }, defaultVariant: 'a', targeting: { fractional: [['a', 50], ['b', 50]] } };
    const sameEither = { state: 'ENABLED', variants: { a: 'A', b: 'A' }, defaultVariant: 'a', targeting: { if: [{ '==': [{ var: 'x' }, 1] }, 'b', 'a'] } };
    const v1 = { old: BOOLEAN_FLAG, flipped: BOOLEAN_FLAG, split: targeted, same: sameEither, meta: BOOLEAN_FLAG };
    commitAt(root, 'flags.json', flagsFile(v1), 90);
    // 60 days ago: metadata edited on `meta` (served value unchanged), `flipped` turned on.
    commitAt(root, 'flags.json', flagsFile({ ...v1, flipped: { ...BOOLEAN_FLAG, defaultVariant: 'on' }, meta: { ...BOOLEAN_FLAG, metadata: { owner: 'x' } } }), 60);
    // 3 days ago: flipped back off.
    commitAt(root, 'flags.json', flagsFile({ ...v1, meta: { ...BOOLEAN_FLAG, metadata: { owner: 'x' } } }), 3);
    const ctx: FlagsContext = { root, historyFile: path.join(tempDir(), 'h.jsonl') };
    const listing = await listFlags(ctx, { now: NOW, references: false });
    const byKey = Object.fromEntries(listing.rows.map((r) => [r.key, r]));
    assert.deepStrictEqual(Object.fromEntries(listing.rows.map((r) => [r.key, r.stale])), { old: true, flipped: false, split: false, same: true, meta: true });
    assert.strictEqual(byKey.old.lastChanged, new Date(NOW.getTime() - 90 * DAY).toISOString());
    assert.strictEqual(byKey.flipped.lastChanged, new Date(NOW.getTime() - 3 * DAY).toISOString());
    assert.strictEqual(byKey.old.references, null);

    // staleAfter 100d: nothing is old enough.
    const strict = await listFlags({ ...ctx, config: { files: [], staleAfterMs: 100 * DAY } }, { now: NOW, references: false });
    assert.ok(strict.rows.every((r) => !r.stale));

    // An uncommitted flip: changed now, not stale.
    fs.writeFileSync(path.join(root, 'flags.json'), flagsFile({ ...v1, old: { ...BOOLEAN_FLAG, defaultVariant: 'on' }, meta: { ...BOOLEAN_FLAG, metadata: { owner: 'x' } } }));
    const dirty = await listFlags(ctx, { now: NOW, references: false });
    const old = dirty.rows.find((r) => r.key === 'old');
    assert.strictEqual(old?.stale, false);
    assert.strictEqual(old?.lastChanged, NOW.toISOString());
  });

  it('outside a git repository the references are unknown (null, with the reason), never a count of 0', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'flags.json'), flagsFile({ a: BOOLEAN_FLAG }));
    fs.writeFileSync(path.join(root, 'app.js'), 'flags.get("a");\n');
    const listing = await listFlags({ root, historyFile: path.join(tempDir(), 'h.jsonl') }, { now: NOW });
    assert.deepStrictEqual(listing.rows.map((r) => [r.key, r.references]), [['a', null]]);
    assert.match(listing.references?.problem ?? '', /^git grep failed: .*not a git repository/);
  });

  it('a flags file that was never committed has no age and is never stale', async () => {
    const root = initRepo();
    fs.writeFileSync(path.join(root, 'flags.json'), flagsFile({ a: BOOLEAN_FLAG }));
    const listing = await listFlags({ root, historyFile: path.join(tempDir(), 'h.jsonl') }, { now: NOW, references: false });
    assert.deepStrictEqual(listing.rows.map((r) => [r.key, r.stale, r.lastChanged]), [['a', false, null]]);
  });
});

describe('flags: git answers about the flags root, whatever GIT_* the caller has (a hook sets GIT_DIR)', function () {
  this.timeout(30_000);
  afterEach(cleanupTempDirs);

  it('age and references ignore a GIT_DIR / GIT_INDEX_FILE pointing at another repository', async () => {
    const root = initRepo();
    commitAt(root, 'flags.json', flagsFile({ old: BOOLEAN_FLAG }), 90);
    fs.writeFileSync(path.join(root, 'app.ts'), 'flag("old");\n');
    git(root, 'add', '--', 'app.ts');
    const other = initRepo(); // flags.json never committed there, no app.ts
    commitAt(other, 'unrelated.txt', 'x', 1);
    const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = path.join(other, '.git');
    process.env.GIT_INDEX_FILE = path.join(other, '.git', 'index');
    try {
      const listing = await listFlags({ root, historyFile: path.join(tempDir(), 'h.jsonl') }, { now: NOW, references: false });
      assert.deepStrictEqual(listing.rows.map((r) => [r.key, r.lastChanged]), [['old', new Date(NOW.getTime() - 90 * DAY).toISOString()]]);
      const refs = await findReferences(root, ['old'], { exclude: [path.join(root, 'flags.json')] });
      assert.deepStrictEqual((refs.byKey.get('old') ?? []).map((x) => `${x.file}:${x.line}`), ['app.ts:1']);
    } finally {
      restoreEnv('GIT_DIR', saved.dir);
      restoreEnv('GIT_INDEX_FILE', saved.index);
    }
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) { delete process.env[name]; } else { process.env[name] = value; }
}

describe('flags: references are fixed-string, respect .gitignore and skip the flags files', function () {
  this.timeout(30_000);
  afterEach(cleanupTempDirs);

  it('finds keys holding `.`, `*`, `$`, quotes and a leading `-` literally', async () => {
    const root = initRepo();
    const keys = ['checkout.v2', 'promo*', 'price$', 'say "hi"', "it's", '-rf', 'a.c'];
    fs.writeFileSync(path.join(root, 'app.ts'), [
      'flag("checkout.v2");', 'flag("checkoutXv2");', 'flag("promo*");', 'flag("promoooo");', 'flag("price$");',
      'flag(\'say "hi"\');', 'flag("it\'s");', 'run("-rf");', 'abc',
    ].join('\n'));
    fs.writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', 'bundle.js'), 'flag("checkout.v2");\n');
    fs.writeFileSync(path.join(root, 'flags.json'), flagsFile(Object.fromEntries(keys.map((k) => [k, BOOLEAN_FLAG]))));
    git(root, 'add', '-A');
    fs.writeFileSync(path.join(root, 'new.ts'), 'flag("a.c") // not added to git yet\n');
    const r = await findReferences(root, keys, { exclude: [path.join(root, 'flags.json')] });
    const where = Object.fromEntries([...r.byKey].map(([k, refs]) => [k, refs.map((x) => `${x.file}:${x.line}`)]));
    assert.deepStrictEqual(where, {
      'checkout.v2': ['app.ts:1'], 'promo*': ['app.ts:3'], 'price$': ['app.ts:5'], 'say "hi"': ['app.ts:6'], "it's": ['app.ts:7'], '-rf': ['app.ts:8'], 'a.c': ['new.ts:1'],
    });
    assert.strictEqual(r.incomplete, false);
  });

  it('stops at its deadline and says the counts are lower bounds', async () => {
    const root = initRepo();
    fs.writeFileSync(path.join(root, 'a.txt'), 'k\n'.repeat(1000));
    git(root, 'add', '-A');
    const r = await findReferences(root, ['k'], { maxOutputBytes: 100 });
    assert.strictEqual(r.incomplete, true);
    assert.ok((r.byKey.get('k')?.length ?? 0) < 1000);
  });
});
