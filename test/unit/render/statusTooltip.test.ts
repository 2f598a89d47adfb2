import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { worstStatus } from '../../../src/core/engine';
import { statusTooltipParts, TOOLTIP_COMMANDS, type StatusModel, type TooltipPart } from '../../../src/core/render';
import { pipelineStatus, redPeriodFromHistory, standingRun } from '../../../src/core/redgreen';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const run = (over: Partial<RunRecord> = {}): RunRecord => ({
  id: 'run-1', sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'commit', state: 'red',
  startedAt: '2026-12-02T11:00:00Z', endedAt: '2026-12-02T11:04:05Z',
  stages: [{ name: 'Unit Tests', state: 'failed', exitCode: 1, durationMs: 1000 }], ...over,
} as RunRecord);
const joined = (parts: TooltipPart[]): string => parts.map((p) => ('text' in p ? p.text : p.markdown)).join('');
const markdown = (parts: TooltipPart[]): string => parts.filter((p) => 'markdown' in p).map((p) => (p as { markdown: string }).markdown).join('');

describe('render: status bar tooltip', () => {
  describe('after a switch or a rollback: the story `gearshift status` tells (review32 L6)', () => {
    const skipped = [{ name: 'Unit Tests', state: 'skipped' as const, exitCode: null, durationMs: 0 }];
    const rollback = run({ id: 'rb-1', sha: '1111111111111111111111111111111111111111', trigger: 'rollback', state: 'green', stages: skipped, startedAt: '2026-12-02T11:50:00Z', endedAt: '2026-12-02T11:50:02Z', environment: 'production', slot: 'blue' });
    const tooltip = (stageRun: RunRecord): string => {
      const status = { kind: 'green' as const, run: rollback };
      return joined(statusTooltipParts({ status, stageRun, folders: [{ name: 'api', status, stageRun, notes: ['live: blue'] }] }, NOW));
    };

    it('a green deploy, then a rollback: the deploy run (its commit, trigger, duration), then "Then: rollback at …", not the rollback record', () => {
      const text = tooltip(run({ id: 'deploy-1', state: 'green', subject: 'Ship it', stages: [{ name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 1 }] }));
      assert.match(text, /abcdef01 on main — "Ship it"\n\n/);
      assert.match(text, /Triggered by commit · took 4m 05s {2}\nThen: rollback at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(10m ago\)/);
      assert.doesNotMatch(text, /11111111 on main|Triggered by rollback/);
    });

    it('a red release rolled back (green now): what made it green first, then the red run as the last run, never "green" beside its commit alone', () => {
      const text = tooltip(run({ id: 'deploy-2' }));
      assert.match(text, /pipeline green\n\nAfter rollback at [^\n]*: it ended the red\.\n\nLast run \(red\): abcdef01 on main/);
      assert.match(text, /Failed stage: \*\*Unit Tests\*\*/);
      assert.doesNotMatch(text, /Triggered by rollback/);
    });

    it('without a stage run known (nothing ran stages yet): the record itself, naming the slot it made live, not "on main" (walkedit33 M1)', () => {
      const status = { kind: 'green' as const, run: rollback };
      const text = joined(statusTooltipParts({ status, folders: [{ name: 'api', status, notes: [] }] }, NOW));
      assert.match(text, /Rollback: slot blue live with 11111111[\s\S]*Triggered by rollback/);
      assert.doesNotMatch(text, /11111111 on main/);
    });
  });

  it('red: red-for, the failed stage, sha and subject, duration, and a re-run link', () => {
    const model: StatusModel = { status: { kind: 'red', run: run({ subject: 'Fix checkout' }) }, redSince: NOW - 14 * 60_000, failedStage: 'Unit Tests', folders: [{ name: 'api', status: { kind: 'red', run: run() }, notes: ['live slot: blue'] }] };
    const text = joined(statusTooltipParts(model, NOW));
    assert.match(text, /^\*\*Gearshift\*\* — \$\(error\) pipeline \*\*RED\*\* for 14m\n\n/);
    assert.match(text, /abcdef01 on main — "Fix checkout"/);
    assert.match(text, /Failed stage: \*\*Unit Tests\*\*/);
    assert.match(text, /Triggered by commit · took 4m 05s/);
    assert.match(text, /live slot: blue/);
    assert.match(text, /\(command:gearshift\.rerunFromFailed\)/);
  });

  // review41 F8: "Triggered by manual · took 4.3s".
  it('a run started from the editor or `gearshift run` reads "Started by hand", not "Triggered by manual"', () => {
    const text = joined(statusTooltipParts({ status: { kind: 'red', run: run({ trigger: 'manual' }) }, folders: [{ name: 'api', status: { kind: 'red', run: run({ trigger: 'manual' }) }, notes: [] }] }, NOW));
    assert.match(text, /Started by hand · took 4m 05s/);
    assert.doesNotMatch(text, /Triggered by manual/);
  });

  it('several folders: the headline names the folder it describes (a monorepo\'s a/ and b/), the name as text', () => {
    const red = { kind: 'red' as const, run: run() };
    const green = { kind: 'green' as const, run: run({ state: 'green', stages: [] }) };
    const model: StatusModel = { status: red, folder: 'a **x**', redSince: NOW - 60_000, failedStage: 'Unit Tests', folders: [{ name: 'a **x**', status: red, redSince: NOW - 60_000, failedStage: 'Unit Tests', notes: [] }, { name: 'b', status: green, notes: [] }] };
    const parts = statusTooltipParts(model, NOW);
    assert.match(joined(parts), /^\*\*Gearshift\*\* — a \*\*x\*\*: \$\(error\) pipeline \*\*RED\*\* for 1m/);
    assert.ok(parts.some((p) => 'text' in p && p.text === 'a **x**: '), 'the folder name is data: text, never markup');
    assert.match(joined(parts), /- \*\*b\*\*: green/);
  });

  it('red: Open log opens the red run\'s saved failed-stage log (as the item\'s click), not the terminal; a stage name cannot end the link (review20 M5)', () => {
    const red = run({ stages: [{ name: 'Unit (fast)\')', state: 'failed', exitCode: 1, durationMs: 1 }] });
    const model: StatusModel = { status: { kind: 'red', run: red }, redSince: NOW - 60_000, failedStage: 'Unit (fast)\')', folders: [{ name: 'api', status: { kind: 'red', run: red }, notes: [] }] };
    const link = /\[\$\(output\) Open log\]\(command:gearshift\.showFailedStageLog\?([^)\s]*)\)/.exec(markdown(statusTooltipParts(model, NOW))) ?? assert.fail(markdown(statusTooltipParts(model, NOW)));
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), ['run-1', 'Unit (fast)\')']);
    assert.ok(TOOLTIP_COMMANDS.includes('gearshift.showFailedStageLog'));
  });

  it('green, running, cancelled, interrupted: Open log names the last run, so its log (the terminal, or the saved one) is one click away; a run id cannot end the link', () => {
    const openLog = (status: StatusModel['status']): unknown[] => {
      const md = markdown(statusTooltipParts({ status, folders: [{ name: 'api', status, notes: [] }] }, NOW));
      const link = /\[\$\(output\) Open log\]\(command:gearshift\.showTerminal\?([^)\s]*)\)/.exec(md) ?? assert.fail(md);
      return JSON.parse(decodeURIComponent(link[1])) as unknown[];
    };
    const odd = run({ id: 'run-1) [x](command:evil', state: 'green', stages: [] });
    assert.deepEqual(openLog({ kind: 'green', run: odd }), [null, 'run-1) [x](command:evil']);
    assert.deepEqual(openLog({ kind: 'running', run: run({ state: 'running' }), index: 1, total: 2 }), [null, 'run-1']);
    assert.deepEqual(openLog({ kind: 'cancelled', run: run({ state: 'cancelled' }) }), [null, 'run-1']);
    assert.deepEqual(openLog({ kind: 'interrupted', run: run({ state: 'interrupted' }) }), [null, 'run-1']);
    // A cancelled run after the green one is the last run: its log, as its note and Re-run are about it.
    assert.deepEqual(openLog({ kind: 'green', run: run({ state: 'green' }), after: run({ id: 'run-2', state: 'cancelled' }) }), [null, 'run-2']);
    assert.ok(TOOLTIP_COMMANDS.includes('gearshift.showTerminal'));
  });

  it('red since an earlier stage, then another failed: the run’s own failed stage, and what turned it red (where) beside it', () => {
    const latest = run({ sha: '0b006f77aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', stages: [
      { name: 'Integration Tests', state: 'failed', exitCode: 1, durationMs: 191 },
      { name: 'Deploy Prod', state: 'skipped', exitCode: null, durationMs: 0 },
    ] });
    const model: StatusModel = { status: { kind: 'red', run: latest }, redSince: NOW - 60_000, failedStage: 'Deploy Prod', redAt: 'b30385fbcccccccccccccccccccccccccccccccc', folders: [{ name: 'api', status: { kind: 'red', run: latest }, notes: [] }] };
    const text = joined(statusTooltipParts(model, NOW));
    assert.match(text, /Failed stage: \*\*Integration Tests\*\*/);
    assert.doesNotMatch(text, /Failed stage: \*\*Deploy Prod/);
    assert.match(text, /Red since Deploy Prod failed at b30385fb/);
  });

  it('green with a cancelled run after it: the headline stays green, and the tooltip names the cancelled run', () => {
    const cancelled = run({ id: 'run-2', sha: 'bbbb2222bbbb2222bbbb2222bbbb2222bbbb2222', state: 'cancelled', stages: [{ name: 'Build', state: 'cancelled', exitCode: null, durationMs: 5 }] });
    const status = { kind: 'green' as const, run: run({ state: 'green', stages: [] }), after: cancelled };
    const text = joined(statusTooltipParts({ status, folders: [{ name: 'api', status, notes: [] }] }, NOW));
    assert.match(text, /— \$\(pass-filled\) pipeline green\n/);
    assert.match(text, /Last run bbbb2222 cancelled \(Build\); it gave no verdict, so the pipeline stays green\./);
    // Nothing failed in it: no "Re-run from failed stage" (review26 F9).
    assert.doesNotMatch(text, /command:gearshift\.rerunFromFailed/);
  });

  it('red with a cancelled run after it, read back from history as after a reload: the tooltip still names the cancelled run (walkedit33 H1)', () => {
    const cancelled = run({ id: 'run-2', sha: 'c56fc113c56fc113c56fc113c56fc113c56fc113', state: 'cancelled', startedAt: '2026-12-02T11:10:00Z', endedAt: '2026-12-02T11:10:30Z',
      stages: [{ name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 5 }, { name: 'Slow Stage', state: 'cancelled', exitCode: null, durationMs: 5 }] });
    const runs = [cancelled, run()]; // newest first, as history reads them
    const status = pipelineStatus(runs[0], redPeriodFromHistory(runs, '', NOW), standingRun(runs));
    assert.equal(status.kind, 'red');
    const text = joined(statusTooltipParts({ status, redSince: NOW - 60_000, folders: [{ name: 'api', status, notes: [] }] }, NOW));
    assert.match(text, /abcdef01 on main/, 'the red run is still the one described');
    assert.match(text, /Last run c56fc113 cancelled \(Slow Stage\); it gave no verdict, so the pipeline stays red\./);
  });

  it('re-run from failed stage only where a stage failed: not for a cancelled or interrupted run where none did (review26 F9)', () => {
    const stopped = (state: 'cancelled' | 'interrupted', failed: boolean): RunRecord => run({
      id: 'run-2', state, stages: [{ name: 'Build', state: failed ? 'failed' : 'passed', exitCode: failed ? 1 : 0, durationMs: 5 }, { name: 'Test', state: 'cancelled', exitCode: null, durationMs: 5 }],
    });
    const offers = (status: StatusModel['status']): boolean => /command:gearshift\.rerunFromFailed/.test(joined(statusTooltipParts({ status, folders: [{ name: 'api', status, notes: [] }] }, NOW)));
    for (const state of ['cancelled', 'interrupted'] as const) {
      assert.equal(offers({ kind: state, run: stopped(state, false) }), false, state);
      assert.equal(offers({ kind: state, run: stopped(state, true) }), true, `${state} after a failure`);
    }
    assert.equal(offers({ kind: 'green', run: run({ state: 'green', stages: [] }), after: stopped('cancelled', true) }), true);
  });

  it('history unreadable: says red or green is not known and why (as text), and outranks green but not red', () => {
    const problem = "EISDIR: illegal operation on a directory, read '[x](command:y)'";
    const model: StatusModel = { status: { kind: 'unknown', problem }, folders: [{ name: 'api', status: { kind: 'unknown', problem }, notes: [] }] };
    const parts = statusTooltipParts(model, NOW);
    assert.match(joined(parts), /^\*\*Gearshift\*\* — \$\(warning\) history unreadable\n\nThe run history could not be read \(EISDIR: .*\), so whether the pipeline is red or green is not known\./);
    assert.ok(!markdown(parts).includes('[x]'), 'the error text is data');
    const unknown = { kind: 'unknown' as const, problem };
    assert.equal(worstStatus([{ kind: 'green', run: run({ state: 'green' }) }, unknown]).kind, 'unknown');
    assert.equal(worstStatus([unknown, { kind: 'red', run: run() }]).kind, 'red');
    assert.equal(worstStatus([{ kind: 'notRun' }, unknown]).kind, 'unknown');
  });

  it('data from git never lands in the markdown parts: a hostile subject stays text', () => {
    const hostile = '[click](command:workbench.action.terminal.sendSequence) <img src=x onerror=alert(1)>';
    const model: StatusModel = { status: { kind: 'green', run: run({ state: 'green', subject: hostile, branch: '**b**' }) }, folders: [{ name: '[x](command:y)', status: { kind: 'green', run: run() }, notes: [hostile] }] };
    const parts = statusTooltipParts(model, NOW);
    assert.ok(!markdown(parts).includes('sendSequence') && !markdown(parts).includes('[x]') && !markdown(parts).includes('**b**'));
    const links = [...markdown(parts).matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length > 0 && links.every((c) => TOOLTIP_COMMANDS.includes(c)), links.join(', '));
  });

  it('a bidi override or control in a subject, branch, stage or folder name is escaped in the text parts', () => {
    const model: StatusModel = { status: { kind: 'red', run: run({ subject: 'Fix \u202ekcehc', branch: 'b\u2067x' }) }, redSince: NOW - 60_000, failedStage: 'unit\x1b]0;pwned\x07', folders: [{ name: 'api\u202e', status: { kind: 'red', run: run() }, notes: [] }] };
    const texts = statusTooltipParts(model, NOW).flatMap((p) => ('text' in p ? [p.text] : [])).join('');
    // eslint-disable-next-line no-control-regex -- the controls are what must not be there
    assert.ok(!/[\u202e\u2067\x1b\x07]/u.test(texts), JSON.stringify(texts));
    assert.match(texts, /Fix \\u202ekcehc/);
    assert.match(texts, /unit\\x1b\]0;pwned\\x07/);
  });

  it('several folders: one line each', () => {
    const model: StatusModel = {
      status: { kind: 'red', run: run() }, redSince: NOW - 60_000,
      folders: [
        { name: 'api', status: { kind: 'red', run: run() }, redSince: NOW - 60_000, failedStage: 'Unit Tests', notes: [] },
        { name: 'web', status: { kind: 'green', run: run({ state: 'green' }) }, notes: ['3 commits waiting'] },
      ],
    };
    assert.match(joined(statusTooltipParts(model, NOW)), /- \*\*api\*\*: red for 1m \(Unit Tests\)\n- \*\*web\*\*: green · 3 commits waiting\n/);
  });

  it('no pipeline / untrusted / not run: a sentence and the one link that helps', () => {
    assert.match(joined(statusTooltipParts({ status: { kind: 'noPipeline' }, folders: [] }, NOW)), /\[Create a pipeline\]\(command:gearshift\.createPipeline\)$/);
    assert.doesNotMatch(joined(statusTooltipParts({ status: { kind: 'untrusted' }, folders: [] }, NOW)), /command:/);
    assert.match(joined(statusTooltipParts({ status: { kind: 'notRun' }, folders: [] }, NOW)), /\[Run it\]\(command:gearshift\.runPipeline\)$/);
  });

  it('while the history is still being read: "loading…", not "not run yet" nor a Run link (walk30 L13)', () => {
    const text = joined(statusTooltipParts({ status: { kind: 'notRun', loading: true }, folders: [] }, NOW));
    assert.match(text, /^\*\*Gearshift\*\* — loading…\n\nReading the pipeline's history of this clone…$/);
    assert.doesNotMatch(text, /not run|command:/);
  });
});
