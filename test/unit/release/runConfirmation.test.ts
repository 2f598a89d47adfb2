import * as assert from 'node:assert/strict';
import { parsePipelineText, renderTemplate, type Pipeline } from '../../../src/core/config';
import { releaseStatusText } from '../../../src/core/render';
import { runNeedsConfirmation } from '../../../src/core/release';

function pipeline(text: string): Pipeline {
  const r = parsePipelineText(text, '/repo/.gearshift.yml');
  if (!r.ok) { throw new Error(r.errors.map((e) => e.message).join('\n')); }
  return r.pipeline;
}
const WITH_PROD = pipeline('version: 1\nstages:\n  - name: Unit Tests\n    run: "true"\n  - name: Deploy Prod\n    run: "true"\n    environment: production\n');
const NO_PROD = pipeline('version: 1\nstages:\n  - name: Unit Tests\n    run: "true"\n  - name: Deploy Staging\n    run: "true"\n    environment: non-prod\n');

describe('Run Pipeline through production: when to ask (gearshift.confirmProductionDeploy)', () => {
  it('asks when the run reaches a production stage and confirmation is on', () => {
    assert.equal(runNeedsConfirmation(WITH_PROD, { trigger: 'manual' }, { confirmSetting: true }), true);
  });
  it('does not ask with the setting off, when the caller confirmed, or when no production stage runs', () => {
    assert.equal(runNeedsConfirmation(WITH_PROD, { trigger: 'manual' }, { confirmSetting: false }), false);
    assert.equal(runNeedsConfirmation(WITH_PROD, { trigger: 'manual' }, { confirmSetting: true, confirmed: true }), false);
    assert.equal(runNeedsConfirmation(NO_PROD, { trigger: 'manual' }, { confirmSetting: true }), false);
    assert.equal(runNeedsConfirmation(WITH_PROD, { trigger: 'manual', only: 'Unit Tests' }, { confirmSetting: true }), false, 'one stage that is not production');
    assert.equal(runNeedsConfirmation(WITH_PROD, { trigger: 'manual', only: 'Deploy Prod' }, { confirmSetting: true }), true);
  });
  // walk30 M3: the starter's first Run Pipeline asked to approve a "production deploy" of placeholders that fail on purpose.
  it('does not ask while every production stage still runs the starter\'s TODO command, and asks again once one is real', () => {
    const todo = (what: string) => `echo "TODO: put your ${what} command here" && exit 1`;
    const starter = (deployProd: string) => pipeline(['version: 1', 'stages:',
      '  - name: Unit Tests', '    run: "true"',
      '  - name: Provision Prod', `    run: ${JSON.stringify(todo('provisioning'))}`, '    environment: production',
      '  - name: Deploy Prod', `    run: ${JSON.stringify(deployProd)}`, '    environment: production', ''].join('\n'));
    assert.equal(runNeedsConfirmation(pipeline(renderTemplate({})), { trigger: 'manual' }, { confirmSetting: true }), false, 'the starter as Create Pipeline writes it');
    assert.equal(runNeedsConfirmation(starter(todo('deploy')), { trigger: 'manual' }, { confirmSetting: true }), false);
    assert.equal(runNeedsConfirmation(starter('./ci/deploy.sh'), { trigger: 'manual' }, { confirmSetting: true }), true);
    assert.equal(runNeedsConfirmation(starter(`${todo('deploy')}; ./ci/deploy.sh`), { trigger: 'manual' }, { confirmSetting: true }), true, 'a real command that merely starts like the TODO');
  });
});

describe('status bar words for a release after its stages', () => {
  it('monitoring production (n/m intervals), not the finished stage count', () => {
    assert.equal(releaseStatusText({ kind: 'monitoring', interval: 3, of: 24 }), 'monitoring production (3/24 intervals)');
    assert.equal(releaseStatusText({ kind: 'monitoring', interval: 1, of: 1 }), 'monitoring production (1/1 interval)');
  });
  it('release needs a decision while an inconclusive release is paused', () => {
    assert.equal(releaseStatusText({ kind: 'needsDecision', folder: 'app', message: 'web: 4 probe errors in a row' }), 'release needs a decision');
  });
});
