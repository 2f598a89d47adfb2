/**
 * The still-red line must not say a run "did not deploy to production" when it did.
 * A red period with a production failure (a failed switch) and a failing stage; then a green
 * `--from Deploy` run whose production deploy went live (provesProduction) but that left the
 * failing stage out. leftRedBy keeps the period (Acceptance still has to pass): right. The line
 * says "Acceptance was not in this run, nor did it deploy to production": the second half is false.
 */
import * as assert from 'node:assert';
import type { RunRecord, StageRecord, StageState } from '../../../src/core/pipeline/types';
import { foldHistory } from '../../../src/core/redgreen/fromHistory';
import { stillRedMessage } from '../../../src/core/redgreen/messages';
import { provesProduction } from '../../../src/core/redgreen/period';
import { leftRedBy } from '../../../src/core/redgreen/transition';
import { run } from './runs';

function partial(state: 'red' | 'green', startMin: number, stages: Record<string, StageState | 'skip' | 'before'>, extra: Partial<RunRecord> = {}): RunRecord {
  const records: StageRecord[] = Object.entries(stages).map(([name, s]) => (s === 'skip'
    ? { name, state: 'skipped', exitCode: null, durationMs: 0, reason: `not selected (--stage ${name})` }
    : s === 'before' ? { name, state: 'skipped', exitCode: null, durationMs: 0, reason: 'before --from Deploy' }
      : { name, state: s, exitCode: s === 'passed' ? 0 : s === 'failed' ? 1 : null, durationMs: 5 }));
  return { ...run(state, startMin), stages: records, ...extra };
}

describe('still-red wording after a green run that did deploy to production', () => {
  it('does not say "nor did it deploy to production" of a run that went live', () => {
    const red = partial('red', 0, { Unit: 'passed', Acceptance: 'failed', Deploy: 'skip' });
    const switchFailed = partial('red', 5, { Unit: 'skip', Acceptance: 'skip', Deploy: 'skip' }, { trigger: 'switch', deploy: { result: 'failed', message: 'switch to blue failed' } });
    const fromDeploy = partial('green', 10, { Unit: 'before', Acceptance: 'before', Deploy: 'passed' }, { deploy: { result: 'ok', message: 'blue is live' } });
    assert.ok(provesProduction(fromDeploy), 'the run shows production works (period.ts provesProduction)');
    const period = leftRedBy(foldHistory([switchFailed, red]).current, fromDeploy);
    assert.ok(period, 'still red: Acceptance has not passed since it failed');
    assert.deepStrictEqual(period.failing, ['Acceptance']);
    assert.doesNotMatch(stillRedMessage(period), /nor did it deploy to production/, stillRedMessage(period));
  });
});
