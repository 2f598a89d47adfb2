import * as assert from 'node:assert/strict';
import { gaugeNote } from '../../../src/core/gears';

// walk30 L10: "…median interval 3m 54s (≤ 3 days) Git is not read in an untrusted workspace…" missed a full stop.
describe('gears: the gauge\'s note under the dial', () => {
  const reason = 'every 2–3 days: median interval 3m 54s (≤ 3 days)';
  it('untrusted: the reason ends with a full stop before the sentence on git', () => {
    assert.equal(gaugeNote({ reason, trusted: false }),
      'Every 2–3 days: median interval 3m 54s (≤ 3 days). Git is not read in an untrusted workspace: release tags, commits and reverts are not counted.');
  });
  it('trusted: the reason alone, a sentence too; with several folders the one shown leads, as given', () => {
    assert.equal(gaugeNote({ reason, trusted: true }), 'Every 2–3 days: median interval 3m 54s (≤ 3 days).');
    assert.equal(gaugeNote({ reason, trusted: true, folder: 'web' }), 'web: Every 2–3 days: median interval 3m 54s (≤ 3 days).');
  });
  it('no gear yet: not measured, or the pipeline file\'s errors', () => {
    assert.equal(gaugeNote({ reason: null, trusted: false }),
      'Not measured yet: Gearshift places your team in a gear once it has seen production deploys. Git is not read in an untrusted workspace: release tags, commits and reverts are not counted.');
    assert.equal(gaugeNote({ reason: null, trusted: true, pipelineError: '2 errors' }), 'The pipeline file has errors (2 errors): production deploys cannot be told until it loads.');
    assert.equal(gaugeNote({ reason: null, trusted: true, pipelineMissing: true }), 'There is no .gearshift.yml here: production deploys cannot be told until there is one.');
  });
});
