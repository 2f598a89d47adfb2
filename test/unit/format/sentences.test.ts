import * as assert from 'node:assert/strict';
import { counted, sentences } from '../../../src/core/format';

// walk30 L10: the gauge's note ran a bare reason into the next sentence ("…(≤ 3 days) Git is not read…").
describe('format: sentences joined into a paragraph', () => {
  it('ends each with a full stop unless it has its own, and starts each with a capital', () => {
    assert.equal(sentences('every 2–3 days: median interval 3m 54s (≤ 3 days)', 'git is not read'), 'Every 2–3 days: median interval 3m 54s (≤ 3 days). Git is not read.');
    assert.equal(sentences('Red?', 'Fix it!', 'Wait…', 'done.'), 'Red? Fix it! Wait… Done.');
  });
  it('leaves out empty ones and trims the rest', () => {
    assert.equal(sentences('', '  one  ', ' ', 'two'), 'One. Two.');
    assert.equal(sentences(), '');
  });
});

describe('format: a count with its noun agreed', () => {
  it('says "1 probe", "2 probes", "0 problems" and takes an irregular plural', () => {
    assert.deepStrictEqual([counted(1, 'probe'), counted(2, 'probe'), counted(0, 'problem'), counted(3, 'entry', 'entries')], ['1 probe', '2 probes', '0 problems', '3 entries']);
  });
});
