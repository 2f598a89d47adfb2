import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listedStages, PipelineEngine } from '../../../src/core/engine';
import type { EngineEvent } from '../../../src/core/engine/events';
import { RunRenderer } from '../../../src/core/render';
import { planProductionDeploy } from '../../../src/core/release';
import { git } from '../../support/git';
import { pipeline } from '../../support/workspaces';
import { historyFile, Repos } from './engineFixture';

const clean = (text: string): string => text.replace('version: 1\n', 'version: 1\ncheckout: clean\n');
const AB = [{ name: 'A', run: 'echo a-ran' }, { name: 'B', run: 'echo "tok=$TOK"', extra: ['env:', '  TOK: "${{ secrets.DEPLOY_TOKEN }}"'] }];

/**
 * The engine the editor drives, under `checkout: clean` with a working copy whose file differs
 * from the commit's: the run follows the commit's file, and the editor's terminal (RunRenderer,
 * as vscode/terminal/pipelineTerminals.ts makes it) says so on the banner.
 */
describe('engine: a checkout: clean run follows the commit\'s .gearshift.yml', function () {
  this.timeout(30_000);
  const repos = new Repos();
  let engine: PipelineEngine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; repos.cleanup(); });

  /** The commit's file has A and B (B needs DEPLOY_TOKEN); the working copy's has neither the secret nor B, and adds New. */
  function setUp(lookups: string[]): { repo: string; events: EngineEvent[] } {
    const repo = repos.make(clean(pipeline(AB)));
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), clean(pipeline([AB[0], { name: 'New', run: 'echo new-ran' }])));
    engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 200, secrets: (name) => { lookups.push(name); return name === 'DEPLOY_TOKEN' ? 'topsecretvalue' : undefined; } });
    const events: EngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    return { repo, events };
  }

  it('a stage only the working copy has is refused before any secret is looked up or anything starts', async () => {
    const lookups: string[] = [];
    const { repo, events } = setUp(lookups);
    const outcome = await engine!.start({ trigger: 'manual', only: 'New' });
    assert.strictEqual(outcome.kind, 'refused');
    assert.ok(outcome.kind === 'refused' && outcome.noStage, JSON.stringify(outcome));
    assert.deepStrictEqual(outcome.noStage, { option: 'only', name: 'New', stages: ['A', 'B'], file: path.join(repo, '.gearshift.yml'), commit: git(repo, 'rev-parse', 'HEAD'), inWorkingCopy: true });
    assert.match(outcome.reason, /^no stage named "New" in \.gearshift\.yml at commit [0-9a-f]{8}, the file this checkout: clean run follows; "New" is only in the working copy's file: commit it to run it$/);
    assert.deepStrictEqual(lookups, []);
    assert.deepStrictEqual(events.map((e) => e.type), []);
    assert.ok(!fs.existsSync(historyFile(repo)) || fs.readFileSync(historyFile(repo), 'utf8') === '');
  });

  it('runs the commit\'s stages with the commit\'s secrets, and the editor\'s banner says the working copy differs', async () => {
    const { events } = setUp([]);
    const outcome = await engine!.start({ trigger: 'manual' });
    assert.strictEqual(outcome.kind, 'started', JSON.stringify(outcome));
    const record = outcome.kind === 'started' ? await outcome.done : undefined;
    assert.strictEqual(record?.state, 'green');
    assert.deepStrictEqual(record.stages.map((s) => s.name), ['A', 'B']);
    assert.strictEqual(record.configNote, 'commit-differs');
    const renderer = new RunRenderer({ color: true, mask: (text) => engine!.secrets.mask(text) });
    const terminal = events.map((e) => renderer.render(e)).join('');
    const yellow = '\u001b[33m';
    assert.ok(terminal.includes(`run ${record.id.slice(0, 8)}\u001b[22m\n${yellow}! The working copy's .gearshift.yml differs from the commit's: this checkout: clean run follows the commit's.\u001b[39m\n`), terminal);
    assert.match(terminal, /tok=\*\*\*/);
  });
});

describe('Pipeline view\'s stage list: the stages of the file the next run follows', function () {
  this.timeout(30_000);
  const repos = new Repos();
  afterEach(() => repos.cleanup());

  it('under checkout: clean an uncommitted rename lists the commit\'s name (what runs); the working copy\'s when git may not be asked', async () => {
    const repo = repos.make(clean(pipeline([{ name: 'Build', run: 'echo b' }, { name: 'Test', run: 'echo t' }])));
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), clean(pipeline([{ name: 'Build', run: 'echo b' }, { name: 'Unit Tests', run: 'echo t' }])));
    const engine = new PipelineEngine({ folder: repo, color: false });
    try {
      assert.deepStrictEqual(await listedStages(engine, true), ['Build', 'Test']);
      assert.deepStrictEqual(await listedStages(engine, false), ['Build', 'Unit Tests'], 'untrusted: no git, the working copy');
      fs.writeFileSync(path.join(repo, '.gearshift.yml'), pipeline([{ name: 'Build', run: 'echo b' }, { name: 'Unit Tests', run: 'echo t' }]));
      assert.deepStrictEqual(await listedStages(engine, true), ['Build', 'Unit Tests'], 'checkout: workspace runs the working copy');
    } finally {
      await engine.dispose();
    }
  });
});

describe('deploy plan: under checkout: clean, the production stages and secrets of the commit\'s file', function () {
  this.timeout(30_000);
  const repos = new Repos();
  afterEach(() => repos.cleanup());

  it('names the secret the commit\'s production stage needs, which the working copy\'s file no longer references', async () => {
    const prod = { name: 'Ship', run: 'echo "$TOK"', extra: ['environment: production'] };
    const repo = repos.make(clean(pipeline([{ ...prod, extra: [...prod.extra, 'env:', '  TOK: "${{ secrets.PROD_TOKEN }}"'] }])));
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), clean(pipeline([prod])));
    const engine = new PipelineEngine({ folder: repo, color: false });
    try {
      const plan = await planProductionDeploy(engine);
      assert.ok(plan.kind === 'plan', JSON.stringify(plan));
      assert.deepStrictEqual([plan.productionStages, plan.missingSecrets], [['Ship'], ['PROD_TOKEN']]);
    } finally {
      await engine.dispose();
    }
  });
});
