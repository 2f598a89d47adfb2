import * as assert from 'node:assert';
import type { FlagRow } from '../../../src/core/flags';
import { ageText, removalQuestion, serveQuestionShown, summaryDescription } from '../../../src/vscode/flags/flagsText';
import { flagsTable } from '../../../src/cli/commands/flagsText';
import { hasUnprintable } from '../../../src/core/format';

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

  it('ages in the CLI\'s words: a flag changed 36 minutes ago is "36m ago" in the view as in `flags list`, never "just now" (walkedit33 L4)', () => {
    const now = Date.parse('2026-12-06T18:32:00Z');
    const at = (minutes: number): string => new Date(now - minutes * 60_000).toISOString();
    assert.strictEqual(ageText(at(36), now), '36m ago');
    assert.strictEqual(ageText(at(0.5), now), '30s ago');
    assert.strictEqual(ageText(at(0), now), 'just now');
    assert.strictEqual(ageText(at(150), now), '2h ago');
    assert.strictEqual(ageText(at(3 * 1440), now), '3d ago');
    assert.strictEqual(ageText(null, now), 'not committed');
    // The CLI's CHANGED column says the same (one formatter, core/format ago).
    const changed = { ...row(1), lastChanged: new Date(Date.now() - 36 * 60_000 - 5_000).toISOString() };
    assert.match(flagsTable([changed], { rows: [changed], places: [], errors: [], files: [] }), /\b36m ago\b/);
    assert.match(summaryDescription([changed]), /^false · 1 ref · 36m ago$/);
  });
});

/** review33 L2: the editor's production question shows a flag key and variant from a workspace file as data, as the CLI prints them. */
describe('flags view text: the production question in the editor', () => {
  it('a key holding a newline, an escape sequence or a link is shown escaped on the one line, and no link can form', () => {
    const shown = serveQuestionShown({ key: 'evil\n[Open](command:workbench.action.terminal.new)\x1b]0;pwned\x07', served: 'on\r\u202egnp.exe', environment: 'default', file: 'flags.json' });
    assert.strictEqual(shown.message, 'Serve evil\\x0a[Open] (command:workbench.action.terminal.new)\\x1b]0;pwned\\x07 as "on\\x0d\\u202egnp.exe" in production (writes flags.json)?');
    assert.ok(!hasUnprintable(shown.message + shown.detail), 'no control or bidi character reaches the modal');
    assert.strictEqual(shown.detail, 'Production reads flags.json (every environment does) and serves the change once it is committed and deployed. Turning it off again is never asked.');
  });
});
