import * as assert from 'node:assert';
import type { FlagRow } from '../../../src/core/flags';
import { removalQuestion, summaryDescription } from '../../../src/vscode/flags/flagsText';

const row = (references: number | null): FlagRow => ({
  key: 'a', state: 'ENABLED', defaultVariant: 'off', variants: { on: true, off: false }, value: false,
  environment: 'default', stale: false, lastChanged: null, references,
});

describe('flags view text: the reference count says how much it knows', () => {
  it('a count, "N+" when the search stopped early (a lower bound), "?" when it could not run', () => {
    assert.strictEqual(summaryDescription([row(2)]), 'false · 2 refs · not committed');
    assert.strictEqual(summaryDescription([row(1)]), 'false · 1 ref · not committed');
    assert.strictEqual(summaryDescription([row(1)], true), 'false · 1+ refs · not committed');
    assert.strictEqual(summaryDescription([row(0)], true), 'false · 0+ refs · not committed');
    assert.strictEqual(summaryDescription([row(null)]), 'false · ? refs · not committed');
    assert.strictEqual(summaryDescription([row(null)], true), 'false · ? refs · not committed');
  });

  it('Remove Feature Toggle asks unless a whole search found nothing: a failed, cut-short or skipped search is asked about', () => {
    const whole = { byKey: new Map(), incomplete: false };
    assert.strictEqual(removalQuestion('a', [row(0)], whole), undefined);
    assert.strictEqual(removalQuestion('a', [row(2)], whole), '"a" is still referenced in 2 place(s). Remove it from the flags files anyway?');
    assert.strictEqual(removalQuestion('a', [row(2)], { ...whole, incomplete: true }), '"a" is still referenced in 2 or more place(s). Remove it from the flags files anyway?');
    assert.strictEqual(removalQuestion('a', [row(0)], { ...whole, incomplete: true }),
      '"a": none found before the search stopped early (time or size bound): search the code before deleting the flag. Remove it from the flags files anyway?');
    assert.strictEqual(removalQuestion('a', [row(null)], { byKey: new Map(), incomplete: true, problem: 'git grep failed: boom' }),
      '"a": references unknown (git grep failed: boom): search the code before deleting the flag. Remove it from the flags files anyway?');
    // An untrusted workspace runs no git: nothing was searched.
    assert.strictEqual(removalQuestion('a', [row(null)], undefined),
      '"a": the code was not searched for references: search it before deleting the flag. Remove it from the flags files anyway?');
  });
});
