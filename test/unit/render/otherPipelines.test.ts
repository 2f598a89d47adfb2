import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import { otherPipelineArgs, shownRedSince, statusTooltipParts, withOtherPipelines, type OtherPipelineStatus, type StatusModel, type TooltipPart } from '../../../src/core/render';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const run = (state: RunRecord['state']): RunRecord => ({
  id: `run-${state}`, sha: 'abcdef0123456789abcdef0123456789abcdef01', branch: 'main', trigger: 'manual', state,
  startedAt: '2026-12-06T11:00:00Z', endedAt: '2026-12-06T11:00:05Z', stages: [{ name: 'Unit Tests', state: state === 'red' ? 'failed' : 'passed', exitCode: 0, durationMs: 1 }],
} as RunRecord);
const green = { kind: 'green' as const, run: run('green') };
const red = { kind: 'red' as const, run: run('red') };
const REPO = { uri: 'file:///repo', name: 'repo' };
const apiRed: OtherPipelineStatus = { folder: REPO, path: 'apps/api', status: red, redSince: NOW - 3 * 60_000, failedStage: 'API Tests' };
const webGreen: OtherPipelineStatus = { folder: REPO, path: 'apps/web', status: green };
const top = (status: StatusModel['status'], others: OtherPipelineStatus[]): StatusModel => ({ status, folders: [{ name: 'repo', status, notes: [] }], others, ...(status.kind === 'red' ? { redSince: NOW - 60_000 } : {}) });
const joined = (parts: TooltipPart[]): string => parts.map((p) => ('text' in p ? p.text : p.markdown)).join('');

