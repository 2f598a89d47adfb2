import * as assert from 'node:assert/strict';
import { environmentWords, productionChange } from '../../../src/core/engine';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline';

/** `gearshift history`'s ENV column: "prod (unchanged)" only for a record that reached production (review32 L1). */
describe('environmentWords: what a run did to production', () => {
  const stage = (name: string, state: StageRecord['state'], startedAt?: string): StageRecord => ({ name, state, exitCode: null, durationMs: 0, ...(startedAt ? { startedAt } : {}) });
  const run = (stages: StageRecord[], extra: Partial<RunRecord> = {}): RunRecord => ({
    id: 'r1', sha: 'a'.repeat(40), branch: 'main', trigger: 'cli', startedAt: '2026-12-06T10:00:00.000Z', state: 'red',
    stages, environment: 'production', productionStages: ['Deploy Prod'], ...extra,
  });

  it('a production run red before production (its production stage skipped): "-", and it changed nothing', () => {
    const r = run([stage('Unit Tests', 'failed'), stage('Deploy Prod', 'skipped')]);
    assert.equal(environmentWords(r), '-');
    assert.equal(productionChange(r), undefined);
  });

  it('a production stage that ran and failed, or was stopped while running: "prod (unchanged)"', () => {
    assert.equal(environmentWords(run([stage('Unit Tests', 'passed'), stage('Deploy Prod', 'failed')])), 'prod (unchanged)');
    assert.equal(environmentWords(run([stage('Unit Tests', 'passed'), stage('Deploy Prod', 'timedOut')])), 'prod (unchanged)');
    assert.equal(environmentWords(run([stage('Unit Tests', 'passed'), stage('Deploy Prod', 'cancelled', '2026-12-06T10:01:00.000Z')], { state: 'cancelled' })), 'prod (unchanged)');
    assert.equal(environmentWords(run([stage('Unit Tests', 'cancelled', '2026-12-06T10:01:00.000Z'), stage('Deploy Prod', 'cancelled')], { state: 'cancelled' })), '-');
  });

  it('a deploy whose switch failed after its stages passed: "prod (unchanged)"; one that went live: "prod → slot"', () => {
    const stages = [stage('Unit Tests', 'passed'), stage('Deploy Prod', 'passed')];
    assert.equal(environmentWords(run(stages, { slot: 'green', deploy: { result: 'failed' } })), 'prod (unchanged)');
    assert.equal(environmentWords(run(stages, { state: 'green', slot: 'green', deploy: { result: 'ok', live: 'green' } })), 'prod → green');
  });

  it('a failed switch by hand (no stage ran) reached production: "prod (unchanged)"', () => {
    const r = run([stage('Unit Tests', 'skipped'), stage('Deploy Prod', 'skipped')], { trigger: 'switch', slot: 'blue' });
    delete r.productionStages;
    assert.equal(environmentWords(r), 'prod (unchanged)');
  });

  it('an older record without productionStages: reached production when its deploy has a result', () => {
    const old = (extra: Partial<RunRecord>): RunRecord => { const r = run([stage('Unit Tests', 'passed'), stage('Deploy Prod', 'failed')], extra); delete r.productionStages; return r; };
    assert.equal(environmentWords(old({})), '-');
    assert.equal(environmentWords(old({ deploy: { result: 'failed' } })), 'prod (unchanged)');
  });

  it('non-prod and no environment', () => {
    assert.equal(environmentWords(run([stage('Unit Tests', 'failed')], { environment: 'non-prod' })), 'non-prod');
    assert.equal(environmentWords(run([stage('Unit Tests', 'failed')], { environment: undefined })), '-');
  });
});
