/**
 * What the engine would otherwise do differently from `gearshift run`: tag pushes running the
 * pipeline (review24 F6), two pipelines deploying at once (F7), a timeout GitHub cuts short.
 */
import * as assert from 'node:assert';
import { parse } from 'yaml';
import { exportPipeline, type ExportTarget } from '../../../src/core/export';
import { BUILD_THEN_PROD_ON_COMMIT, parseOk } from '../../support/exportFixtures';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field

function exported(text: string, target: ExportTarget, viaCli = false): { text: string; doc: Doc } {
  const out = exportPipeline(parseOk(text), { target, viaCli });
  return { text: out, doc: parse(out) as Doc };
}

const EVERY_BRANCH = BUILD_THEN_PROD_ON_COMMIT;

describe('export: trigger: commit without branches runs on branch pushes, not tag pushes', () => {
  it('GitHub: push with branches: [\'**\'] (no filter at all would also run for tags)', () => {
    assert.deepStrictEqual(exported(EVERY_BRANCH, 'github').doc.on, { push: { branches: ['**'] }, workflow_dispatch: {} });
  });
  it('GitLab: a push pipeline with a branch ($CI_COMMIT_BRANCH is unset in tag pipelines)', () => {
    assert.strictEqual(exported(EVERY_BRANCH, 'gitlab').doc.workflow.rules[0].if, '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH');
  });
});

describe('export: one pipeline deploys at a time', () => {
  it('GitHub queue: latest (default): one run per ref at a time, only the newest waiting', () => {
    const { doc } = exported(EVERY_BRANCH, 'github');
    assert.deepStrictEqual(doc.concurrency, { group: 'gearshift-${{ github.ref }}', 'cancel-in-progress': false });
  });
  it('GitHub queue: all: every waiting run is kept, in order (queue: max)', () => {
    const { doc, text } = exported(EVERY_BRANCH.replace('trigger: commit', 'trigger: commit\nqueue: all'), 'github');
    assert.deepStrictEqual(doc.concurrency, { group: 'gearshift-${{ github.ref }}', 'cancel-in-progress': false, queue: 'max' });
    assert.match(text, /^# Concurrency: .*queue: max/m);
  });
  it('GitLab: production jobs share the resource group "production"; other jobs do not', () => {
    const { doc } = exported(EVERY_BRANCH, 'gitlab');
    assert.strictEqual(doc['deploy-prod'].resource_group, 'production');
    assert.strictEqual(doc.build.resource_group, undefined);
  });
});

describe('export: a timeout past what the hosted runners allow', () => {
  it('GitHub: kept as written, with a warning in the header (hosted jobs stop at 360 minutes)', () => {
    const { doc, text } = exported('version: 1\nstages:\n  - name: Soak\n    run: ./soak.sh\n    timeout: 10h\n', 'github');
    assert.strictEqual(doc.jobs.soak['timeout-minutes'], 600);
    assert.match(text, /^# Warning: "Soak" has timeout-minutes 600; GitHub-hosted runners stop a job at 360 minutes/m);
  });
  it('GitLab: kept as written, with a warning past 180 minutes (GitLab.com\'s hosted runners stop a job at 3 hours; review36 F9)', () => {
    const soak = (timeout: string): string => `version: 1\nstages:\n  - name: Soak\n    run: ./soak.sh\n    timeout: ${timeout}\n`;
    const { doc, text } = exported(soak('10h'), 'gitlab');
    assert.strictEqual(doc.soak.timeout, '600m');
    assert.match(text, /^# Warning: "Soak" has timeout 600m; GitLab\.com's hosted runners stop a job at 3 hours \(180 minutes; self-managed runners honour it\)$/m);
    assert.doesNotMatch(exported(soak('180m'), 'gitlab').text, /# Warning/);
    assert.doesNotMatch(exported(soak('170m'), 'gitlab').text, /# Warning/);
    // --via-cli: the job's timeout is the stage's plus 15 minutes of set-up, and that is what the runner stops.
    assert.match(exported(soak('170m'), 'gitlab', true).text, /^# Warning: "Soak" has timeout 185m; GitLab\.com's hosted runners/m);
  });
});
