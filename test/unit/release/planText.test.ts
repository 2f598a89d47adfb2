import * as assert from 'node:assert/strict';
import { COMMITS_SHOWN, planDetail, productionQuestion, type ProductionPlan } from '../../../src/core/release';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const plan = (over: Partial<ProductionPlan> = {}): ProductionPlan => ({
  kind: 'plan', sha: SHA, subject: 'Fix checkout', branch: 'main', dirty: false, moreCommits: false,
  blueGreen: true, targetSlot: 'green', liveSlot: 'blue', productionStages: ['Deploy to production'], problems: [], ...over,
});

describe('release: the production deploy confirmation text', () => {
  it('asks about the commit by short sha and subject, and the slot', () => {
    assert.equal(productionQuestion(plan()), 'Deploy 01234567 "Fix checkout" to production (slot green)?');
    assert.equal(productionQuestion(plan({ sha: 'none', subject: undefined, targetSlot: undefined })), 'Deploy the working tree to production?');
  });

  it('lists what ships since the last production deploy, capped, then slots and monitoring', () => {
    const commits = Array.from({ length: COMMITS_SHOWN + 2 }, (_, i) => ({ sha: `${i}`.padStart(40, 'a'), subject: `change ${i}` }));
    const text = planDetail(plan({
      commits, moreCommits: true, lastProduction: { sha: 'b'.repeat(40), at: '2026-01-01T00:00:00Z' },
      monitor: { windowMs: 60_000, intervalMs: 5_000, autoRollback: true, probes: ['web'] }, dirty: true, problems: ['deploy.json was corrupt'],
    })).split('\n');
    assert.equal(text[0], `${COMMITS_SHOWN + 2}+ commits not in the live release (bbbbbbbb):`);
    assert.equal(text.filter((l) => l.startsWith('  aaaa')).length, COMMITS_SHOWN);
    assert.equal(text[COMMITS_SHOWN + 1], '  …');
    assert.ok(text.includes('Blue/green: the release goes to green while blue stays live, then traffic switches.'));
    assert.ok(text.includes('Then monitoring for 60s (web), rolling back by itself on an error spike.'));
    assert.ok(text.includes('The working tree has uncommitted changes: stages run on it, which is not exactly the commit.'));
    assert.equal(text.at(-1), 'Note: deploy.json was corrupt');
  });

  it('with no deploy recorded in this clone: says so, and that blue/green\'s first slot may be the live one (review40 M2)', () => {
    const first = plan({ liveSlot: undefined, targetSlot: 'blue', commits: [{ sha: SHA, subject: 'Fix checkout' }] });
    const text = planDetail(first).split('\n');
    assert.equal(text[0], 'No deploy recorded in this clone; deploys made from other clones are not known here. Commits:');
    assert.ok(text.includes('This clone has no record of the live slot: blue may be serving traffic.'), text.join('\n'));
    // A slot live on record, or no blue/green: no such line.
    assert.doesNotMatch(planDetail(plan({ liveSlot: 'blue', targetSlot: 'green' })), /no record of the live slot/);
    assert.doesNotMatch(planDetail({ ...first, lastProduction: { sha: 'b'.repeat(40), at: 'x', slot: 'green' } }), /no record of the live slot/);
    const plain = planDetail(plan({ blueGreen: false, liveSlot: undefined, targetSlot: undefined, commits: [] }));
    assert.match(plain, /^No deploy recorded in this clone; deploys made from other clones are not known here\. Commits:/);
    assert.doesNotMatch(plain, /live slot/);
  });

  it('says when the same commit goes out again, and when commits are unknown', () => {
    assert.match(planDetail(plan({ commits: [], lastProduction: { sha: SHA, at: 'x' } })), /^No commit beyond the live release \(01234567\): this deploys the same commit again\./);
    assert.match(planDetail(plan({ commitsNote: 'git could not list commits' })), /^git could not list commits\n/);
  });
  it('says the commit is already live, and where, when it is the live one (Promote of the live commit)', () => {
    assert.match(planDetail(plan({ commits: [], lastProduction: { sha: SHA, at: 'x', slot: 'blue' } })), /this deploys the same commit again\. 01234567 is already live in blue\.\n/);
    assert.equal(productionQuestion(plan(), 'Promote'), 'Promote 01234567 "Fix checkout" to production (slot green)?');
  });
  it('a megabyte commit subject is cut to one bounded line, in the question and in the list', () => {
    const huge = `Huge ${'x'.repeat(1024 * 1024)}`;
    const question = productionQuestion(plan({ subject: huge }));
    assert.ok(question.length < 300 && question.includes('x…"'), `${question.length} characters`);
    const detail = planDetail(plan({ commits: [{ sha: SHA, subject: huge }], lastProduction: { sha: 'b'.repeat(40), at: 'x' } }));
    const line = detail.split('\n').find((l) => l.includes('Huge')) ?? '';
    assert.ok(line.length < 300 && line.endsWith('x…'), `${line.length} characters`);
  });
});
