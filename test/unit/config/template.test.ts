import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createTemplate, parsePipelineText, renderTemplate, type Pipeline, type StarterBranchChoice } from '../../../src/core/config';
import { commit, git, initRepo } from '../../support/git';
import { starterBranch } from '../../../src/core/git';

const NAMES = ['Unit Tests', 'Build Artifacts', 'Provision Non-Prod', 'Deploy Non-Prod', 'Acceptance Test', 'Provision Prod', 'Deploy Prod', 'Monitoring'];

describe('config: createTemplate', () => {
  let dir: string;
  beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gearshift-template-')); });
  afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  /** The template must itself be a valid pipeline; returns it parsed. */
  async function template(branch?: StarterBranchChoice): Promise<{ text: string; pipeline: Pipeline }> {
    const text = await createTemplate(dir, branch);
    const result = parsePipelineText(text, path.join(dir, '.gearshift.yml'));
    if (!result.ok) { assert.fail(`template does not parse:\n${result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n')}\n${text}`); }
    assert.deepStrictEqual(result.pipeline.stages.map((s) => s.name), NAMES);
    return { text, pipeline: result.pipeline };
  }
  const runs = (p: Pipeline): string[] => p.stages.map((s) => s.run);

  it('with nothing to detect: the eight stages, in a line, each a failing TODO', async () => {
    const { text, pipeline } = await template();
    assert.ok(text.startsWith('# Gearshift pipeline'));
    assert.ok(!/https?:\/\/(?!127\.0\.0\.1)/.test(text), 'links nothing external');
    for (const s of pipeline.stages) { assert.match(s.run, /^echo "TODO: put .+ here" && exit 1$/); }
    assert.deepStrictEqual(pipeline.stages.map((s) => s.needs), [[], ...NAMES.slice(0, -1).map((n) => [n])]);
    assert.deepStrictEqual(pipeline.stages.map((s) => s.environment ?? '-'), ['-', '-', 'non-prod', 'non-prod', 'non-prod', 'production', 'production', 'production']);
    assert.deepStrictEqual(pipeline.stages.map((s) => s.approval ?? '-'), ['-', '-', '-', '-', '-', '-', 'manual', '-']);
    assert.strictEqual(pipeline.trigger, 'manual');
  });

  it('uses package.json scripts, most specific first', async () => {
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({
      scripts: {
        test: 'mocha', build: 'tsc', 'test:e2e': 'playwright test', 'deploy:staging': './d.sh staging',
        'provision:staging': 'terraform apply', deploy: './d.sh prod', monitor: './check.sh',
      },
    }));
    const { pipeline } = await template();
    assert.deepStrictEqual(runs(pipeline), [
      'npm test', 'npm run build', 'npm run provision:staging', 'npm run deploy:staging', 'npm run test:e2e',
      'echo "TODO: put the command that creates or updates production here" && exit 1', 'npm run deploy', 'npm run monitor',
    ]);
  });

  it('never uses a bare deploy script for non-prod, and ignores npm init\'s placeholder test', async () => {
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1', deploy: 'x' } }));
    const { pipeline } = await template();
    assert.match(pipeline.stages[0].run, /^echo "TODO/);
    assert.match(pipeline.stages[3].run, /^echo "TODO/);
    assert.strictEqual(pipeline.stages[6].run, 'npm run deploy');
  });

  it('follows the lockfile to yarn or pnpm', async () => {
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ scripts: { 'test:unit': 'jest', build: 'vite build' } }));
    await fs.writeFile(path.join(dir, 'yarn.lock'), '');
    assert.deepStrictEqual(runs((await template()).pipeline).slice(0, 2), ['yarn test:unit', 'yarn build']);
    await fs.rm(path.join(dir, 'yarn.lock'));
    await fs.writeFile(path.join(dir, 'pnpm-lock.yaml'), '');
    assert.deepStrictEqual(runs((await template()).pipeline).slice(0, 2), ['pnpm run test:unit', 'pnpm run build']);
  });

  it('uses Makefile targets when there is no package.json script', async () => {
    await fs.writeFile(path.join(dir, 'Makefile'), [
      'VERSION := 1.0', 'CC ?= gcc', '.PHONY: test build deploy', 'test build: deps', '\t@echo building', 'deps:',
      'deploy-staging:', '\t./deploy staging', 'acceptance_test :', 'provision-prod::', 'deploy: build', 'smoke:', '%.o: %.c',
    ].join('\n'));
    const { pipeline } = await template();
    assert.deepStrictEqual(runs(pipeline), [
      'make test', 'make build', 'echo "TODO: put the command that creates or updates the non-prod environment here" && exit 1',
      'make deploy-staging', 'make acceptance_test', 'make provision-prod', 'make deploy', 'make smoke',
    ]);
  });

  it('prefers package.json over the Makefile, stage by stage', async () => {
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'jest' } }));
    await fs.writeFile(path.join(dir, 'Makefile'), 'test:\n\tfalse\nbuild:\n\ttrue\n');
    assert.deepStrictEqual(runs((await template()).pipeline).slice(0, 2), ['npm test', 'make build']);
  });

  it('survives a package.json that does not parse', async () => {
    await fs.writeFile(path.join(dir, 'package.json'), '{ not json');
    assert.match((await template()).pipeline.stages[0].run, /^echo "TODO/);
  });

  it('has commented-out examples that parse once uncommented', async () => {
    // Uncomment each example block: a `# key:` line for a top-level section and the `#   ` lines under it.
    let inBlock = false;
    const text = (await createTemplate(dir)).split('\n').map((line) => {
      if (/^# (queue|checkout|branches|deploy|alerts|monitor|gears):/.test(line)) { inBlock = true; return line.slice(2); }
      if (inBlock && line.startsWith('#   ')) { return line.slice(2); }
      inBlock = false;
      return line;
    }).join('\n');
    const result = parsePipelineText(text, path.join(dir, '.gearshift.yml'));
    if (!result.ok) { assert.fail(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n')); }
    const p = result.pipeline;
    assert.deepStrictEqual([p.queue, p.checkout, p.branches], ['latest', 'workspace', ['main']]);
    assert.ok(p.deploy && p.alerts?.webhook);
    assert.deepStrictEqual(p.monitor?.probes.map((x) => x.kind), ['http', 'log']);
    assert.match(text, /# each is one of http:, command:, log: \+ match: or compare: previous-slot \(blue\/green\)$/m, 'the comment names every probe kind (walk29 L9)');
    assert.deepStrictEqual(p.gears, { windowMs: 90 * 86_400_000, sprintMs: 14 * 86_400_000, deployTags: 'v*' });
  });

  // review40 M1: left commented out, `trigger: commit` later deployed every branch's commits to production.
  it('in a repository: branches: on, with HEAD\'s branch (trunk), unborn too; detached: left out, saying why', async () => {
    const inRepo = async (): Promise<{ text: string; pipeline: Pipeline }> => template(await starterBranch(dir));
    initRepo(dir, 'trunk');
    const unborn = await inRepo();
    assert.deepStrictEqual(unborn.pipeline.branches, ['trunk'], 'no commit yet: the branch HEAD names');
    assert.match(unborn.text, /^branches: \[trunk\]$/m);
    commit(dir, 'first');
    assert.deepStrictEqual((await inRepo()).pipeline.branches, ['trunk']);
    git(dir, 'checkout', '-q', '-b', 'fix,a#1');
    assert.deepStrictEqual((await inRepo()).pipeline.branches, ['fix,a#1'], 'a name YAML would misread is quoted');
    git(dir, 'checkout', '-q', '--detach');
    const detached = await inRepo();
    assert.deepStrictEqual(detached.pipeline.branches, []);
    assert.match(detached.text, /HEAD was detached when this file was written: name your main branch\.\n# branches: \[main\]\n/);
    assert.deepStrictEqual((await template('!x')).pipeline.branches, [], 'a name branches: refuses is left out');
  });

  it('quotes commands that YAML would misread', () => {
    const run = 'echo "a: b" # not a comment';
    const text = renderTemplate({ unit: { run, from: 'test' }, build: { run: '- [x]', from: 'test' } });
    const result = parsePipelineText(text, '/repo/.gearshift.yml');
    assert.ok(result.ok);
    assert.deepStrictEqual(result.pipeline.stages.slice(0, 2).map((s) => s.run), [run, '- [x]']);
  });
});
