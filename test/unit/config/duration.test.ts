import * as assert from 'assert';
import { parseDuration } from '../../../src/core/config';

describe('config: parseDuration', () => {
  const good: [string, number][] = [
    ['90s', 90_000], ['10m', 600_000], ['1h', 3_600_000], ['1h30m', 5_400_000], ['2m30s', 150_000],
    ['1h0m5s', 3_605_000], ['1h5s', 3_605_000], [' 5m ', 300_000], ['0h1s', 1_000], ['24h', 86_400_000], ['1440m', 86_400_000],
  ];
  for (const [text, ms] of good) {
    it(`${JSON.stringify(text)} → ${ms} ms`, () => assert.strictEqual(parseDuration(text), ms));
  }

  const bad = ['', '  ', '0s', '0h0m', '-5m', '5', '90', '1.5h', '10M', '1H', '5 m', '30m1h', '1m1m', 'm', 'h1', '10min', '1d', '24h1s', 'soon', '1e3s', '+5m'];
  for (const text of bad) {
    it(`${JSON.stringify(text)} → undefined`, () => assert.strictEqual(parseDuration(text), undefined));
  }
});
