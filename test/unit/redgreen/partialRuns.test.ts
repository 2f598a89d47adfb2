import * as assert from 'node:assert';
import { foldHistory } from '../../../src/core/redgreen/fromHistory';
import { step } from '../../../src/core/redgreen/transition';
import type { RunRecord, StageRecord, StageState } from '../../../src/core/pipeline/types';
import { at, run } from './runs';

/** A run with the given stage states; `skip` = not selected by --stage, `from` = before --from. */
function partial(state: 'red' | 'green', startMin: number, stages: Record<string, StageState | 'skip' | 'from'>): RunRecord {
  const records: StageRecord[] = Object.entries(stages).map(([name, s]) => {
    if (s === 'skip') { return { name, state: 'skipped', exitCode: null, durationMs: 0, reason: 'not selected (--stage X)' }; }
    if (s === 'from') { return { name, state: 'skipped', exitCode: null, durationMs: 0, reason: 'before --from X' }; }
    return { name, state: s, exitCode: s === 'passed' ? 0 : s === 'failed' ? 1 : null, durationMs: 5 };
  });
  return { ...run(state, startMin), stages: records };
}

describe('red periods and partial runs (--stage, --from)', () => {
  it('a green run that left the failed stage out does not end the red period', () => {
    const red = partial('red', 0, { Lint: 'passed', 'Unit Tests': 'failed', Deploy: 'skipped' });
    const lintOnly = partial('green', 5, { Lint: 'passed', 'Unit Tests': 'skip', Deploy: 'skip' });
    const opened = step(undefined, red, '', at(0));
    const after = step(opened.period, lintOnly, '', at(6));
    assert.strictEqual(after.change, undefined, 'no recovery: Unit Tests never ran');
    assert.strictEqual(after.period?.redSince, opened.period?.redSince);
    assert.deepStrictEqual(after.period?.failing, ['Unit Tests']);
  });

  it('a Keep decision (a green record where no stage ran) neither ends nor opens a red period', () => {
    const red = partial('red', 0, { Lint: 'passed', 'Unit Tests': 'failed' });
    const keep: RunRecord = { ...run('green', 5), trigger: 'decision', stages: ['Lint', 'Unit Tests'].map((name) => ({ name, state: 'skipped', exitCode: null, durationMs: 0, reason: 'not run: a decision on a release' })) };
    const opened = step(undefined, red, '', at(0));
    const after = step(opened.period, keep, '', at(6));
    assert.strictEqual(after.change, undefined, 'no recovery: nothing ran');
    assert.deepStrictEqual(after.period, opened.period);
    assert.deepStrictEqual(step(undefined, keep, '', at(6)), { period: undefined });
  });

  it('a green run --from the failed stage ends it, and so does one --stage on it', () => {
    const red = partial('red', 0, { Lint: 'passed', 'Unit Tests': 'failed' });
    const fromFailed = partial('green', 5, { Lint: 'from', 'Unit Tests': 'passed' });
    assert.strictEqual(step(step(undefined, red, '', 0).period, fromFailed, '', 0).change?.type, 'recovered');
    const stageOnly = partial('green', 5, { Lint: 'skip', 'Unit Tests': 'passed' });
    assert.strictEqual(step(step(undefined, red, '', 0).period, stageOnly, '', 0).change?.type, 'recovered');
  });

  it('every stage that failed in the period has to pass again, in any runs', () => {
    const history = [
      partial('red', 0, { Unit: 'failed', Integration: 'skipped' }),
      partial('red', 5, { Unit: 'passed', Integration: 'failed' }), // Unit fixed, Integration now fails
      partial('green', 10, { Unit: 'skip', Integration: 'passed' }), // the last one fixed: recovered
    ];
    const fold = foldHistory([...history].reverse());
    assert.strictEqual(fold.current, undefined);
    assert.deepStrictEqual(fold.recoveries.map((r) => [r.redRunId, r.greenRunId, r.failedStage]), [[history[0].id, history[2].id, 'Unit']]);

    const notYet = [
      partial('red', 0, { Unit: 'failed', Lint: 'passed' }),
      partial('red', 5, { Unit: 'skip', Lint: 'failed' }), // --stage Lint: Unit still unproven
      partial('green', 10, { Unit: 'skip', Lint: 'passed' }),
    ];
    const still = foldHistory([...notYet].reverse()).current;
    assert.deepStrictEqual([still?.redRun.id, still?.failing], [notYet[0].id, ['Unit']]);
  });

  it('a failed stage that is gone from the pipeline (renamed, removed) does not keep it red', () => {
    const red = partial('red', 0, { 'Unit Tests': 'failed' });
    const renamed = partial('green', 5, { Tests: 'passed' });
    assert.strictEqual(step(step(undefined, red, '', 0).period, renamed, '', 0).change?.type, 'recovered');
  });

  it('a period without `failing` (built elsewhere) counts its failedStage', () => {
    const red = partial('red', 0, { A: 'passed', B: 'failed' });
    const legacy = { ...step(undefined, red, '', 0).period! };
    delete legacy.failing;
    assert.strictEqual(step(legacy, partial('green', 5, { A: 'passed', B: 'skip' }), '', 0).change, undefined);
    assert.strictEqual(step(legacy, partial('green', 5, { A: 'passed', B: 'passed' }), '', 0).change?.type, 'recovered');
  });

  describe('after a failure in production (every stage passed: an alert, a failed switch or rollback)', () => {
    const alert = (min: number): RunRecord => ({ ...partial('red', min, { Unit: 'passed', Deploy: 'passed' }), alert: true });
    const slotChange = (state: 'red' | 'green', trigger: string, min: number): RunRecord => ({
      ...partial(state, min, { Unit: 'skip', Deploy: 'skip' }), trigger, deploy: { result: state === 'green' ? 'ok' : 'failed' },
    });
    const redThen = (red: RunRecord, green: RunRecord): ReturnType<typeof step> => step(step(undefined, red, '', 0).period, green, '', 0);

    it('a green --stage run of another stage does not end it: nothing showed production works', () => {
      for (const red of [alert(0), slotChange('red', 'switch', 0), slotChange('red', 'rollback', 0)]) {
        const after = redThen(red, partial('green', 5, { Unit: 'passed', Deploy: 'skip' }));
        assert.strictEqual(after.change, undefined, `${red.trigger}: still red`);
        assert.strictEqual(after.period?.redRun.id, red.id);
        assert.strictEqual(after.period?.productionFailed, true);
      }
    });

    it('a full green run, a switch or rollback that works, or a --from run that went live ends it', () => {
      const fromDeploy = { ...partial('green', 5, { Unit: 'from', Deploy: 'passed' }), deploy: { result: 'ok' } };
      const greens = [partial('green', 5, { Unit: 'passed', Deploy: 'passed' }), slotChange('green', 'switch', 5), slotChange('green', 'rollback', 5), fromDeploy];
      for (const green of greens) {
        assert.strictEqual(redThen(alert(0), green).change?.type, 'recovered', JSON.stringify(green.stages));
        assert.strictEqual(redThen(slotChange('red', 'switch', 0), green).change?.type, 'recovered', green.trigger);
      }
    });

    it('a stage failing later in the period keeps it needing production too; the fold from history agrees', () => {
      const history = [alert(0), partial('red', 5, { Unit: 'failed', Deploy: 'skipped' }), partial('green', 10, { Unit: 'passed', Deploy: 'skip' })];
      const still = foldHistory([...history].reverse()).current;
      assert.deepStrictEqual([still?.redRun.id, still?.failing, still?.productionFailed], [history[0].id, [], true]);
      const done = foldHistory([partial('green', 15, { Unit: 'passed', Deploy: 'passed' }), ...[...history].reverse()]);
      assert.strictEqual(done.current, undefined);
      assert.deepStrictEqual(done.recoveries.map((r) => r.redRunId), [history[0].id]);
    });
  });
});
