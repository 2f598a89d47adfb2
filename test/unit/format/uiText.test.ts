import * as assert from 'assert';
import { escapeIcons, pickText, treeText, withoutIcons } from '../../../src/core/format';

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

  // walk30 L1: VS Code drops the backslash only before what it draws as an icon; elsewhere `\$(` showed its backslash.
  it('escapes only what VS Code would draw as an icon: `$(name)` and `$(name~modifier)`', () => {
    assert.strictEqual(escapeIcons('evil $(rm -rf) <b>'), 'evil $(rm -rf) <b>');
    assert.strictEqual(pickText('echo "rev: $(echo $TOKEN | rev)"'), 'echo "rev: $(echo $TOKEN | rev)"');
    assert.strictEqual(escapeIcons('$() $(a b) $(x~) $(x~spin2) $(x~sp-in) $(_x) $(x'), '$() $(a b) $(x~) $(x~spin2) $(x~sp-in) $(_x) $(x');
    assert.strictEqual(escapeIcons('$(Mark-Github9) $(sync~Spin) $(rm -rf) $(zap)'), '\\$(Mark-Github9) \\$(sync~Spin) $(rm -rf) \\$(zap)');
    assert.strictEqual(escapeIcons('$($(zap))'), '$(\\$(zap))', 'the inner one only: the outer is not an icon');
  });

  // review30 L1: the status item's screen-reader label dropped data such as `$(echo prod)` once it was no longer escaped.
  it('a screen reader hears the data as written and no drawn icon', () => {
    const label = `$(error) Gearshift: red · ${escapeIcons('Deploy $(echo prod) $(zap)')}`;
    assert.strictEqual(withoutIcons(label), 'Gearshift: red · Deploy $(echo prod) $(zap)');
  });
});
