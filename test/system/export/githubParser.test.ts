import * as assert from 'node:assert';
import * as path from 'node:path';
import { exportPipeline } from '../../../src/core/export';
import { DIAMOND_PIPELINE, PARALLEL_TESTS, parseOk, TALK_PIPELINE, TALK_STAGES } from '../../support/exportFixtures';
import { evaluatedText, loadWorkflowParser, parseWithGithub, removeWorkflowParser, type WorkflowParser } from './workflowParser';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('export: the GitHub workflow through GitHub\'s own parser (@actions/workflow-parser)', function () {
  this.timeout(60_000);
  let parser: WorkflowParser;
  before(() => { parser = loadWorkflowParser(ROOT); });
  after(() => removeWorkflowParser());

  it('the parser is real: a broken workflow reports errors', async () => {
    const broken = await parseWithGithub(parser, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [nope]\n    steps:\n      - run: x\n    bogus: 1\n');
    assert.ok(broken.errors.length >= 1, 'an unknown key and a needs on a missing job must be errors');
  });

  for (const viaCli of [false, true]) {
    it(`the talk's pipeline${viaCli ? ' (--via-cli)' : ''}: zero errors, eight jobs, each needing the one before`, async () => {
      const text = exportPipeline(parseOk(TALK_PIPELINE), { target: 'github', viaCli });
      const result = await parseWithGithub(parser, text);
      assert.deepStrictEqual(result.errors, [], text);
      assert.deepStrictEqual(result.jobs.map((j) => j.name), TALK_STAGES);
      assert.deepStrictEqual(result.jobs.map((j) => j.needs), [[], ...result.jobs.slice(0, -1).map((j) => [j.id])]);
    });
  }

  it('a diamond, hostile names and secrets: zero errors, needs as the DAG', async () => {
    const extra = `  - name: 'Deploy \${{ github.token }} & "x"; rm -rf ~'
    run: echo ok
    needs: [Ship It]
    env: { TOKEN: "\${{ secrets.NPM_TOKEN }}" }
    approval: manual
  - name: 部署
    run: echo ok
    needs: []
    cwd: "pkg\${{ github.event.head_commit.message }}"
  - name: テスト
    run: echo ok
    needs: [部署]
`;
    const text = exportPipeline(parseOk(DIAMOND_PIPELINE + extra), { target: 'github' });
    const result = await parseWithGithub(parser, text);
    assert.deepStrictEqual(result.errors, [], text);
    const needs = Object.fromEntries(result.jobs.map((j) => [j.id, j.needs]));
    assert.deepStrictEqual(needs, {
      'ship-it': ['lint-and-format', 'tests'], checkout: [], 'lint-and-format': ['checkout'], tests: ['checkout'],
      // The gate also needs テスト (stage-2), which is in a branch of its own; 部署 is implied by it (fail-fast).
      'deploy-github-token-and-x-rm-rf': ['ship-it', 'stage-2'], stage: [], 'stage-2': ['stage'],
    });
  });

  for (const viaCli of [false, true]) {
    it(`a stage name holding \${{ }}, \${{ secrets.X }} and quotes stays text in every field it lands in${viaCli ? ' (--via-cli)' : ''}`, async () => {
      const name = "Deploy ${{ secrets.TOKEN }} ${{ github.token }} it's }} $HOME";
      const text = exportPipeline(parseOk(`version: 1\nstages:\n  - name: ${JSON.stringify(name)}\n    run: echo ok\n`), { target: 'github', viaCli });
      const parsed = parser.parseWorkflow({ name: '.github/workflows/gearshift.yml', content: text }, new parser.NoOperationTraceWriter());
      const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value) as unknown as {
        jobs: Array<{ name: unknown; env?: unknown; steps: Array<{ name?: unknown; env?: unknown }> }>; errors?: Array<{ Message: string }>;
      };
      assert.deepStrictEqual((template.errors ?? []).map((e) => e.Message), [], text);
      const job = template.jobs[0];
      const step = job.steps[job.steps.length - 1];
      const envOf = (token: unknown): Record<string, unknown> => Object.fromEntries((JSON.parse(JSON.stringify(token)) as { map: Array<{ Key: string; Value: unknown }> }).map.map((e) => [e.Key, e.Value]));
      const stageVar = viaCli ? envOf(step.env).GEARSHIFT_EXPORT_STAGE : envOf(job.env).GEARSHIFT_STAGE;
      assert.deepStrictEqual([job.name, step.name, stageVar].map((t) => evaluatedText(parser, t)), [name, name, name]);
    });
  }

  for (const queue of ['latest', 'all']) {
    it(`fail-fast needs, every-branch push, concurrency (queue: ${queue}): zero errors, as GitHub reads them`, async () => {
      const text = exportPipeline(parseOk(PARALLEL_TESTS.replace('stages:', `trigger: commit\nqueue: ${queue}\nstages:`)), { target: 'github' });
      const parsed = parser.parseWorkflow({ name: '.github/workflows/gearshift.yml', content: text }, new parser.NoOperationTraceWriter());
      const result = await parseWithGithub(parser, text);
      assert.deepStrictEqual(result.errors, [], text);
      assert.deepStrictEqual(result.jobs.find((j) => j.id === 'deploy-prod')?.needs, ['build', 'unit-tests'], 'no deploy while Unit Tests is red');
      const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value) as unknown as { events: { push?: { branches?: string[]; tags?: string[] } }; concurrency: { toString(): string } };
      assert.deepStrictEqual(template.events.push, { branches: ['**'] }, 'branches only: GitHub runs no tag push');
      const concurrency = JSON.stringify(template.concurrency);
      assert.match(concurrency, /"group","Value":\{"type":3,"expr":"format\('gearshift-\{0\}', github\.ref\)"\}/, 'one group per branch, as an expression');
      assert.match(concurrency, /"cancel-in-progress","Value":false/);
      assert.strictEqual(concurrency.includes('"queue","Value":"max"'), queue === 'all');
    });
  }

  it('--via-cli with secrets and an install in a subfolder: zero errors, each secret mapped on the stage\'s step', async () => {
    const pipeline = `version: 1
stages:
  - name: Deploy
    run: ./deploy.sh
    env: { TOKEN: "\${{ secrets.NPM_TOKEN }}", AUTH: "Bearer \${{ secrets.API_KEY }}" }
`;
    const setup = { folder: 'web', install: 'npm ci' as const, nodeMajor: 22, nodeSource: 'engines.node "^22"' };
    const text = exportPipeline(parseOk(pipeline), { target: 'github', viaCli: true, viaCliSetup: setup });
    const result = await parseWithGithub(parser, text);
    assert.deepStrictEqual(result.errors, [], text);
    assert.deepStrictEqual(result.jobs.map((j) => j.id), ['deploy']);
    assert.match(text, /^ {10}GEARSHIFT_SECRET_API_KEY: \$\{\{ secrets\.API_KEY \}\}$/m);
    assert.match(text, /^ {10}GEARSHIFT_SECRET_NPM_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}$/m);
  });
});
