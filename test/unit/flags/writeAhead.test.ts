import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendFlagChange, FlagChangeError, readFlagChanges, setFlagValue, undoLastToggle, type FlagsContext } from '../../../src/core/flags';
import { openHistoryForAppend } from '../../../src/core/history';
import { cleanupTempDirs, initRepo, tempDir } from '../../support/git';
import { BOOLEAN_FLAG, FLAGD_EXAMPLE, flagsFile } from './fixtures';

/**
 * A change's record is written before the flags file (fault32 HIGH-1). A record the file never
 * got (its writer was killed between the two) is refused by undo, marked, and walked past on the
 * next undo; never is an older change of another flag undone in its place. The real kills are in
 * test/system/cli/flagsKillPoints.test.ts; here the record is written as a killed writer leaves it.
 */
describe('flags: write-ahead records and undo of a change the file never got', () => {
  afterEach(cleanupTempDirs);

  function repoWith(text: string): FlagsContext {
    const root = initRepo();
    fs.writeFileSync(path.join(root, 'flags.json'), text);
    return { root, historyFile: path.join(tempDir(), 'history.jsonl') };
  }

  /** The record a writer killed after its history line and before its rename leaves. */
  async function recordOnly(ctx: FlagsContext, change: Parameters<typeof appendFlagChange>[1]): Promise<void> {
    const history = await openHistoryForAppend(ctx.historyFile as string);
    try { await appendFlagChange(history, change); } finally { await history.close(); }
  }

  it('a set killed before its rename: undo refuses naming it, changes nothing, and the next undo takes the change before it', async () => {
    const ctx = repoWith(FLAGD_EXAMPLE);
    const file = path.join(ctx.root, 'flags.json');
    await setFlagValue(ctx, 'header-color', 'blue', { who: 'Ada' });
    await recordOnly(ctx, { key: 'new-checkout', environment: 'default', file: 'flags.json', field: 'defaultVariant', from: 'off', to: 'on', who: 'Bob' });
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(undoLastToggle(ctx, 'Cy'), (e: Error) => e instanceof FlagChangeError && e.reason === 'conflict'
      && e.message === 'the newest change, new-checkout → "on", is not in flags.json (its writer stopped before writing it, or it was set back since); nothing was undone, and the next undo goes on to the change before it');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
    await undoLastToggle(ctx, 'Cy');
    assert.match(fs.readFileSync(file, 'utf8'), /"defaultVariant": "red"/);
    const marks = (await readFlagChanges(ctx.historyFile as string)).filter((c) => c.notApplied !== undefined);
    assert.deepStrictEqual(marks.map((m) => [m.key, m.from, m.to, m.who]), [['new-checkout', 'off', 'off', 'Cy']]);
  });

  it('an undo killed before its rename: the change it names is still made, so the next undo refuses rather than undo an older one', async () => {
    const ctx = repoWith(FLAGD_EXAMPLE);
    const file = path.join(ctx.root, 'flags.json');
    await setFlagValue(ctx, 'header-color', 'blue', { who: 'Ada' });
    const [made] = (await setFlagValue(ctx, 'new-checkout', 'on', { who: 'Bob' })).changes;
    await recordOnly(ctx, { key: 'new-checkout', environment: 'default', file: 'flags.json', field: 'defaultVariant', from: 'on', to: 'off', who: 'Bob', undoOf: made.id });
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(undoLastToggle(ctx, 'Cy'), /^Error: the newest change, the undo of new-checkout → "on", is not in flags\.json .*nothing was undone/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before, 'header-color was undone in place of new-checkout');
    await undoLastToggle(ctx, 'Cy');
    const after = fs.readFileSync(file, 'utf8');
    assert.match(after, /"new-checkout": \{[^}]*\}[^}]*"defaultVariant": "off"/s);
    assert.match(after, /"defaultVariant": "blue"/);
  });
  it('the records of one write share a batch id: turning on a disabled flag records two fields at once', async () => {
    const ctx = repoWith(flagsFile({ dark: { ...BOOLEAN_FLAG, state: 'DISABLED' }, a: BOOLEAN_FLAG }));
    const one = (await setFlagValue(ctx, 'a', 'on', { who: 'Ada' })).changes;
    const two = (await setFlagValue(ctx, 'dark', 'on', { who: 'Ada' })).changes;
    assert.deepStrictEqual([one.map((c) => c.batch), two.map((c) => c.field)], [[undefined], ['defaultVariant', 'state']]);
    assert.ok(two[0].batch !== undefined && two[0].batch === two[1].batch, JSON.stringify(two));
  });

  it('a two-field set killed after both records and before its rename: one refusal names both and marks both, the next undo takes the change before it', async () => {
    const text = flagsFile({ dark: { ...BOOLEAN_FLAG, state: 'DISABLED' }, a: BOOLEAN_FLAG });
    const ctx = repoWith(text);
    const file = path.join(ctx.root, 'flags.json');
    await setFlagValue(ctx, 'a', 'on', { who: 'Ada' });
    const written = { key: 'dark', environment: 'default', file: 'flags.json', who: 'Bob', batch: 'b1' };
    await recordOnly(ctx, { ...written, field: 'defaultVariant', from: 'off', to: 'on' });
    await recordOnly(ctx, { ...written, field: 'state', from: 'DISABLED', to: 'ENABLED' });
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(undoLastToggle(ctx, 'Cy'), (e: Error) => e instanceof FlagChangeError && e.reason === 'conflict'
      && e.message === 'the newest change, dark → "on" and dark → "ENABLED", is not in flags.json (its writer stopped before writing it, or it was set back since); nothing was undone, and the next undo goes on to the change before it');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
    await undoLastToggle(ctx, 'Cy');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text, 'the second undo took back a, the change before the killed one');
    const marks = (await readFlagChanges(ctx.historyFile as string)).filter((c) => c.notApplied !== undefined);
    assert.deepStrictEqual(marks.map((m) => [m.key, m.field, m.from]), [['dark', 'defaultVariant', 'off'], ['dark', 'state', 'DISABLED']]);
  });
});
