import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { noPipelineHere, noTopPipelineText, type OtherPipelineStatus } from '../../../src/core/render';

const run = (state: RunRecord['state']): RunRecord => ({
  id: `run-${state}`, sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'manual', state,
  startedAt: '2026-12-06T11:00:00Z', endedAt: '2026-12-06T11:00:05Z', stages: [],
} as RunRecord);
const MONO = { uri: 'file:///mono', name: 'mono' };
const api: OtherPipelineStatus = { folder: MONO, path: 'apps/api', status: { kind: 'green', run: run('green') } };
const web: OtherPipelineStatus = { folder: MONO, path: 'apps/web', status: { kind: 'red', run: run('red') }, redSince: 0, failedStage: 'Web Tests' };

// walk30 M5: the gauge said "No .gearshift.yml in this workspace yet" beside a status bar naming apps/web red.
describe('render: no pipeline at the top, pipelines below it (a monorepo opened at its top)', () => {
  it('names the folder, how many are below, and each one\'s state', () => {
    assert.equal(noTopPipelineText(['mono'], { others: [api, web], more: 0 }), 'No pipeline at the top of mono; 2 below it: apps/api (green), apps/web (red).');
  });
  it('counts those found but not kept, and names the folder of each with several open', () => {
    const other = { ...api, folder: { uri: 'file:///b', name: 'b' } };
    assert.equal(noTopPipelineText(['mono', 'b'], { others: [api, other], more: 3 }), 'No pipeline at the top of the open folders; 5 below them: mono: apps/api (green), b: apps/api (green), 3 more.');
    assert.equal(noTopPipelineText(['mono'], { others: [{ ...api, status: { kind: 'notRun' } }], more: 0 }), 'No pipeline at the top of mono; 1 below it: apps/api (not run yet).');
  });
  it('none below: nothing to say (the plain "no .gearshift.yml" stands); the top\'s or a sibling\'s seen from below the top are not "below"', () => {
    assert.equal(noTopPipelineText(['mono'], { others: [], more: 0 }), undefined);
    assert.equal(noTopPipelineText(['web'], { others: [{ ...api, path: '', fromTop: true }], more: 0 }), undefined);
    assert.equal(noTopPipelineText(['mono'], { others: [api, { ...web, path: 'apps/x', fromTop: true }], more: 0 }), 'No pipeline at the top of mono; 1 below it: apps/api (green).');
  });
  it('names are data: one printable line', () => {
    assert.equal(noTopPipelineText(['mo\nno'], { others: [{ ...api, path: 'apps/\u001b[31mapi' }], more: 0 }), 'No pipeline at the top of mo no; 1 below it: apps/ [31mapi (green).');
  });
});

// monotop: a window opened at apps/x, which has no pipeline of its own, said "No .gearshift.yml in this workspace yet" while the top's was red.
describe('render: no pipeline here, the one answer (the top\'s, or those below)', () => {
  const X = { uri: 'file:///mono/apps/x', name: 'x' };
  const top: OtherPipelineStatus = { folder: X, path: '', fromTop: true, status: { kind: 'red', run: run('red') }, redSince: 0, failedStage: 'Top Tests' };
  const atTop = { folderPath: 'apps/x', top };
  it('below the open folder first: offer those', () => {
    assert.deepEqual(noPipelineHere(['mono'], { others: [api, web], more: 0 }), { text: 'No pipeline at the top of mono; 2 below it: apps/api (green), apps/web (red).', offer: 'below' });
  });
  it('none below, the top has one: name it with its state, the timer only where the text is drawn once, and that `gearshift run` here runs it (review31 L11)', () => {
    assert.deepEqual(noPipelineHere(['x'], { others: [], more: 0 }, atTop, 3 * 60_000), { text: 'No pipeline in apps/x; the repository\'s top has one: (top) red for 3m · Top Tests. `gearshift run` here runs the top\'s.', offer: 'top' });
    assert.equal(noPipelineHere(['x'], { others: [], more: 0 }, atTop)?.text, 'No pipeline in apps/x; the repository\'s top has one: (top) red · Top Tests. `gearshift run` here runs the top\'s.');
    const green = { ...top, status: { kind: 'green' as const, run: run('green') } };
    assert.equal(noPipelineHere(['x'], { others: [], more: 0 }, { folderPath: 'apps/x', top: green }, 0)?.text, 'No pipeline in apps/x; the repository\'s top has one: (top) green. `gearshift run` here runs the top\'s.');
  });
  it('knows of none, or several folders open: nothing to say (the plain empty state stands)', () => {
    assert.equal(noPipelineHere(['x'], { others: [], more: 0 }), undefined);
    assert.equal(noPipelineHere(['x', 'y'], { others: [], more: 0 }, atTop, 0), undefined);
  });
  it('the folder\'s path and the stage are data: one printable line', () => {
    const odd = { folderPath: 'apps/\nx', top: { ...top, failedStage: 'Top\u001bTests' } };
    assert.equal(noPipelineHere(['x'], { others: [], more: 0 }, odd)?.text, 'No pipeline in apps/ x; the repository\'s top has one: (top) red · Top Tests. `gearshift run` here runs the top\'s.');
  });
});
