import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { shownRedSince, statusTooltipParts, type StatusModel, type TooltipPart } from '../../../src/core/render';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const RED_SINCE = NOW - 3 * 60_000;
const all = (parts: TooltipPart[]): string => parts.map((p) => ('markdown' in p ? p.markdown : p.text)).join('');
const run = {
  id: 'run-1', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'manual', state: 'running', startedAt: '2026-12-07T11:59:50Z',
  stages: [{ name: 'Unit Tests', state: 'running', exitCode: null, durationMs: 0 }, { name: 'Build', state: 'pending', exitCode: null, durationMs: 0 }],
} as RunRecord;

/** review40 L1: while a run goes on a red pipeline, the item and its tooltip said only "running": the red left view for the run's length. */
describe('a run on a red pipeline keeps the red in view (review40 L1)', () => {
  const model = (redSince: number | undefined): StatusModel => {
    const status = { kind: 'running' as const, run, stage: 'Unit Tests', index: 1, total: 2 };
    return { status, folders: [{ name: 'app', status, notes: [], ...(redSince !== undefined ? { redSince } : {}) }], ...(redSince !== undefined ? { redSince } : {}) };
  };

  it('the tooltip\'s first line says the pipeline is red, and for how long', () => {
    const first = all(statusTooltipParts(model(RED_SINCE), NOW)).split('\n\n')[0];
    assert.match(first, /running .* on a pipeline red for 3m/);
  });

  it('the red timer ticks during the run (its start is the one shown)', () => {
    assert.equal(shownRedSince(model(RED_SINCE)), RED_SINCE);
  });

  it('a run on a green pipeline says nothing of red', () => {
    assert.doesNotMatch(all(statusTooltipParts(model(undefined), NOW)), /\bred\b/);
    assert.equal(shownRedSince(model(undefined)), undefined);
  });
});
