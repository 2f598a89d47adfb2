import * as assert from 'assert';
import { revertCommit, revertedBy } from '../../../src/core/git/revert';
import { afterRevert, RED_ACTION_LABELS, redAdvice, reminderMessage, wentRedMessage } from '../../../src/core/redgreen';
import { commitFile, initRepo } from '../../support/git';
import { run } from './runs';

/** The reminder's words and buttons once Revert Last Commit… reverted the red commit (verdictfix's note; real git). */
describe('red reminders after the red commit was reverted', () => {
  it('a reverted red commit: the reminder says which commit reverts it and offers Run Pipeline, not Revert Last Commit…', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const culprit = commitFile(repo, 'a.txt', 'broken\n', 'refactor add');
    assert.strictEqual(await revertedBy(repo, culprit), undefined, 'not reverted yet');
    const made = await revertCommit(repo, culprit);
    assert.ok(made.ok, JSON.stringify(made));
    const by = await revertedBy(repo, culprit);
    assert.strictEqual(by, made.sha);

    const red = run('red', 0, { sha: culprit });
    const facts = { repo: '', failedStage: 'Unit Tests', run: red, redForMs: 2 * 60_000, revertedBy: by };
    const tail = `${culprit.slice(0, 8)} is already reverted by ${made.sha.slice(0, 8)}: run the pipeline on ${made.sha.slice(0, 8)} to end the red.`;
    for (const level of [1, 2, 3]) {
      const text = reminderMessage(facts, level);
      assert.ok(text.endsWith(tail), text);
      assert.doesNotMatch(text, /revert (?:it|now)/, text);
    }
    assert.ok(wentRedMessage(facts).endsWith(tail));
    assert.match(reminderMessage({ ...facts, revertedBy: undefined }, 2), /Stop and fix it or revert now\.$/, 'not reverted: as before');

    const labels = (actions: readonly string[]): string[] => actions.map((a) => RED_ACTION_LABELS[a as keyof typeof RED_ACTION_LABELS]);
    assert.deepStrictEqual(labels(afterRevert(redAdvice({ kind: 'failed' })).actions), ['Run Pipeline', 'Show Log']);
    assert.deepStrictEqual(labels(afterRevert(redAdvice({ kind: 'releaseStillLive' })).actions), ['Roll Back', 'Run Pipeline', 'Show Log']);
    assert.deepStrictEqual(afterRevert(redAdvice({ kind: 'starterTodo', stage: 'Lint' })), redAdvice({ kind: 'starterTodo', stage: 'Lint' }));
  });

  it('a live release that alerted: roll back first still leads, then the revert\'s run', () => {
    const red = run('red', 0, { alert: true } as never);
    const text = reminderMessage({ repo: '', run: red, redForMs: 60_000, revertedBy: 'b'.repeat(40) }, 1);
    assert.match(text, /Roll back first; \w{8} is already reverted by bbbbbbbb: run the pipeline on bbbbbbbb to end the red\.$/);
  });
});
