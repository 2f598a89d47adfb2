/**
 * The exported .gitlab-ci.yml run by gitlab-ci-local (a real local GitLab CI runner, shell
 * executor) and the same .gearshift.yml run by `gearshift run`: both must do the same things,
 * in an order the DAG allows, and the manual gate must stay manual. gitlab-ci-local needs
 * Node ≥ 22: the harness's Node 24 (installed on first use, as in CI where the cache starts empty).
 */
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureNode } from '../../harness/install';
import { commit, git, tempDir, cleanupTempDirs } from '../../support/git';
import { runCli, TSC_CLI } from '../cli/cliProcess';
import { exportedRepo, runGitlabCiLocal, type Ran, useExportedRepo } from './gitlabCiLocalRun';
/** Each stage appends "stage|detail" to $TRACE: what it saw of its name, env and folder. */
const LINE = `printf '%s|%s\\n' "$GEARSHIFT_STAGE"`;
const PIPELINE = `version: 1
trigger: commit
branches: [main]
stages:
  - name: Checkout & Setup
    run: ${LINE} "$GREETING" >> "$TRACE"
    env: { GREETING: "costs $5 & more" }
  - name: Lint
    run: ${LINE} "$(cat here.txt)" >> "$TRACE"
    cwd: app
  - name: Unit Tests
    run: ${LINE} unit >> "$TRACE"
    needs: [Checkout & Setup]
  - name: Package
    run: ${LINE} pkg >> "$TRACE"
    needs: [Lint, Unit Tests]
    timeout: 2m
  - name: Deploy Prod
    run: ${LINE} "$GEARSHIFT_ENVIRONMENT" >> "$TRACE"
    environment: production
    approval: manual
  - name: Smoke Test
    run: ${LINE} smoke >> "$TRACE"
`;
const NEEDS: Record<string, string[]> = {
  'Checkout & Setup': [], Lint: ['Checkout & Setup'], 'Unit Tests': ['Checkout & Setup'],
  Package: ['Lint', 'Unit Tests'], 'Deploy Prod': ['Package'], 'Smoke Test': ['Deploy Prod'],
};
const EXPECTED_LINES = ['Checkout & Setup|costs $5 & more', 'Lint|in app', 'Unit Tests|unit', 'Package|pkg', 'Deploy Prod|production', 'Smoke Test|smoke'];

describe('export: the GitLab file run by gitlab-ci-local', function () {
  this.timeout(120_000);
  let node: string;
  let repo: string;
  let home: string;

  before(function () {
    this.timeout(15 * 60_000); // a cold cache installs Node 24 first
    node = ensureNode().node;
    assert.strictEqual(spawnSync('rsync', ['--version']).status, 0, 'gitlab-ci-local needs rsync (apt-get install rsync; .ci/run installs it)');
  });

  beforeEach(async () => {
    repo = await exportedRepo(PIPELINE);
    home = tempDir('gearshift-gcl-home-');
    fs.mkdirSync(path.join(repo, 'app'));
    fs.writeFileSync(path.join(repo, 'app', 'here.txt'), 'in app');
    git(repo, 'add', '-A');
    commit(repo, 'the app folder');
  });
  afterEach(() => cleanupTempDirs());

  function gitlabCiLocal(...args: string[]): Promise<Ran> {
    return runGitlabCiLocal(node, repo, home, args);
  }

  function traced(file: string): string[] {
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
  }

  /** Every stage's line comes after the lines of the stages it needs. */
  function assertDagOrder(lines: readonly string[]): void {
    const order = lines.map((l) => l.split('|')[0]);
    for (const [stage, needs] of Object.entries(NEEDS)) {
      for (const need of needs) { assert.ok(order.indexOf(need) < order.indexOf(stage), `${need} must run before ${stage}: ${order.join(' → ')}`); }
    }
  }

  it('passes GitLab\'s JSON schema; --list-json shows the DAG and the manual job as manual', async () => {
    const listed = await gitlabCiLocal('--list-json', '--json-schema-validation');
    assert.strictEqual(listed.code, 0, listed.out);
    const jobs = JSON.parse(listed.out.slice(listed.out.indexOf('['))) as Array<{ name: string; stage: string; when: string; needs: Array<{ job: string }> | null }>;
    assert.deepStrictEqual(jobs.map((j) => j.stage), Object.keys(NEEDS));
    assert.deepStrictEqual(jobs.map((j) => (j.needs ?? []).map((n) => n.job)), [[], ['checkout-and-setup'], ['checkout-and-setup'], ['lint', 'unit-tests'], ['package'], ['deploy-prod']]);
    assert.deepStrictEqual(jobs.map((j) => j.when), ['on_success', 'on_success', 'on_success', 'on_success', 'manual', 'on_success']);
  });

  it('without --manual the gate holds: nothing after it can run', async () => {
    const held = await gitlabCiLocal('--force-shell-executor', '--json-schema-validation', '--variable', `TRACE=${path.join(repo, 'ci.trace')}`);
    assert.notStrictEqual(held.code, 0, held.out);
    assert.match(held.out, /deploy-prod is when:manual/);
    assert.ok(!traced(path.join(repo, 'ci.trace')).some((l) => l.startsWith('Deploy Prod') || l.startsWith('Smoke Test')), 'the gate was passed without --manual');
  });

  it('with --manual deploy-prod: green, in DAG order, with the same effects as `gearshift run`', async () => {
    const ciTrace = path.join(repo, 'ci.trace');
    const ran = await gitlabCiLocal('--force-shell-executor', '--json-schema-validation', '--manual', 'deploy-prod', '--variable', `TRACE=${ciTrace}`);
    console.log(`      gitlab-ci-local: 6 jobs in ${(ran.ms / 1000).toFixed(1)} s`);
    assert.strictEqual(ran.code, 0, ran.out);
    const ci = traced(ciTrace);
    assertDagOrder(ci);

    const localTrace = path.join(repo, 'local.trace');
    const local = await runCli(['run', '--yes'], { cwd: repo, cli: TSC_CLI, env: { TRACE: localTrace } });
    assert.strictEqual(local.code, 0, local.stdout + local.stderr);
    assertDagOrder(traced(localTrace));
    assert.deepStrictEqual([...ci].sort(), [...EXPECTED_LINES].sort(), 'the CI run did what the stages say');
    assert.deepStrictEqual([...traced(localTrace)].sort(), [...ci].sort(), 'gearshift run and the GitLab run had the same effects');
  });
});

