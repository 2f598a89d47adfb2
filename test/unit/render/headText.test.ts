import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { headAwaitsRun, headComparedRun, headTooltipLine, statusTooltipParts, TOOLTIP_COMMANDS, withHeadNews, type StatusModel, type TooltipPart } from '../../../src/core/render';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const HEAD = '979b10fe0123456789abcdef0123456789abcdef';
const RAN = '32d54ac00123456789abcdef0123456789abcdef';
const run = (over: Partial<RunRecord> = {}): RunRecord => ({
  id: 'run-1', sha: RAN, branch: 'main', trigger: 'manual', state: 'green', startedAt: '2026-12-06T11:00:00Z', endedAt: '2026-12-06T11:01:00Z',
  stages: [{ name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 1000 }], ...over,
} as RunRecord);
const green = { kind: 'green' as const, run: run() };
const red = { kind: 'red' as const, run: run({ state: 'red' }) };
const behind = (count: number | undefined) => ({ head: HEAD, count, runSha: RAN, runState: 'green' });
const joined = (parts: TooltipPart[]): string => parts.map((p) => ('text' in p ? p.text : p.markdown)).join('');

/** firsthour34 F5 and F10: the item, its tooltip and `gearshift status` say when the verdict is not about HEAD. */
describe('render: what the status says about HEAD and an invalid pipeline file', () => {
  it('green with one commit after the run: "· HEAD not run"; with three: "· 3 commits not run"', () => {
    assert.equal(withHeadNews('$(pass-filled) Gearshift: green', { status: green, headNotRun: behind(1) }).text, '$(pass-filled) Gearshift: green · HEAD not run');
    assert.equal(withHeadNews('$(pass-filled) Gearshift: green', { status: green, headNotRun: behind(3) }).text, '$(pass-filled) Gearshift: green · 3 commits not run');
    assert.equal(withHeadNews('$(pass-filled) Gearshift: green', { status: green, headNotRun: behind(undefined) }).text, '$(pass-filled) Gearshift: green · HEAD not run', 'a count git could not make: HEAD only');
    assert.equal(withHeadNews('$(pass-filled) Gearshift: green', { status: green }).text, '$(pass-filled) Gearshift: green');
  });

  it('red keeps its words and gains the suffix; a run in progress is told as it is', () => {
    assert.equal(withHeadNews('$(error) Gearshift: red for 2m · Unit Tests', { status: red, headNotRun: behind(2) }).text, '$(error) Gearshift: red for 2m · Unit Tests · 2 commits not run');
    const running = { kind: 'running' as const, run: run({ state: 'running' }), index: 1, total: 2 };
    assert.deepEqual(withHeadNews('$(sync~spin) Gearshift: Unit Tests (1/2)', { status: running, headNotRun: behind(2), invalid: { problems: 1 } }), { text: '$(sync~spin) Gearshift: Unit Tests (1/2)', invalid: false });
  });

  it('an invalid file is the headline, with the commits it stopped; beside red it is added, red stays the headline', () => {
    assert.deepEqual(withHeadNews('$(pass-filled) Gearshift: green', { status: green, invalid: { problems: 2 }, headNotRun: behind(2) }), { text: '$(warning) Gearshift: .gearshift.yml invalid · 2 commits not run', invalid: true });
    assert.deepEqual(withHeadNews('$(pass-filled) Gearshift: green', { status: green, invalid: { problems: 2 } }), { text: '$(warning) Gearshift: .gearshift.yml invalid', invalid: true });
    assert.deepEqual(withHeadNews('$(gear) Gearshift: not run yet', { status: { kind: 'notRun' }, invalid: { problems: 1 } }), { text: '$(warning) Gearshift: .gearshift.yml invalid', invalid: true });
    assert.deepEqual(withHeadNews('$(error) Gearshift: red', { status: red, invalid: { problems: 1 } }), { text: '$(error) Gearshift: red · .gearshift.yml invalid', invalid: true });
  });

  it('the tooltip line: HEAD and the last run; the invalid file first, with its problems', () => {
    assert.equal(headTooltipLine({ status: green, headNotRun: behind(1) }), 'HEAD 979b10fe not run yet (last run: green on 32d54ac0)');
    assert.equal(headTooltipLine({ status: green, headNotRun: behind(2) }), 'HEAD 979b10fe (2 commits after the last run) not run yet (last run: green on 32d54ac0)');
    assert.equal(headTooltipLine({ status: green, invalid: { problems: 1 }, headNotRun: behind(1) }), '.gearshift.yml is invalid (1 problem): nothing runs until it is fixed; HEAD 979b10fe was not run.');
    assert.equal(headTooltipLine({ status: green }), undefined);
  });

  it('in the tooltip, on a line of its own, with Run pipeline (or Show problems) one click away, an allowed command', () => {
    const model: StatusModel = { status: green, folders: [{ name: 'app', status: green, notes: ['Last commit 979b10fe: not run'] }], headNotRun: behind(1) };
    const text = joined(statusTooltipParts(model, NOW));
    assert.match(text, /\n\nHEAD 979b10fe not run yet \(last run: green on 32d54ac0\) \[\$\(play\) Run pipeline\]\(command:gearshift\.runPipeline\)/);
    const invalid = joined(statusTooltipParts({ ...model, invalid: { problems: 2 } }, NOW));
    assert.match(invalid, /\.gearshift\.yml is invalid \(2 problems\)[^\n]*\[\$\(warning\) Show problems\]\(command:workbench\.actions\.view\.problems\)/);
    assert.ok(TOOLTIP_COMMANDS.includes('workbench.actions.view.problems'));
  });

  it('HEAD is compared with the verdict\'s run, or, after a switch or rollback (no stage ran), the last run that ran stages; none while running', () => {
    const rollback = run({ id: 'rb', sha: HEAD, trigger: 'rollback', stages: [{ name: 'Unit Tests', state: 'skipped', exitCode: null, durationMs: 0 }] });
    const stageRun = run({ id: 'stages' });
    assert.equal(headComparedRun(green, stageRun)?.id, 'run-1');
    assert.equal(headComparedRun({ kind: 'green', run: rollback }, stageRun)?.id, 'stages');
    assert.equal(headComparedRun({ kind: 'running', run: run({ state: 'running' }), index: 1, total: 1 }, stageRun), undefined);
    assert.equal(headComparedRun({ kind: 'notRun' }, stageRun), undefined);
  });

  it('trigger: commit: a HEAD a queued or starting run covers is about to run, not "not run"', () => {
    assert.equal(headAwaitsRun(HEAD, [{ covers: [RAN] }, { covers: ['aaaa', HEAD] }]), true);
    assert.equal(headAwaitsRun(HEAD, [{ covers: [RAN] }]), false);
  });
});
