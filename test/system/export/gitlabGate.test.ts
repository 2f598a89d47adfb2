/**
 * The GitLab export under gitlab-ci-local, where it must stop what `gearshift run` stops: no
 * production job after a red test in another branch of the graph (review24 F2), and no pipeline
 * for a tag push (F6). gitlab-ci-local evaluates job `rules:` but ignores `workflow: rules:`'
 * verdict, so the exported workflow rules are evaluated by it as a probe job's rules, with the
 * variables GitLab sets in a tag pipeline (CI_COMMIT_TAG set, CI_COMMIT_BRANCH unset).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli, TSC_CLI } from '../cli/cliProcess';
import { runGitlabCiLocal, useExportedRepo } from './gitlabCiLocalRun';

const PARALLEL_TESTS = `version: 1
trigger: commit
stages:
  - name: Unit Tests
    needs: []
    run: test "$UNIT" != red
  - name: Build
    needs: []
    run: echo built >> "$TRACE"
  - name: Deploy Prod
    needs: [Build]
    environment: production
    run: echo deployed >> "$TRACE"
`;

describe('export: the GitLab file stops where `gearshift run` stops (gitlab-ci-local)', function () {
  this.timeout(120_000);
  const gcl = useExportedRepo(PARALLEL_TESTS);

  function traced(file: string): string[] {
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
  }

  async function both(unit: string): Promise<{ local: string[]; ci: string[]; ciCode: number | null; out: string }> {
    const localTrace = path.join(gcl.repo, 'local.trace');
    await runCli(['run', '--yes'], { cwd: gcl.repo, cli: TSC_CLI, env: { TRACE: localTrace, UNIT: unit } });
    const ciTrace = path.join(gcl.repo, 'ci.trace');
    const ran = await runGitlabCiLocal(gcl.node, gcl.repo, gcl.home, ['--force-shell-executor', '--json-schema-validation', '--variable', `TRACE=${ciTrace}`, '--variable', `UNIT=${unit}`]);
    return { local: traced(localTrace), ci: traced(ciTrace), ciCode: ran.code, out: ran.out };
  }

  it('a red Unit Tests in parallel with Build: production is not deployed, in CI as locally', async () => {
    const red = await both('red');
    assert.ok(!red.local.includes('deployed'), `gearshift run deployed: ${red.local.join(', ')}`);
    assert.notStrictEqual(red.ciCode, 0, red.out);
    assert.ok(red.ci.includes('built'), red.out);
    assert.ok(!red.ci.includes('deployed'), `CI deployed while Unit Tests was red:\n${red.out}`);
  });

  it('all green: production is deployed, in CI as locally', async () => {
    const green = await both('green');
    assert.strictEqual(green.ciCode, 0, green.out);
    assert.deepStrictEqual([...green.ci].sort(), ['built', 'deployed']);
    assert.deepStrictEqual([...green.local].sort(), ['built', 'deployed']);
  });

  /** The exported workflow rules as a probe job's rules: gitlab-ci-local lists it as `never` when none match. */
  async function workflowVerdict(variables: readonly string[]): Promise<string> {
    const exported = parse(fs.readFileSync(path.join(gcl.repo, '.gitlab-ci.yml'), 'utf8')) as { workflow: { rules: unknown[] } };
    fs.writeFileSync(path.join(gcl.repo, 'probe.gitlab-ci.yml'), stringify({ probe: { script: ['true'], rules: exported.workflow.rules } }));
    // Overriding predefined variables is the point here: no warning about it in the output.
    const quiet = ['--ignore-predefined-vars', 'CI_COMMIT_REF_NAME,CI_PIPELINE_SOURCE'];
    const listed = await runGitlabCiLocal(gcl.node, gcl.repo, gcl.home, ['--file', 'probe.gitlab-ci.yml', '--list-json', ...quiet, ...variables]);
    assert.strictEqual(listed.code, 0, listed.out);
    const jobs = JSON.parse(listed.out.slice(listed.out.indexOf('[\n'))) as Array<{ name: string; when: string }>;
    return jobs.find((j) => j.name === 'probe')?.when ?? 'missing';
  }

  it('trigger: commit without branches: a branch push runs the pipeline, a tag push does not', async () => {
    assert.strictEqual(await workflowVerdict([]), 'on_success', 'a push to main');
    const tag = ['--unset-variable', 'CI_COMMIT_BRANCH', '--variable', 'CI_COMMIT_TAG=v1.2', '--variable', 'CI_COMMIT_REF_NAME=v1.2'];
    assert.strictEqual(await workflowVerdict(tag), 'never', 'a tag push');
    assert.strictEqual(await workflowVerdict([...tag, '--variable', 'CI_PIPELINE_SOURCE=web']), 'on_success', 'run by hand from the web UI');
  });
});