/**
 * GitLab runs `script` under bash `set -eo pipefail`; Gearshift runs `run` with `/bin/sh -c`. A
 * command green locally must be green on GitLab: a multi-line `run` whose first line fails, and a
 * pipe whose first command fails, are both green for `sh -c`.
 */
const SH_SEMANTICS_PIPELINE = `version: 1
stages:
  - name: Multi
    run: |
      false
      echo "reached the end" >> "$TRACE"
  - name: Piped
    needs: []
    run: sh -c 'exit 3' | cat
  - name: Dollars
    needs: []
    env: { PRICE: "5" }
    run: printf '%s|%s\\n' "costs $PRICE \\$" "$$" >> "$TRACE"; test -n "$$"
`;

describe('export: a GitLab job keeps the verdict of `/bin/sh -c` (no bash -e, no pipefail)', function () {
  this.timeout(120_000);
  const gcl = useExportedRepo(SH_SEMANTICS_PIPELINE);

  it('green locally, green under gitlab-ci-local, with the same effects', async () => {
    const localTrace = path.join(gcl.repo, 'local.trace');
    const local = await runCli(['run'], { cwd: gcl.repo, cli: TSC_CLI, env: { TRACE: localTrace } });
    assert.strictEqual(local.code, 0, local.stdout + local.stderr);
    const ciTrace = path.join(gcl.repo, 'ci.trace');
    const ran = await runGitlabCiLocal(gcl.node, gcl.repo, gcl.home, ['--force-shell-executor', '--json-schema-validation', '--variable', `TRACE=${ciTrace}`]);
    assert.strictEqual(ran.code, 0, ran.out);
    const ci = fs.readFileSync(ciTrace, 'utf8').split('\n').filter((l) => l !== '');
    const ours = fs.readFileSync(localTrace, 'utf8').split('\n').filter((l) => l !== '');
    assert.deepStrictEqual(ci.map((l) => l.replace(/\|\d+$/, '|pid')).sort(), ours.map((l) => l.replace(/\|\d+$/, '|pid')).sort());
    assert.ok(ci.includes('reached the end'), ci.join('\n'));
  });
});

/**
 * A stage name is data: GitLab expands `$X` in a variable's value, so a name holding
 * `${{ secrets.TOKEN }}` or `$HOME` must reach the job's GEARSHIFT_STAGE as written, as it
 * reaches the stage locally, and never as the secret's value.
 */
const NAMED_PIPELINE = `version: 1
stages:
  - name: "Deploy \${{ secrets.TOKEN }} $HOME \${CI_JOB_ID}"
    run: printf '%s\\n' "$GEARSHIFT_STAGE" >> "$TRACE"
`;

describe('export: a GitLab job gets its stage name as written, never expanded', function () {
  this.timeout(120_000);
  const gcl = useExportedRepo(NAMED_PIPELINE);

  it('GEARSHIFT_STAGE under gitlab-ci-local is the name `gearshift run` gives the stage', async () => {
    const localTrace = path.join(gcl.repo, 'local.trace');
    const local = await runCli(['run'], { cwd: gcl.repo, cli: TSC_CLI, env: { TRACE: localTrace, TOKEN: 'leaked-value' } });
    assert.strictEqual(local.code, 0, local.stdout + local.stderr);
    const ciTrace = path.join(gcl.repo, 'ci.trace');
    const ran = await runGitlabCiLocal(gcl.node, gcl.repo, gcl.home, ['--force-shell-executor', '--json-schema-validation', '--variable', `TRACE=${ciTrace}`, '--variable', 'TOKEN=leaked-value']);
    assert.strictEqual(ran.code, 0, ran.out);
    const name = 'Deploy ${{ secrets.TOKEN }} $HOME ${CI_JOB_ID}';
    assert.deepStrictEqual(fs.readFileSync(localTrace, 'utf8'), `${name}\n`);
    assert.deepStrictEqual(fs.readFileSync(ciTrace, 'utf8'), `${name}\n`);
  });
});
