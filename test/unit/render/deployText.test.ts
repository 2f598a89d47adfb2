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
});
