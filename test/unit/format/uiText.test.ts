import * as assert from 'assert';
import { escapeIcons, pickText, treeText } from '../../../src/core/format';

describe('text for the editor\'s views and pickers', () => {
  it('escapes bidi overrides, isolates and controls in a row, visibly', () => {
    assert.strictEqual(treeText('ok\u202egnp.exe'), 'ok\\u202egnp.exe');
    assert.strictEqual(treeText('a\u2066b\u2069\x1b[2Jc\x9bd'), 'a\\u2066b\\u2069\\x1b[2Jc\\x9bd');
    assert.strictEqual(treeText('line one\nline two'), 'line one\\x0aline two');
  });

  it('keeps a row to one bounded line', () => {
    const row = treeText('x'.repeat(1000));
    assert.ok(row.length <= 200 && row.endsWith('…'), `${row.length} chars`);
  });

  it('leaves `$(…)` alone in a tree row, which draws no icon, and escapes it in a picker, which would', () => {
    assert.strictEqual(treeText('$(pass-filled) ok'), '$(pass-filled) ok');
    assert.strictEqual(pickText('$(pass-filled) ok\u202e'), '\\$(pass-filled) ok\\u202e');
    assert.strictEqual(escapeIcons('a $(x) and $(y~spin)'), 'a \\$(x) and \\$(y~spin)');
  });
});
