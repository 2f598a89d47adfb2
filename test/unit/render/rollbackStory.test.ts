import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { statusTooltipParts, type StatusModel, type TooltipPart } from '../../../src/core/render';
import { pipelineStatus } from '../../../src/core/redgreen';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const run = (over: Partial<RunRecord> = {}): RunRecord => ({
  id: 'deploy-red', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'manual', state: 'red', alert: true,
  startedAt: '2026-12-06T11:00:00Z', endedAt: '2026-12-06T11:04:05Z', subject: 'Ship the bad one',
  stages: [{ name: 'Deploy Prod', state: 'passed', exitCode: 0, durationMs: 1000 }], ...over,
} as RunRecord);
const skipped = [{ name: 'Deploy Prod', state: 'skipped' as const, exitCode: null, durationMs: 0, reason: 'not selected: a rollback runs no stage' }];
const rollback = run({ id: 'rb-1', sha: '1111111111111111111111111111111111111111', trigger: 'rollback', state: 'green', stages: skipped, startedAt: '2026-12-06T11:50:00Z', endedAt: '2026-12-06T11:50:02Z', environment: 'production', slot: 'blue', rollback: true, subject: undefined, alert: undefined } as Partial<RunRecord>);
const cancelled = run({ id: 'cancelled-1', sha: '2222222222222222222222222222222222222222', state: 'cancelled', alert: undefined, startedAt: '2026-12-06T11:55:00Z', endedAt: '2026-12-06T11:55:30Z', stages: [{ name: 'Deploy Prod', state: 'cancelled', exitCode: null, durationMs: 100 }] });
const joined = (parts: TooltipPart[]): string => parts.map((p) => ('text' in p ? p.text : p.markdown)).join('');
const model = (status: StatusModel['status'], stageRun: RunRecord): StatusModel => ({ status, stageRun, folders: [{ name: 'shop', status, stageRun, notes: [] }] });
const openLogArgs = (text: string): unknown => JSON.parse(decodeURIComponent(/\[\$\(output\) Open log\]\(command:gearshift\.showTerminal\?([^)]*)\)/.exec(text)?.[1] ?? 'null'));

describe('render: the tooltip after a rollback by hand (walkedit33 M1, review33 L1, prodtruth33)', () => {
  it('a red release rolled back: names the slot and release made live, never the rollback\'s commit "on main"', () => {
    const text = joined(statusTooltipParts(model({ kind: 'green', run: rollback }, run()), NOW));
    assert.match(text, /After rollback at [^\n]* \(10m ago\), slot blue live with 11111111: it ended the red\./);
    assert.match(text, /Last run \(red\): abcdef01 on main — "Ship the bad one"/);
    assert.doesNotMatch(text, /11111111 on main/);
  });

  it('a green release rolled back: "Then: rollback at …, slot blue live with 11111111"', () => {
    const text = joined(statusTooltipParts(model({ kind: 'green', run: rollback }, run({ state: 'green', alert: undefined })), NOW));
    assert.match(text, /Then: rollback at [^\n]* \(10m ago\), slot blue live with 11111111/);
  });

  it('a rollback, then a cancelled run: "Last run" once, the cancelled one, which gave no verdict', () => {
    // As the editor builds it: the verdict stands from the rollback, the cancelled run is `after`, and it is the engine's stage run.
    const status = pipelineStatus(cancelled, undefined, rollback);
    assert.equal(status.kind, 'green');
    const text = joined(statusTooltipParts(model(status, cancelled), NOW));
    assert.equal(text.match(/Last run/g)?.length, 1, text);
    assert.match(text, /Rollback: slot blue live with 11111111/);
    assert.match(text, /Last run 22222222 cancelled \(Deploy Prod\); it gave no verdict, so the pipeline stays green\./);
  });

  it('Open log opens the run the story tells (the red release\'s), not the rollback record\'s', () => {
    const text = joined(statusTooltipParts(model({ kind: 'green', run: rollback }, run()), NOW));
    assert.deepEqual(openLogArgs(text), [null, 'deploy-red']);
  });

  it('Open log after a cancelled run still opens that run (the last line names it)', () => {
    const text = joined(statusTooltipParts(model(pipelineStatus(cancelled, undefined, rollback), cancelled), NOW));
    assert.deepEqual(openLogArgs(text), [null, 'cancelled-1']);
  });

  it('a rollback that redeploys (no slots) runs stages on the old release: not "on main"', () => {
    const redeploy = run({ id: 'rb-2', sha: '3333333333333333333333333333333333333333', trigger: 'rollback', state: 'green', alert: undefined, rollback: true } as Partial<RunRecord>);
    const text = joined(statusTooltipParts(model({ kind: 'green', run: redeploy }, redeploy), NOW));
    assert.match(text, /33333333, the release a rollback redeployed/);
    assert.doesNotMatch(text, /33333333 on main/);
  });
});
