import * as assert from 'assert';
import { revertedMessage, runsByItself } from '../../../src/core/automation';
import { parsePipelineText } from '../../../src/core/config';

const config = (head: string): string => `version: 1\n${head}stages:\n  - name: Unit Tests\n    run: npm test\n`;

describe('runsByItself / revertedMessage: no second run offered for a revert that runs by itself (firsthour34 F15)', () => {
  it('trigger: commit on a watched branch runs by itself; manual, another branch, detached HEAD and an invalid config do not', () => {
    const onCommit = parsePipelineText(config('trigger: commit\nbranches: [main]\n'), '.gearshift.yml');
    assert.strictEqual(runsByItself(onCommit, 'main'), true);
    assert.strictEqual(runsByItself(onCommit, 'topic'), false);
    assert.strictEqual(runsByItself(onCommit, ''), false);
    assert.strictEqual(runsByItself(parsePipelineText(config('trigger: commit\n'), '.gearshift.yml'), 'topic'), true, 'no branches: every branch');
    assert.strictEqual(runsByItself(parsePipelineText(config('trigger: manual\n'), '.gearshift.yml'), 'main'), false);
    assert.strictEqual(runsByItself(parsePipelineText('version: 1\nstages: nope\n', '.gearshift.yml'), 'main'), false);
  });

  it('says the run has started when the revert runs by itself, and nothing about a run otherwise', () => {
    assert.strictEqual(revertedMessage('17d45b62aaaa', '32d54ac0bbbb', true), 'reverted 17d45b62 as 32d54ac0; its run has started (trigger: commit)');
    assert.strictEqual(revertedMessage('17d45b62aaaa', '32d54ac0bbbb', false), 'reverted 17d45b62 as 32d54ac0');
  });
});
