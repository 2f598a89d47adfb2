import * as assert from 'node:assert/strict';
import { formatDuration, formatLimit } from '../../../src/core/pipeline';

describe('pipeline/format', () => {
  it('formats measured durations for people', () => {
    assert.equal(formatDuration(0), '0ms');
    assert.equal(formatDuration(850), '850ms');
    assert.equal(formatDuration(999.7), '1.0s');
    assert.equal(formatDuration(12_340), '12.3s');
    assert.equal(formatDuration(59_960), '1m 00s');
    assert.equal(formatDuration(245_000), '4m 05s');
    assert.equal(formatDuration(3_720_000), '1h 02m');
    assert.equal(formatDuration(-5), '0ms');
    assert.equal(formatDuration(Number.NaN), '0ms');
  });

  it('formats configured limits the way the config spells them', () => {
    assert.equal(formatLimit(600_000), '10m');
    assert.equal(formatLimit(90_000), '90s');
    assert.equal(formatLimit(3_600_000), '1h');
    assert.equal(formatLimit(5_400_000), '90m');
    assert.equal(formatLimit(300), '300ms');
    assert.equal(formatLimit(1500), '1500ms');
  });
});
