import * as assert from 'node:assert';
import { style } from '../../../src/core/render/ansi';
import { renderDeployEvent } from '../../../src/core/render/deployText';

describe('render/deployText: a verdict spanning lines', () => {
  const failed = 'switch to blue failed (exited with code 4); green is still live\nload balancer said no\u001b[2J';

  it('a failed switch or rollback by hand: its mark on the first line, the script\'s last lines below, each made printable', () => {
    const text = renderDeployEvent({ type: 'operationEnded', operation: 'switch', result: 'failed', message: failed }, style(false));
    assert.strictEqual(text, '✖ switch to blue failed (exited with code 4); green is still live\nload balancer said no\\x1b[2J\n');
  });

  it('a deploy\'s verdict reads the same way', () => {
    const text = renderDeployEvent({ type: 'deployEnded', outcome: { result: 'failed', message: failed, sha: 'abc1234', problems: [] } }, style(false));
    assert.strictEqual(text, '✖ switch to blue failed (exited with code 4); green is still live\nload balancer said no\\x1b[2J\n');
  });

  it('a partial sample says what was measured, not a rate over requests not yet sent (walk29 M2)', () => {
    const sample = { probe: 'web', kind: 'http' as const, rate: 0.1, errors: 1, total: 10, seen: 1, down: false, partial: true, detail: 'HTTP 500', latencyMs: 58, phase: 'watch' as const, interval: 1, at: '2026-12-06T06:00:00Z' };
    const text = renderDeployEvent({ type: 'monitorSample', sample }, style(false));
    assert.strictEqual(text, '  · web #1  1 failed of 10 planned requests (≥ 10%), HTTP 500, 58ms (so far)\n');
    const whole = renderDeployEvent({ type: 'monitorSample', sample: { ...sample, partial: false, seen: undefined, total: 1, rate: 1 } }, style(false));
    assert.strictEqual(whole, '  · web #1  100% errors (1/1), HTTP 500, 58ms\n');
  });
});
