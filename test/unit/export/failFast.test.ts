/**
 * `gearshift run` starts no stage after one failed; an engine only skips the jobs that need the
 * failed one. So a production (or gated) job also needs every stage upstream of no gate: no
 * deploy while a test in another branch of the graph is red (review24 F2).
 */
import * as assert from 'node:assert';
import { parse } from 'yaml';
import { exportPipeline, type ExportTarget } from '../../../src/core/export';
import { PARALLEL_TESTS, parseOk, TALK_PIPELINE } from '../../support/exportFixtures';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field

/** Each job id → its needs, for either engine. */
function needsOf(text: string, target: ExportTarget, viaCli = false): Record<string, string[]> {
  const doc = parse(exportPipeline(parseOk(text), { target, viaCli })) as Doc;
  const jobs: Doc = target === 'github' ? doc.jobs : Object.fromEntries(Object.entries(doc).filter(([, v]) => typeof v === 'object' && v !== null && 'script' in v));
  return Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, (job as Doc).needs ?? []]));
}

describe('export: a production job waits for every stage not downstream of a gate (fail-fast)', () => {
  for (const target of ['github', 'gitlab'] as const) {
    for (const viaCli of [false, true]) {
      it(`${target}${viaCli ? ' --via-cli' : ''}: Deploy Prod needs Build and the parallel Unit Tests`, () => {
        assert.deepStrictEqual(needsOf(PARALLEL_TESTS, target, viaCli)['deploy-prod'], ['build', 'unit-tests']);
      });
    }

    it(`${target}: two production branches wait for the tests, not for each other; what follows a deploy is not added`, () => {
      const text = `version: 1
stages:
  - name: Lint
    needs: []
    run: make lint
  - name: Build
    needs: []
    run: make
  - name: Deploy EU
    needs: [Build]
    environment: production
    run: ./deploy.sh eu
  - name: Smoke EU
    needs: [Deploy EU]
    run: ./smoke.sh eu
  - name: Deploy US
    needs: [Build]
    environment: production
    run: ./deploy.sh us
`;
      const needs = needsOf(text, target);
      assert.deepStrictEqual(needs['deploy-eu'], ['build', 'lint']);
      assert.deepStrictEqual(needs['deploy-us'], ['build', 'lint']);
      assert.deepStrictEqual(needs['smoke-eu'], ['deploy-eu']);
      assert.deepStrictEqual(needs.lint, []);
    });

    it(`${target}: a manual gate counts too; a stage implied by another added need is not repeated; non-prod is no gate`, () => {
      const text = `version: 1
stages:
  - name: Unit Tests
    needs: []
    run: make test
  - name: Integration
    needs: [Unit Tests]
    run: make it
  - name: Build
    needs: []
    run: make
  - name: Staging
    needs: [Build]
    environment: non-prod
    run: ./deploy.sh staging
  - name: Publish
    needs: [Build]
    approval: manual
    run: npm publish
`;
      const needs = needsOf(text, target);
      assert.deepStrictEqual(needs.publish, ['build', 'integration', 'staging'], 'Unit Tests is implied by Integration');
      assert.deepStrictEqual(needs.staging, ['build']);
    });
  }

  it('the header names the jobs that got extra needs, and why; none when the needs already cover it', () => {
    for (const target of ['github', 'gitlab'] as const) {
      const text = exportPipeline(parseOk(PARALLEL_TESTS), { target });
      assert.match(text, /^# Fail-fast: "Deploy Prod" also need\(s\) the stages before it in other branches: the engine would not stop it/m);
      assert.doesNotMatch(exportPipeline(parseOk(TALK_PIPELINE), { target }), /# Fail-fast/);
    }
  });

  it('GitLab: stages stay in an order where every need comes first', () => {
    const text = `version: 1
stages:
  - name: Deploy Prod
    needs: []
    environment: production
    run: ./deploy.sh
  - name: Tests
    needs: []
    run: make test
`;
    const doc = parse(exportPipeline(parseOk(text), { target: 'gitlab' })) as Doc;
    assert.deepStrictEqual(doc.stages, ['Tests', 'Deploy Prod']);
    assert.deepStrictEqual(doc['deploy-prod'].needs, ['tests']);
  });
});
