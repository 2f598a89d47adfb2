import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../src/core/pipeline';
import type { StatusModel } from '../../../src/core/render';

/** Node's Module (CommonJS), whose resolver the stub hooks. */
const Module = module.constructor as unknown as { _resolveFilename: (...a: unknown[]) => string };

/** Just enough of `vscode` for the status item to render into (a mock: no VS Code runs in the unit tier). */
class ThemeColor { constructor(readonly id: string) {} }
class MarkdownString {
  value = '';
  isTrusted: unknown;
  supportThemeIcons = false;
  appendText(t: string): this { this.value += t; return this; }
  appendMarkdown(t: string): this { this.value += t; return this; }
}

const RAN = '32d54ac00123456789abcdef0123456789abcdef';
const run = { id: 'run-1', sha: RAN, branch: 'main', trigger: 'manual', state: 'green', startedAt: '2026-12-06T11:00:00Z', endedAt: '2026-12-06T11:01:00Z', stages: [] } as unknown as RunRecord;
const green = { kind: 'green' as const, run };

/**
 * The status item's click follows its headline (review34 F7): with an invalid .gearshift.yml the item
 * says so and opens Problems, but once a red remote run is the headline ("remote red") the click is
 * the gauge's again, not the Problems panel.
 */
describe('status item: the click goes with the headline (review34 F7)', () => {
  const resolve = Module._resolveFilename;
  before(() => {
    Module._resolveFilename = function (request: unknown, ...rest: unknown[]) {
      return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
    };
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: { ThemeColor, MarkdownString } } as unknown as NodeJS.Module;
  });
  after(() => {
    Module._resolveFilename = resolve;
    delete require.cache.vscode;
  });

  function render(model: StatusModel): { text: string; background: string | undefined; command: { id: string; args: unknown[] } | undefined } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PipelineStatusBar } = require('../../../src/vscode/status/statusBar') as typeof import('../../../src/vscode/status/statusBar');
    const bar = new PipelineStatusBar({ show: () => undefined, dispose: () => undefined } as never);
    try {
      bar.update(model);
      const { text, background, command } = bar.snapshot();
      return { text, background, command };
    } finally {
      bar.dispose();
    }
  }

  it('invalid file alone: "invalid", Show Problems; with a remote failure: "remote red", the gauge', () => {
    const invalid: StatusModel = { status: green, invalid: { problems: 2 }, folders: [{ name: 'app', status: green, notes: [] }] };
    const alone = render(invalid);
    assert.match(alone.text, /\.gearshift\.yml invalid/);
    assert.equal(alone.command?.id, 'workbench.actions.view.problems');
    const remote = render({ ...invalid, folders: [{ name: 'app', status: green, notes: [], remote: { state: 'failure', provider: 'gitlab', name: 'pipeline #77', jobs: [] } }] });
    assert.equal(remote.text, '$(error) Gearshift: remote red');
    assert.equal(remote.background, 'statusBarItem.errorBackground');
    assert.deepEqual(remote.command, { id: 'gearshift.showGauge', args: [] }, 'not Show Problems: the headline is the remote run');
  });
});
