import * as assert from 'node:assert';
import { parse } from 'yaml';
import { exportedViaCli, exportPipeline, isGeneratedFile, VIA_CLI_STAGE_VAR, type ExportTarget } from '../../../src/core/export';
import { DIAMOND_PIPELINE, parseOk, TALK_PIPELINE, TALK_STAGES } from '../../support/exportFixtures';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field

const IDS = ['unit-tests', 'build-artifacts', 'provision-non-prod', 'deploy-non-prod', 'acceptance-test', 'provision-prod', 'deploy-prod', 'monitoring'];

function exported(text: string, target: ExportTarget, viaCli = false): { text: string; doc: Doc } {
  const out = exportPipeline(parseOk(text), { target, viaCli });
  return { text: out, doc: parse(out) as Doc };
}

describe('export: the talk\'s 8-stage pipeline', () => {
  it('GitHub: one job per stage, needs as the chain, names kept, environments and the gate', () => {
    const { text, doc } = exported(TALK_PIPELINE, 'github');
    assert.ok(isGeneratedFile(text));
    assert.match(text, /^# Regenerate: npx --no --offline gearshift export github$/m);
    assert.match(text, /required reviewers.*Settings → Environments/s);
    assert.deepStrictEqual(Object.keys(doc.jobs), IDS);
    assert.deepStrictEqual(IDS.map((id) => doc.jobs[id].name), TALK_STAGES);
    assert.deepStrictEqual(IDS.map((id) => doc.jobs[id].needs ?? []), [[], ...IDS.slice(0, -1).map((id) => [id])]);
    assert.deepStrictEqual(doc.on, { push: { branches: ['main'] }, workflow_dispatch: {} });
    assert.deepStrictEqual(IDS.map((id) => doc.jobs[id].environment ?? '-'), ['-', '-', 'non-prod', 'non-prod', 'non-prod', 'production', 'production', 'production']);
    assert.deepStrictEqual(IDS.map((id) => doc.jobs[id]['timeout-minutes']), [30, 10, 30, 30, 2, 30, 30, 30]);
    const build = doc.jobs['build-artifacts'];
    assert.deepStrictEqual(build.steps[1], { name: 'Build Artifacts', run: 'echo "Build Artifacts" >> ../order.log', 'working-directory': 'app' });
    assert.strictEqual(doc.jobs['unit-tests'].env.GREETING, 'hello $USER', 'env kept as written');
    assert.strictEqual(doc.jobs['unit-tests'].env.GEARSHIFT_STAGE, 'Unit Tests');
    assert.strictEqual(doc.defaults.run.shell, 'sh {0}');
    // review37b L3: the job's token is not left in .git/config for the stage's command.
    assert.deepStrictEqual(IDS.map((id) => doc.jobs[id].steps[0]), IDS.map(() => ({ uses: 'actions/checkout@v4', with: { 'persist-credentials': false } })));
  });

  it('GitLab: stages in DAG order, needs, when: manual blocking, timeouts, cwd as a cd line, $ kept literal', () => {
    const { doc } = exported(TALK_PIPELINE, 'gitlab');
    assert.deepStrictEqual(doc.stages, TALK_STAGES);
    assert.deepStrictEqual(IDS.map((id) => doc[id].stage), TALK_STAGES);
    assert.deepStrictEqual(IDS.map((id) => doc[id].needs), [[], ...IDS.slice(0, -1).map((id) => [id])]);
    assert.deepStrictEqual(IDS.map((id) => doc[id].timeout), ['30m', '10m', '30m', '30m', '2m', '30m', '30m', '30m']);
    assert.strictEqual(doc['deploy-prod'].when, 'manual');
    assert.strictEqual(doc['deploy-prod'].allow_failure, false);
    assert.strictEqual(doc['deploy-prod'].environment, 'production');
    assert.strictEqual(doc.monitoring.when, undefined);
    // The command in script itself (review37b M2: a job variable holding it is outranked by a pipeline variable).
    assert.deepStrictEqual(doc['build-artifacts'].script, ["cd -- 'app'", `sh -c 'echo "Build Artifacts" >> ../order.log'`], 'sh -c as locally, not bash -eo pipefail');
    assert.ok(!Object.keys(doc['build-artifacts'].variables).some((k: string) => !/^GEARSHIFT_(STAGE|ENVIRONMENT)$/.test(k)), 'no command in a variable');
    assert.strictEqual(doc['unit-tests'].variables.GREETING, 'hello $$USER');
    assert.strictEqual(doc.workflow.rules[0].if, '$CI_PIPELINE_SOURCE == "push" && ($CI_COMMIT_BRANCH =~ /^main$/)');
  });

  it('the header says each job is a fresh checkout: a stage\'s files do not reach the next job (walk29 M3)', () => {
    for (const target of ['github', 'gitlab'] as const) {
      assert.match(exported(TALK_PIPELINE, target).text, /^# Each job is a fresh checkout: files a stage writes do not reach the next job \(pass them as the engine's artifacts, or build in the stage that uses them\)\.$/m, target);
    }
  });

  it('is deterministic: the same pipeline gives byte-identical files', () => {
    for (const target of ['github', 'gitlab'] as const) {
      assert.strictEqual(exported(TALK_PIPELINE, target).text, exported(TALK_PIPELINE, target).text);
    }
  });
});

describe('export: a diamond DAG', () => {
  it('keeps both parents of the join, and GitLab lists stages parents-first although the file does not', () => {
    const gh = exported(DIAMOND_PIPELINE, 'github').doc;
    assert.deepStrictEqual(gh.jobs['ship-it'].needs, ['lint-and-format', 'tests']);
    assert.strictEqual(gh.jobs.checkout.needs, undefined);
    assert.deepStrictEqual(gh.on, { workflow_dispatch: {} }, 'trigger: manual → run by hand only');
    const gl = exported(DIAMOND_PIPELINE, 'gitlab').doc;
    assert.deepStrictEqual(gl.stages, ['Checkout', 'Lint & Format', 'Tests', 'Ship It']);
    assert.deepStrictEqual(gl['ship-it'].needs, ['lint-and-format', 'tests']);
    assert.deepStrictEqual(gl['lint-and-format'].needs, ['checkout']);
    assert.deepStrictEqual(gl.checkout.needs, []);
  });
});

describe('export: env, secrets, approval without an environment, what is not exported', () => {
  const text = `version: 1
stages:
  - name: Publish
    run: npm publish
    env: { TOKEN: "\${{ secrets.NPM_TOKEN }}", PRICE: "5$" }
    approval: manual
    timeout: 1h
deploy:
  strategy: blue-green
  slots: [blue, green]
  switch: ./switch.sh
`;
  it('GitHub keeps the secret reference, gates through a named environment and names deploy as not exported', () => {
    const out = exported(text, 'github');
    assert.strictEqual(out.doc.jobs.publish.env.TOKEN, '${{ secrets.NPM_TOKEN }}');
    assert.strictEqual(out.doc.jobs.publish.environment, 'gearshift-approval');
    assert.strictEqual(out.doc.jobs.publish['timeout-minutes'], 60);
    assert.match(out.text, /^# Not exported: deploy \(blue\/green, switch: \.\/switch\.sh\)/m);
  });
  it('GitLab reads the secret from a CI/CD variable and keeps other dollars literal', () => {
    const out = exported(text, 'gitlab');
    assert.strictEqual(out.doc.publish.variables.TOKEN, '$NPM_TOKEN');
    assert.strictEqual(out.doc.publish.variables.PRICE, '5$$');
    assert.strictEqual(out.doc.publish.timeout, '60m');
    assert.match(out.text, /^# Not exported: deploy/m);
  });
});

describe('export: --via-cli', () => {
  const hostile = `version: 1
stages:
  - name: 'a"; touch pwned #'
    run: echo hi
  - name: 'Deploy \${{ github.token }}'
    run: echo hi
    approval: manual
`;
  it('runs each stage through gearshift, the name as data: a step env var (GitHub), single-quoted (GitLab)', () => {
    for (const target of ['github', 'gitlab'] as const) {
      const { doc } = exported(hostile, target, true);
      const jobs = target === 'github' ? doc.jobs : doc;
      const first = target === 'github' ? jobs['a-touch-pwned'].steps.at(-1) : jobs['a-touch-pwned'];
      const command = target === 'github' ? first.run : first.script[0];
      if (target === 'github') {
        assert.strictEqual(command, `npx --no --offline gearshift run --stage="$${VIA_CLI_STAGE_VAR}"`);
        assert.strictEqual(first.env[VIA_CLI_STAGE_VAR], 'a"; touch pwned #');
      } else {
        // Not a job variable: a pipeline variable of that name would outrank it and pick another stage (review37b M2).
        assert.strictEqual(command, `npx --no --offline gearshift run --stage='a"; touch pwned #'`);
        assert.strictEqual(first.variables[VIA_CLI_STAGE_VAR], undefined);
      }
      const gated = target === 'github' ? jobs['deploy-github-token'].steps.at(-1).run : jobs['deploy-github-token'].script[0];
      assert.match(gated, / --yes$/, 'the engine gates the job; gearshift must not ask again');
    }
  });
  it('the header records --via-cli, so the drift check compares like with like', () => {
    assert.strictEqual(exportedViaCli(exported(hostile, 'gitlab', true).text), true);
    assert.strictEqual(exportedViaCli(exported(hostile, 'gitlab', false).text), false);
    assert.strictEqual(exportedViaCli('jobs: {}\n# Regenerate: npx gearshift export github --via-cli\n'.repeat(1).replace(/^/, 'a\nb\nc\nd\ne\n')), false, 'only the header counts');
  });

  it('GitHub: a `${{` in a stage name stays text, not an expression', () => {
    const { doc } = exported(hostile, 'github', true);
    assert.strictEqual(doc.jobs['deploy-github-token'].name, "Deploy ${{ '${{' }} github.token }}");
  });

  it('GitLab: a secret reference in a stage name stays text in GEARSHIFT_STAGE and the --via-cli stage argument', () => {
    const named = "version: 1\nstages:\n  - name: \"Deploy ${{ secrets.TOKEN }} $HOME it's\"\n    run: echo hi\n";
    // `$$` is one literal `$` to GitLab: the name as written, not `$TOKEN` (the CI/CD variable's value).
    assert.strictEqual(exported(named, 'gitlab').doc['deploy-secrets-token-home-it-s'].variables.GEARSHIFT_STAGE, "Deploy $${{ secrets.TOKEN }} $$HOME it's");
    // GitLab expands nothing in script: single quotes keep every `$` from the shell.
    assert.deepStrictEqual(exported(named, 'gitlab', true).doc['deploy-secrets-token-home-it-s'].script, ["npx --no --offline gearshift run --stage='Deploy ${{ secrets.TOKEN }} $HOME it'\\''s'"]);
  });

  it('GitHub: a `${{` in a cwd stays text: working-directory is evaluated as an expression too', () => {
    const { doc } = exported('version: 1\nstages:\n  - name: Build\n    run: make\n    cwd: "pkg${{ github.event.head_commit.message }}"\n', 'github');
    assert.strictEqual(doc.jobs.build.steps[1]['working-directory'], "pkg${{ '${{' }} github.event.head_commit.message }}");
  });
});
