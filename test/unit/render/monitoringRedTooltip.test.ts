import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { statusTooltipParts, type StatusModel } from '../../../src/core/render';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const red = (over: Record<string, unknown>): RunRecord => ({
  id: 'run-1', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'commit', state: 'red',
  startedAt: '2026-12-06T11:00:00Z', endedAt: '2026-12-06T11:04:05Z',
  stages: [{ name: 'Deploy Prod', state: 'passed', exitCode: 0, durationMs: 1000 }], ...over,
} as unknown as RunRecord);
const tooltip = (run: RunRecord): string => {
  const status: StatusModel['status'] = { kind: 'red', run };
  return statusTooltipParts({ status, folders: [{ name: 'shop', status, notes: [] }] }, NOW).map((p) => ('text' in p ? p.text : p.markdown)).join('');
};

describe('render: the red tooltip after production monitoring (walkedit33 M1)', () => {
  it('rolled back automatically: no "Re-run from failed stage" (no stage re-run fixes it), Run pipeline in its place', () => {
    const text = tooltip(red({ alert: true, rollback: true }));
    assert.doesNotMatch(text, /command:gearshift\.rerunFromFailed/);
    assert.match(text, /\[\$\(play\) Run pipeline\]\(command:gearshift\.runPipeline\)/);
  });

  it('an alert whose release is still live: neither (roll back first, as the red notification says)', () => {
    const text = tooltip(red({ alert: true }));
    assert.doesNotMatch(text, /command:gearshift\.(rerunFromFailed|runPipeline)/);
  });

  it('a stage that failed: Re-run from failed stage, as before', () => {
    const text = tooltip(red({ stages: [{ name: 'Unit Tests', state: 'failed', exitCode: 1, durationMs: 5 }] }));
    assert.match(text, /command:gearshift\.rerunFromFailed/);
    assert.doesNotMatch(text, /command:gearshift\.runPipeline/);
  });
});
