import * as assert from 'node:assert/strict';
import { redEndedBy } from '../../../src/cli/commands/logsTarget';
import type { RunRecord } from '../../../src/core/pipeline';

function run(id: string, state: RunRecord['state'], trigger: string, minute: number): RunRecord {
  const at = `2026-12-05T16:${String(minute).padStart(2, '0')}:00.000Z`;
  return { id: `${id}-0000-0000-0000-000000000000`, sha: 'a'.repeat(40), branch: 'main', trigger, startedAt: at, endedAt: at, state, stages: [] };
}

/**
 * `gearshift logs` with no RUN while nothing is red shows the newest saved run. A rollback saves no
 * output, so after a monitoring alert and a rollback that run is the alert's: it must not read as
 * the current failure (review22 L4).
 */
describe('gearshift logs: a red run shown after its red ended says what ended it', () => {
  const alert = run('aaaa1111', 'red', 'deploy', 1);
  const cancelled = run('bbbb2222', 'cancelled', 'cli', 2);
  const rollback = run('cccc3333', 'green', 'rollback', 3);
  const later = run('dddd4444', 'green', 'cli', 4);
  const newestFirst = [later, rollback, cancelled, alert];

  it('names the first green run after it (the one that ended it), not a later one', () => {
    const text = redEndedBy({ record: alert }, newestFirst) ?? assert.fail('no line');
    assert.match(text, /^this red is over: run cccc3333 \(rollback, green at 2026-12-05 \d\d:03:00\) ended it; the pipeline is not red now$/);
  });

  it('says nothing for the open red period, a green run, or a red run nothing has ended yet', () => {
    assert.equal(redEndedBy({ record: alert, red: true }, newestFirst), undefined);
    assert.equal(redEndedBy({ record: rollback }, newestFirst), undefined);
    assert.equal(redEndedBy({ record: alert }, [cancelled, alert]), undefined);
    assert.equal(redEndedBy({}, newestFirst), undefined);
  });
});
