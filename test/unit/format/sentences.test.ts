import * as assert from 'node:assert/strict';
import { sentences } from '../../../src/core/format';

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
