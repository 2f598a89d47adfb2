import * as assert from 'node:assert/strict';
import { parsePipelineText, renderTemplate, type DetectedCommands, type Pipeline } from '../../../src/core/config';
import type { RunRequest } from '../../../src/core/engine';
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
      '  - name: Deploy Prod', `    run: ${JSON.stringify(deployProd)}`, '    environment: production',
      '  - name: Monitoring', `    run: ${JSON.stringify(todo('monitoring'))}`, '    environment: production', ''].join('\n'));
    assert.equal(runNeedsConfirmation(pipeline(renderTemplate({})), { trigger: 'manual' }, { confirmSetting: true }), false, 'the starter as Create Pipeline writes it');
    assert.equal(runNeedsConfirmation(starter(todo('deploy')), { trigger: 'manual' }, { confirmSetting: true }), false);
    assert.equal(runNeedsConfirmation(starter('./ci/deploy.sh'), { trigger: 'manual' }, { confirmSetting: true }), true);
    assert.equal(runNeedsConfirmation(starter(`${todo('deploy')}; ./ci/deploy.sh`), { trigger: 'manual' }, { confirmSetting: true }), true, 'a real command that merely starts like the TODO');
  });
});

// review41 F3: Create Pipeline filled Deploy Prod from a Makefile `deploy` target; the first ▶ asked "Deploy … to production?"
// for a run that Provision Non-Prod's TODO stops three stages before production.
describe('Run Pipeline does not ask about production when a starter TODO stops the run before it', () => {
  const todo = (what: string) => `echo "TODO: put ${what} here" && exit 1`;
  const asks = (p: Pipeline, request: RunRequest = { trigger: 'manual' }): boolean => runNeedsConfirmation(p, request, { confirmSetting: true });
  it('the starter with only Deploy Prod filled: no question; once the stages before production are real, asked again', () => {
    const filled = (commands: DetectedCommands): Pipeline => pipeline(renderTemplate(commands));
    const deployOnly: DetectedCommands = { unit: { run: 'npm test', from: 'package.json' }, deployProd: { run: 'make deploy', from: 'Makefile' } };
    assert.equal(asks(filled(deployOnly)), false, 'Provision Non-Prod, Acceptance Test, Provision Prod still TODO before Deploy Prod');
    const real = { run: './real.sh', from: 'Makefile' };
    const allBefore: DetectedCommands = { ...deployOnly, build: real, provisionNonProd: real, deployNonProd: real, acceptance: real, provisionProd: real };
    assert.equal(asks(filled(allBefore)), true, 'every stage before production real (Monitoring still TODO runs after Deploy Prod)');
    assert.equal(asks(filled(deployOnly), { trigger: 'manual', from: 'Deploy Prod' }), true, 'from Deploy Prod on: the TODOs before it do not run');
    assert.equal(asks(filled(deployOnly), { trigger: 'manual', only: 'Deploy Prod' }), true);
  });
  it('follows needs: a TODO beside production (not needed by it) does not stop it; one it needs further up does', () => {
    const stages = (deployNeeds: string): Pipeline => pipeline(['version: 1', 'stages:',
      '  - name: Unit Tests', '    run: "true"', '    needs: []',
      '  - name: Smoke', `    run: ${JSON.stringify(todo('smoke'))}`, '    needs: []',
      '  - name: Package', '    run: "true"', '    needs: [Smoke]',
      '  - name: Deploy Prod', '    run: "true"', '    environment: production', `    needs: ${deployNeeds}`, ''].join('\n'));
    assert.equal(asks(stages('[Unit Tests]')), true, 'Smoke runs beside it: Deploy Prod may start before Smoke fails');
    assert.equal(asks(stages('[Package]')), false, 'Deploy Prod needs Package, which needs the TODO');
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
