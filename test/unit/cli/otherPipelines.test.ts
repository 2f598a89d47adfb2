import * as assert from 'node:assert/strict';
import { otherPipelinesJson, otherPipelinesLines } from '../../../src/cli/otherPipelines';
import type { RepoPipeline } from '../../../src/core/monorepo';
import { style } from '../../../src/core/render';

/** `gearshift status`'s lines on the other pipelines of a monorepo (the listing is tested with a real repository in test/system/cli/monorepo.test.ts). */
describe('cli: status lines on the repository\'s other pipelines', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  const plain = style(false);
  const green = (p: string): RepoPipeline => ({ path: p, status: { kind: 'green' } as RepoPipeline['status'] });
  const red = (p: string, minutes: number, stage?: string): RepoPipeline => ({ path: p, status: { kind: 'red' } as RepoPipeline['status'], redSince: now - minutes * 60_000, ...(stage ? { failedStage: stage } : {}) });

  it('says nothing when there are none', () => {
    assert.deepEqual(otherPipelinesLines([], now, plain), []);
  });

  it('a line for each one not green, in the order given, paths aligned; the green ones on one line', () => {
    assert.deepEqual(otherPipelinesLines([red('apps/api', 3, 'API Tests'), red('', 90), green('web')], now, plain), [
      'other pipelines in this repository',
      '  apps/api  red for 3m (API Tests)',
      '  (top)     red for 1h 30m',
      '  1 green: web',
    ]);
  });

  it('names five green ones, then counts the rest', () => {
    const greens = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(green);
    assert.deepEqual(otherPipelinesLines(greens, now, plain), ['other pipelines in this repository', '  all 7 green: a, b, c, d, e, … 2 more']);
  });

  it('prints paths and stage names as data: no control character reaches the terminal', () => {
    const lines = otherPipelinesLines([red('x\u001b]0;t\u0007', 1, 'S\u001b[2J')], now, plain).join('\n');
    // eslint-disable-next-line no-control-regex -- the controls are what must not be there
    assert.doesNotMatch(lines, /[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('--json: every one, verdict as status --json says it, the red period as ISO time and ms', () => {
    assert.deepEqual(otherPipelinesJson([red('apps/api', 2, 'API Tests'), green('web'), { path: 'x', status: { kind: 'notRun' } as RepoPipeline['status'] }], now), [
      { path: 'apps/api', verdict: 'red', redSince: '2026-12-06T11:58:00.000Z', redForMs: 120_000, failedStage: 'API Tests' },
      { path: 'web', verdict: 'green', redSince: null, redForMs: null, failedStage: null },
      { path: 'x', verdict: 'unknown', redSince: null, redForMs: null, failedStage: null },
    ]);
  });
});
