import * as assert from 'node:assert';
import { backToGreenMessage } from '../../../src/core/redgreen/messages';
import { run } from './runs';

describe('red/green: back to green by a rollback or switch (walkedit33 M1)', () => {
  it('names the release made live, not as main\'s tip, and claims no check passed again', () => {
    const rb = run('green', 0, { trigger: 'rollback', sha: '9baa35b1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    const text = backToGreenMessage({ repo: '', failedStage: 'production monitoring', run: rb, redForMs: 5 * 60_000 });
    assert.strictEqual(text, `Back to green after 5m by a rollback: 9baa35b1 is live (run ${rb.id.slice(0, 8)}); newer commits are not live until one deploys.`);
    assert.doesNotMatch(text, /main at|passes again/);
  });

  it('a switch says so; a pipeline run keeps "main at <sha>" and what passes again', () => {
    const sw = run('green', 0, { trigger: 'switch' });
    assert.match(backToGreenMessage({ repo: '', run: sw, redForMs: 60_000 }), /^Back to green after 1m by a switch: \w{8} is live /);
    const fixed = run('green', 0);
    assert.match(backToGreenMessage({ repo: '', failedStage: 'Unit Tests', run: fixed, redForMs: 60_000 }), /^Back to green after 1m: Unit Tests passes again \(main at \w{8}, run run-\d{4}\)\.$/);
  });
});
