import * as assert from 'node:assert/strict';
import { PipelineRun, planRun } from '../../../src/core/pipeline';
import { makePipeline } from './helpers';

const root = '/nonexistent-root';
const base = { sha: 'a', branch: 'main', trigger: 'manual' };

describe('pipeline/graph', () => {
  it('refuses a cycle instead of hanging', () => {
    const p = makePipeline(root, [
      { name: 'A', run: 'true', needs: ['B'] },
      { name: 'B', run: 'true', needs: ['A'] },
    ]);
    assert.throws(() => new PipelineRun({ ...base, pipeline: p }), /cycle/);
  });

  it('refuses unknown needs, duplicate names and unknown --stage/--from', () => {
    assert.throws(() => planRun(makePipeline(root, [{ name: 'A', run: 'true', needs: ['Z'] }])), /unknown stage "Z"/);
    assert.throws(() => planRun(makePipeline(root, [{ name: 'A', run: 'true' }, { name: 'A', run: 'true' }])), /duplicate/);
    const p = makePipeline(root, [{ name: 'A', run: 'true' }]);
    assert.throws(() => planRun(p, { only: 'Nope' }), /no stage named "Nope"/);
    assert.throws(() => planRun(p, { from: 'Nope' }), /no stage named "Nope"/);
    assert.throws(() => planRun(p, { only: 'A', from: 'A' }), /cannot be combined/);
  });

  it('drops needs outside the selection', () => {
    const p = makePipeline(root, [
      { name: 'A', run: 'true' },
      { name: 'B', run: 'true' },
      { name: 'C', run: 'true', needs: ['A', 'B'] },
    ]);
    const plan = planRun(p, { from: 'B' });
    assert.deepEqual(plan.needs.get('C'), ['B']);
    assert.equal(plan.notSelected.get('A'), 'not selected: ran from B on');
    assert.deepEqual(planRun(p, { only: 'C' }).needs.get('C'), []);
  });
});
