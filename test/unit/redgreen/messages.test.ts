import * as assert from 'node:assert';
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

describe('red messages for a run of uncommitted changes (review26 F3)', () => {
  const dirty = run('red', 0, { dirty: true });

  it('going red says it tested uncommitted changes, and offers no revert of the commit under them', () => {
    const text = wentRedMessage({ repo: '', failedStage: 'Unit Tests', run: dirty, redForMs: 0 });
    assert.match(text, /^The pipeline is red: Unit Tests failed on main at \w{8} with uncommitted changes, run run-\d{4}/);
    assert.match(text, /tested uncommitted changes/);
    assert.doesNotMatch(text, /revert/i);
  });

  it('reminders, firm as they get, do not say revert either', () => {
    for (const level of [1, 2, 5]) {
      const text = reminderMessage({ repo: '', failedStage: 'Unit Tests', run: dirty, redForMs: 30 * 60_000 }, level);
      assert.doesNotMatch(text, /revert/i, text);
    }
  });

  it('a later red run with uncommitted changes still, on top of a dirty one that broke it: no revert', () => {
    const later = run('red', 5, { dirty: true });
    const text = reminderMessage({ repo: '', failedStage: 'Unit Tests', run: later, brokenBy: dirty, redForMs: 30 * 60_000 }, 1);
    assert.doesNotMatch(text, /revert/i, text);
  });

  it('once a clean run is red too (the changes were committed and still fail), the usual advice: fix or revert (review27)', () => {
    const committed = run('red', 5);
    const text = reminderMessage({ repo: '', failedStage: 'Unit Tests', run: committed, brokenBy: dirty, redForMs: 30 * 60_000 }, 1);
    assert.match(text, /fix it or revert it/i, text);
    assert.doesNotMatch(text, /tested uncommitted changes, not a commit/, text);
  });
});
