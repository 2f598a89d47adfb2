import * as assert from 'node:assert/strict';
import { parsePipelineText } from '../../../src/core/config';
import { runQuestion, slotsToPin, type ProductionPlan } from '../../../src/core/release';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const plan = (over: Partial<ProductionPlan> = {}): ProductionPlan => ({
  kind: 'plan', sha: SHA, branch: 'main', dirty: false, moreCommits: false,
  blueGreen: true, targetSlot: 'green', liveSlot: 'blue', productionStages: ['Ship'], problems: [], ...over,
});

/**
 * One rule for which slots a confirmed run pins (RunRequest.slots), used by the editor's run
 * question (runStart.ts) and `gearshift run`'s (cli/runQuestion.ts): the ones asked about, unless
 * the run waits its turn (queued, `--wait`), whose slot is decided when it starts.
 */
describe('release: the slots a confirmed run pins', () => {
  it('a run that starts now pins the slots its question named: the target, and the live one when there is one', () => {
    assert.deepEqual(slotsToPin(plan(), false), { target: 'green', live: 'blue' });
    assert.deepEqual(slotsToPin(plan({ targetSlot: 'blue', liveSlot: undefined }), false), { target: 'blue' });
  });

  it('a run that waits for another (queued, `gearshift run --wait`) pins none: the run before it may deploy', () => {
    assert.equal(slotsToPin(plan(), true), undefined);
  });

  it('no slot named (no blue/green, or deploy.json unreadable) or no commit: none', () => {
    assert.equal(slotsToPin(plan({ blueGreen: false, targetSlot: undefined, liveSlot: undefined }), false), undefined);
    assert.equal(slotsToPin(plan({ targetSlot: undefined }), false), undefined);
    assert.equal(slotsToPin(plan({ sha: 'none' }), false), undefined);
  });

  it('the editor\'s run question follows it for each answer to whenRunning', () => {
    const parsed = parsePipelineText('version: 1\nstages:\n  - name: Ship\n    run: "true"\n    environment: production\ndeploy:\n  switch: "true"\n', '/repo/.gearshift.yml');
    assert.ok(parsed.ok);
    const slotsOf = (busy: 'queue' | 'cancel' | 'refuse'): unknown => (runQuestion(parsed.pipeline, { trigger: 'manual' }, plan(), busy) as { slots?: unknown }).slots;
    assert.deepEqual(slotsOf('refuse'), slotsToPin(plan(), false));
    assert.deepEqual(slotsOf('cancel'), slotsToPin(plan(), false));
    assert.equal(slotsOf('queue'), undefined);
  });
});
