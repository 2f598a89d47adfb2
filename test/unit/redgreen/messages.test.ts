import * as assert from 'node:assert';
import { redAdvice, redCauseOf } from '../../../src/core/redgreen';
import { backToGreenMessage, clean, reminderMessage, wentRedMessage } from '../../../src/core/redgreen/messages';
import { run } from './runs';

describe('red/green messages', () => {
  it('strip control characters from branch, stage and repo names so a crafted name cannot forge lines', () => {
    const r = run('red', 0, { branch: 'evil\nThe pipeline is green\r', sha: 'none' });
    const text = wentRedMessage({ repo: 'a\u001b[2Jb', failedStage: 'Unit\u2028Tests', run: r, redForMs: 0 });
    assert.ok(![...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\u2028'), text);
    assert.match(text, /^a \[2Jb: The pipeline is red: Unit Tests failed on evil The pipeline is green {2}at no commit, run run-\d{4}/);
    assert.strictEqual(clean('ok'), 'ok');
  });

  it('back to green without a failed stage name still reads well', () => {
    const text = backToGreenMessage({ repo: '', run: run('green', 0, { branch: '' }), redForMs: 2 * 3_600_000 + 5 * 60_000 });
    assert.match(text, /^Back to green after 2h 05m \(\w{8}, run run-\d{4}\)\.$/);
  });
});

describe('red messages for a run of uncommitted changes', () => {
  // `dirty` counts any untracked file (git status --untracked-files=normal), so it cannot tell who broke it:
  // the message states the fact and keeps the usual advice (review27; review26 F3's "no revert" was taken back).
  it('says the run had uncommitted changes, and keeps "fix or revert"', () => {
    const text = wentRedMessage({ repo: '', failedStage: 'Unit Tests', run: run('red', 0, { dirty: true }), redForMs: 0 });
    assert.match(text, /^The pipeline is red: Unit Tests failed on main at \w{8} with uncommitted changes, run run-\d{4}\. Fix it or revert before anything else\.$/);
  });
});

describe('red messages for a run whose monitoring alerted: the words match the buttons (review29 L1)', () => {
  const facts = (extra: Record<string, unknown>) => ({ repo: '', failedStage: 'Deploy Prod', run: run('red', 0, extra), redForMs: 20 * 60_000 });

  it('with the release still live (no autoRollback): roll back first, then fix or revert, in the went-red words and every reminder', () => {
    const live = facts({ alert: true });
    assert.strictEqual(redAdvice(redCauseOf(live.run as unknown as Record<string, unknown>)).actions[0], 'rollBack');
    assert.match(wentRedMessage(live), /\. Roll back first, then fix it or revert it\.$/);
    assert.match(reminderMessage(live, 1), /\. Roll back first, then fix it or revert it\.$/);
    assert.match(reminderMessage(live, 2), /\. Stop now: roll back first, then fix it or revert it\.$/);
    assert.match(reminderMessage(live, 3), /: drop other work, roll back first, then fix it or revert it\.$/);
    for (const text of [wentRedMessage(live), ...[1, 2, 3].map((l) => reminderMessage(live, l))]) { assert.doesNotMatch(text, /Fix it or revert before|and fix or revert/, text); }
  });

  it('rolled back by the automatic rollback: the went-red words say so and which slot is live again, then fix it or revert (review31 L10)', () => {
    const f = facts({ alert: true, rollback: true, deploy: { result: 'alert', message: 'alert: health: down', live: 'blue\u001b[2J' } });
    assert.match(wentRedMessage(f), /^The pipeline is red: Deploy Prod failed on main at \w{8}, run run-\d{4}; rolled back automatically: slot blue \[2J is live again\. Fix it or revert before anything else\.$/);
    // A record without the slot (an older history line) still says it was rolled back.
    assert.match(wentRedMessage(facts({ alert: true, rollback: true })), /, run run-\d{4}; rolled back automatically\. Fix it or revert before anything else\.$/);
    // Only the went-red words: a reminder comes later, when another slot may be live.
    assert.doesNotMatch(reminderMessage(f, 1), /rolled back/);
    assert.doesNotMatch(wentRedMessage(facts({ alert: true })), /rolled back/);
  });

  it('an automatic rollback that did not happen: the went-red words say why and which slot is still live, then roll back first (closing-30)', () => {
    const f = facts({ alert: true, deploy: { result: 'alert', message: 'alert: health: down; automatic rollback did not happen: rollback: switch failed (exit 3)', live: 'green\u001b[2J', rollbackFailed: 'rollback: switch failed (exit 3)\nforged' } });
    assert.match(wentRedMessage(f), /^The pipeline is red: Deploy Prod failed on main at \w{8}, run run-\d{4}; automatic rollback did not happen: rollback: switch failed \(exit 3\) ?forged; the release that alerted is still live in slot green \[2J\. Roll back first, then fix it or revert it\.$/);
    assert.match(wentRedMessage(facts({ alert: true, deploy: { result: 'alert', message: 'x', rollbackFailed: 'no slot' } })), /; automatic rollback did not happen: no slot; the release that alerted is still live\. Roll back first/);
    // The switch's own words already name the live slot (core/deploy rollback): said once.
    const named = facts({ alert: true, deploy: { result: 'alert', message: 'x', live: 'green', rollbackFailed: 'rollback: switch to blue failed (exited with code 1); green is still live' } });
    assert.match(wentRedMessage(named), /; automatic rollback did not happen: rollback: switch to blue failed \(exited with code 1\); green is still live\. Roll back first/);
    assert.doesNotMatch(reminderMessage(f, 1), /did not happen/, 'reminders come later, when a person may have rolled back');
  });

  it('rolled back by the automatic rollback, or a plain failure: fix it or revert, no roll back', () => {
    for (const extra of [{ alert: true, rollback: true }, {}]) {
      const f = facts(extra);
      assert.match(wentRedMessage(f), /\. Fix it or revert before anything else\.$/);
      assert.match(reminderMessage(f, 1), /\. Fix it or revert it\.$/);
      assert.doesNotMatch(reminderMessage(f, 3), /roll back/i);
    }
  });
});