describe('render: the repository\'s other pipelines in the status item (review26 F5)', () => {
  it('top green, apps/api red: the item is red and leads with apps/api, its timer and stage, and says so for each more', () => {
    const shown = withOtherPipelines('$(pass-filled) Gearshift: green', false, top(green, [apiRed, webGreen]), NOW);
    assert.deepStrictEqual(shown, { text: '$(error) Gearshift: apps/api red for 3m · API Tests', red: true, headline: apiRed });
    const two = withOtherPipelines('$(pass-filled) Gearshift: green', false, top(green, [{ ...webGreen, status: red, redSince: NOW - 60_000 }, apiRed]), NOW);
    assert.equal(two.text, '$(error) Gearshift: apps/api red for 3m · API Tests · 1 more red', 'red the longest first');
    assert.equal(shownRedSince(top(green, [apiRed])), apiRed.redSince, 'the item\'s timer ticks for it');
  });

  it('beside the item\'s own red (or a run, or a release waiting): added, not in its place', () => {
    const shown = withOtherPipelines('$(error) Gearshift: red for 1m · Unit Tests', true, top(red, [apiRed]), NOW);
    assert.deepStrictEqual(shown, { text: '$(error) Gearshift: red for 1m · Unit Tests · apps/api red', red: true });
    assert.equal(shownRedSince(top(red, [apiRed])), NOW - 60_000);
  });

  it('none red: the item is as before; with no pipeline at the top, it names the subfolder pipelines instead of "no pipeline"', () => {
    assert.deepStrictEqual(withOtherPipelines('$(pass-filled) Gearshift: green', false, top(green, [webGreen]), NOW), { text: '$(pass-filled) Gearshift: green', red: false });
    const none: StatusModel['status'] = { kind: 'noPipeline' };
    assert.equal(withOtherPipelines('$(gear) Gearshift: no pipeline', false, { status: none, folders: [], others: [webGreen] }, NOW).text, '$(pass-filled) Gearshift: apps/web green');
    const both = [webGreen, { folder: REPO, path: 'apps/api', status: green }];
    assert.equal(withOtherPipelines('x', false, { status: none, folders: [], others: both }, NOW).text, '$(pass-filled) Gearshift: 2 pipelines green');
    const mixed = [webGreen, { folder: REPO, path: 'apps/api', status: { kind: 'notRun' as const } }];
    assert.equal(withOtherPipelines('x', false, { status: none, folders: [], others: mixed }, NOW).text, '$(pass-filled) Gearshift: apps/web green · 1 more');
    assert.equal(withOtherPipelines('x', false, { status: none, folders: [], others: [apiRed, webGreen] }, NOW).text, '$(error) Gearshift: apps/api red for 3m · API Tests');
  });

  it('a path or stage is data: one line, its $(…) shown as written', () => {
    const odd = { ...apiRed, path: 'a/$(zap)\nb', failedStage: 'T $(x)' };
    assert.equal(withOtherPipelines('', false, top(green, [odd]), NOW).text, '$(error) Gearshift: a/\\$(zap) b red for 3m · T \\$(x)');
  });

  it('the tooltip lists them with their state and a link that offers the log or the folder; all green still says they exist', () => {
    const text = joined(statusTooltipParts(top(green, [webGreen]), NOW));
    assert.match(text, /\n\n1 more pipeline in this repository:\n\n- \$\(pass-filled\) \*\*apps\/web\*\*: green · \[Open\]\(command:gearshift\.openSubfolderPipeline\?%5B%22file%3A%2F%2F%2Frepo%22%2C%22apps%2Fweb%22%5D\)\n/);
    const redText = joined(statusTooltipParts({ ...top(green, [apiRed, webGreen]), othersMore: 3 }, NOW));
    assert.match(redText, /5 more pipelines in this repository \(the first 2 shown\):/);
    assert.match(redText, /- \$\(error\) \*\*apps\/api\*\*: red for 3m \(API Tests\) · \[Show log or folder\]\(command:gearshift\.openSubfolderPipeline/);
    const parts = statusTooltipParts(top(green, [{ ...webGreen, path: '[x](command:evil)' }]), NOW);
    assert.ok(parts.some((p) => 'text' in p && p.text === '[x](command:evil)'), 'the path is text, never markup');
  });

  it('no pipeline at the top: the tooltip says so and lists the subfolders\' pipelines, no "Create a pipeline"', () => {
    const text = joined(statusTooltipParts({ status: { kind: 'noPipeline' }, folders: [], others: [apiRed] }, NOW));
    assert.match(text, /No \.gearshift\.yml at the top of this folder\.\n\n1 more pipeline in this repository:/);
    assert.doesNotMatch(text, /Create a pipeline/);
  });

  it('a window below the top with no pipeline of its own: the tooltip says this folder has none and `gearshift run` here runs the top\'s (review31 L11)', () => {
    const topRed: OtherPipelineStatus = { folder: { uri: 'file:///repo/apps/x', name: 'x' }, path: '', fromTop: true, status: red, redSince: NOW - 3 * 60_000, failedStage: 'Top Tests' };
    const text = joined(statusTooltipParts({ status: { kind: 'noPipeline' }, folders: [], others: [topRed] }, NOW));
    assert.match(text, /No \.gearshift\.yml in this folder; `gearshift run` here runs the top's\.\n\n1 more pipeline in this repository:\n\n- \$\(error\) \*\*\(top\)\*\*/);
    assert.doesNotMatch(text, /at the top of this folder/);
  });

  it('the top not run yet, or its history unreadable: the tooltip still lists the red subfolder pipeline the item names (review28 L1)', () => {
    for (const status of [{ kind: 'notRun' as const }, { kind: 'unknown' as const, problem: 'line 3: bad JSON' }]) {
      const model = top(status, [apiRed]);
      assert.match(withOtherPipelines('$(gear) Gearshift: not run yet', false, model, NOW).text, /apps\/api red/, status.kind);
      assert.match(joined(statusTooltipParts(model, NOW)), /1 more pipeline in this repository:\n\n- \$\(error\) \*\*apps\/api\*\*: red for 3m/, status.kind);
    }
  });
});

describe('render: the same path below two workspace folders (a/e2e, b/e2e) told apart (review28 M3)', () => {
  const A = { uri: 'file:///mono/a', name: 'a' };
  const B = { uri: 'file:///mono/b', name: 'b' };
  const aGreen: OtherPipelineStatus = { folder: A, path: 'e2e', status: green };
  const bRed: OtherPipelineStatus = { folder: B, path: 'e2e', status: red, redSince: NOW - 3 * 60_000, failedStage: 'E2E' };
  const twoFolders = (status: StatusModel['status'], others: OtherPipelineStatus[]): StatusModel => ({ ...top(status, others), othersByFolder: true });
  const links = (parts: TooltipPart[]): unknown[] => [...joined(parts).matchAll(/command:gearshift\.openSubfolderPipeline\?([^)\s]+)\)/g)].map((m) => JSON.parse(decodeURIComponent(m[1])));

  it('the tooltip: two rows, each named with its folder, whose links name the folder too and differ', () => {
    const parts = statusTooltipParts(twoFolders(green, [aGreen, bRed]), NOW);
    const text = joined(parts);
    assert.match(text, /\n\n2 more pipelines in this repository:\n\n- \$\(pass-filled\) \*\*a: e2e\*\*: green · \[Open\]\(command:[^)]+\)\n- \$\(error\) \*\*b: e2e\*\*: red for 3m \(E2E\) · \[Show log or folder\]\(command:[^)]+\)\n/);
    assert.deepStrictEqual(links(parts), [['file:///mono/a', 'e2e'], ['file:///mono/b', 'e2e']]);
  });

  it('the item: leading with b\'s e2e it says whose ("Gearshift (b): e2e", as it names a folder\'s own state); beside its own red, "b: e2e"', () => {
    const shown = withOtherPipelines('$(pass-filled) Gearshift (a): green', false, twoFolders(green, [aGreen, bRed]), NOW);
    assert.deepStrictEqual(shown, { text: '$(error) Gearshift (b): e2e red for 3m · E2E', red: true, headline: bRed });
    assert.equal(withOtherPipelines('$(error) Gearshift (a): red for 1m · T', true, twoFolders(red, [aGreen, bRed]), NOW).text, '$(error) Gearshift (a): red for 1m · T · b: e2e red');
    const none: StatusModel = { status: { kind: 'noPipeline' }, folders: [], others: [aGreen, { ...bRed, status: { kind: 'notRun' } }], othersByFolder: true };
    assert.equal(withOtherPipelines('x', false, none, NOW).text, '$(pass-filled) Gearshift (a): e2e green · 1 more');
  });

  it('a folder name is data too: one line, its $(…) shown as written, never markup in the tooltip', () => {
    const odd = { ...bRed, folder: { uri: 'file:///x', name: '$(zap)\n[x](command:evil)' } };
    assert.equal(withOtherPipelines('', false, twoFolders(green, [odd]), NOW).text, '$(error) Gearshift (\\$(zap) [x](command:evil)): e2e red for 3m · E2E');
    const parts = statusTooltipParts(twoFolders(green, [odd]), NOW);
    assert.ok(parts.some((p) => 'text' in p && p.text === '$(zap)\\x0a[x](command:evil): e2e'), 'the name is a text part (printable), escaped by the adapter');
  });

  it('seen from apps/web (a folder below the top): the top is "(top)", a sibling its path from the top, and each link says its path is from the top', () => {
    const WEB = { uri: 'file:///repo/apps/web', name: 'web' };
    const topRed: OtherPipelineStatus = { folder: WEB, path: '', fromTop: true, status: red, redSince: NOW - 5 * 60_000, failedStage: 'Unit Tests' };
    const apiGreen: OtherPipelineStatus = { folder: WEB, path: 'apps/api', fromTop: true, status: green };
    const model = top(green, [topRed, apiGreen]);
    assert.deepStrictEqual(withOtherPipelines('$(pass-filled) Gearshift: green', false, model, NOW), { text: '$(error) Gearshift: (top) red for 5m · Unit Tests', red: true, headline: topRed });
    assert.deepStrictEqual(otherPipelineArgs(topRed), ['file:///repo/apps/web', '', 'top']);
    assert.deepStrictEqual(otherPipelineArgs(apiRed), ['file:///repo', 'apps/api'], 'one below its folder: as before');
    const text = joined(statusTooltipParts(model, NOW));
    assert.match(text, /- \$\(error\) \*\*\(top\)\*\*: red for 5m \(Unit Tests\) · \[Show log or folder\]\(command:gearshift\.openSubfolderPipeline\?%5B%22file%3A%2F%2F%2Frepo%2Fapps%2Fweb%22%2C%22%22%2C%22top%22%5D\)/);
    assert.match(text, /- \$\(pass-filled\) \*\*apps\/api\*\*: green/);
    assert.equal(withOtherPipelines('$(error) Gearshift: red for 1m · T', true, top(red, [topRed]), NOW).text, '$(error) Gearshift: red for 1m · T · (top) red');
  });
});
