import * as assert from 'assert';
import { parseDuration, parseLongDuration, parseMonitorDuration } from '../../../src/core/config';

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

describe('config: parseMonitorDuration (monitor: adds ms, answers 0 as 0)', () => {
  const good: [string, number][] = [
    ['500ms', 500], ['5s', 5_000], ['1s500ms', 1_500], ['2m', 120_000], ['1m500ms', 60_500], ['1h', 3_600_000], ['0s', 0], [' 30s ', 30_000], ['25h', 90_000_000],
  ];
  for (const [text, ms] of good) {
    it(`${JSON.stringify(text)} → ${ms} ms`, () => assert.strictEqual(parseMonitorDuration(text), ms));
  }
  for (const text of ['', '0', '5', '1d', '500MS', '5ms1s', '1.5s', '-5s', 'ms', '5 s', 'none']) {
    it(`${JSON.stringify(text)} → undefined`, () => assert.strictEqual(parseMonitorDuration(text), undefined));
  }
});

describe('config: parseLongDuration (gears: days, only there)', () => {
  const DAY = 86_400_000;
  const good: [string, number][] = [['90d', 90 * DAY], ['14d', 14 * DAY], ['1d12h', 1.5 * DAY], ['36h', 1.5 * DAY], ['0d', 0], ['3650d', 3650 * DAY]];
  for (const [text, ms] of good) {
    it(`${JSON.stringify(text)} → ${ms} ms`, () => assert.strictEqual(parseLongDuration(text), ms));
  }
  for (const text of ['', '90', '2w', '1D', '12h1d', '1.5d', '-1d', '1d1d', '500ms', '99999999999999999999d']) {
    it(`${JSON.stringify(text)} → undefined`, () => assert.strictEqual(parseLongDuration(text), undefined));
  }
  it('stays out of stage timeouts', () => assert.strictEqual(parseDuration('1d'), undefined));
});
