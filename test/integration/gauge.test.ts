import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, usePipeline } from './helpers';

const WITH_PRODUCTION = `version: 1
stages:
  - name: Unit Tests
    run: echo tested
  - name: Deploy Prod
    run: echo "deployed $GEARSHIFT_SHA"
    environment: production
`;

describe('gear gauge in the real extension host', () => {
  it('after three production runs the view state carries 4th gear and DORA-banded metrics', async () => {
    const restore = usePipeline(WITH_PRODUCTION);
    try {
      const gearshift = await api();
      for (let i = 0; i < 3; i++) {
        const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
        assert.strictEqual(run?.state, 'green');
      }
      const message = await gearshift.gaugeState();
      assert.strictEqual(message.type, 'state');
      if (message.type !== 'state' || !message.view) { throw new Error(`no gauge view: ${JSON.stringify(message)}`); }
      assert.strictEqual(message.view.gear.number, 4, JSON.stringify(message.view.gear));
      assert.ok(message.view.gear.limitingFactor);
      const frequency = message.view.metrics.find((m) => m.id === 'deploymentFrequency');
      assert.strictEqual(frequency?.band, 'elite');
      assert.match(message.view.bandSource, /2019/);
      assert.deepStrictEqual(message.view.stages.map((s) => s.name), ['Unit Tests', 'Deploy Prod']);
      assert.strictEqual(message.view.lastRun?.state, 'green');
    } finally {
      restore();
    }
  });
});
