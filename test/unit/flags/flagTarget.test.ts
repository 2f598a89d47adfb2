import * as assert from 'node:assert';
import { candidatesFor, flagForDocument, targetFor, targetOf } from '../../../src/vscode/flags/flagTarget';
import type { FlagSummary } from '../../../src/vscode/flags/flagsModel';

/**
 * review36 F0: one flag key in two folders of a multi-root window. The editor cannot run in the
 * unit tier; which flag an argument means is plain logic: a summary here has just the folder's URI.
 */
function summary(key: string, folder: string): FlagSummary {
  const uri = { toString: () => `file://${folder}`, fsPath: folder };
  return { key, rows: [], folder: { folder: { uri } } } as unknown as FlagSummary;
}

const a = summary('beta', '/mono/a');
const b = summary('beta', '/mono/b');
const onlyA = summary('alpha', '/mono/a');
const all = [a, onlyA, b];

describe('flags: which folder\'s flag a command argument means (review36 F0)', () => {
  it('the view\'s and the hover\'s arguments carry the folder, and resolve to that folder\'s flag', () => {
    const t = targetFor(b, 'default');
    assert.deepStrictEqual(t, { key: 'beta', environment: 'default', folder: 'file:///mono/b' });
    assert.deepStrictEqual(candidatesFor(all, targetOf(t) ?? assert.fail()), [b]);
  });

  it('a tree node from the context menu resolves to its own folder\'s flag', () => {
    assert.deepStrictEqual(targetOf({ summary: b, row: { environment: 'production' } }), { key: 'beta', environment: 'production', folder: 'file:///mono/b' });
    assert.deepStrictEqual(candidatesFor(all, targetOf({ summary: b }) ?? assert.fail()), [b]);
  });

  it('a folder given as a path resolves too; a folder without that key resolves to none', () => {
    assert.deepStrictEqual(candidatesFor(all, { key: 'beta', folder: '/mono/a' }), [a]);
    assert.deepStrictEqual(candidatesFor(all, { key: 'alpha', folder: 'file:///mono/b' }), []);
  });

  it('a key alone (an older link, a bare key): the one flag when unique, every folder\'s when not (the caller asks)', () => {
    assert.deepStrictEqual(candidatesFor(all, targetOf({ key: 'alpha', environment: 'default' }) ?? assert.fail()), [onlyA]);
    assert.deepStrictEqual(candidatesFor(all, targetOf('beta') ?? assert.fail()), [a, b]);
  });

  it('the hover takes the document\'s folder\'s flag; outside it, only a flag no other folder shares', () => {
    assert.strictEqual(flagForDocument(all, 'beta', 'file:///mono/b'), b);
    assert.strictEqual(flagForDocument(all, 'beta', 'file:///mono/a'), a);
    assert.strictEqual(flagForDocument(all, 'beta', 'file:///mono/c'), undefined);
    assert.strictEqual(flagForDocument(all, 'beta', undefined), undefined);
    // b has flags of its own (beta): b's code means b's flags, never a's alpha (whose Toggle would act in a).
    assert.strictEqual(flagForDocument(all, 'alpha', 'file:///mono/b'), undefined);
    // c has no flags file: it may read a's flags, so the one folder's flag is shown (the hover names a).
    assert.strictEqual(flagForDocument(all, 'alpha', 'file:///mono/c'), onlyA);
    assert.strictEqual(flagForDocument(all, 'alpha', undefined), onlyA);
  });

  it('arguments that name no flag resolve to nothing', () => {
    for (const v of [undefined, null, 3, { confirmed: true }, { summary: { key: 1 } }]) { assert.strictEqual(targetOf(v), undefined); }
  });
});
