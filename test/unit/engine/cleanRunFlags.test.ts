import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineEngine } from '../../../src/core/engine';
import type { EngineEvent } from '../../../src/core/engine/events';
import { RunRenderer } from '../../../src/core/render';
import { git } from '../../support/git';
import { pipeline } from '../../support/workspaces';
import { Repos } from './engineFixture';

const FLAGS = (variant: string): string => `{ "flags": { "new-checkout": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "${variant}" } } }\n`;
const SHIP = { name: 'Deploy Flags', run: 'echo "shipping $(grep -o \'defaultVariant": "[a-z]*\' flags/live.json)"' };

/**
 * review22 H3: a clean run ships the commit's flags file. A kill switch written to the working
 * copy and not committed is not what its "Deploy Flags" ships, so the run's banner says so, in the
 * editor's terminal (RunRenderer) as in the CLI, and its record keeps which files.
 */
describe('engine: a checkout: clean run whose flags files differ from the working copy\'s says so', function () {
  this.timeout(30_000);
  const repos = new Repos();
  let engine: PipelineEngine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; repos.cleanup(); });

  async function run(repo: string): Promise<{ text: string; flagsDiffer: unknown; output: string }> {
    engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 200 });
    const events: EngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    const outcome = await engine.start({ trigger: 'manual', only: 'Deploy Flags' });
    assert.strictEqual(outcome.kind, 'started', JSON.stringify(outcome));
    const record = outcome.kind === 'started' ? await outcome.done : undefined;
    assert.strictEqual(record?.state, 'green');
    const renderer = new RunRenderer({ color: false });
    const text = events.map((e) => renderer.render(e)).join('');
    await engine.dispose();
    engine = undefined;
    return { text, flagsDiffer: record.flagsDiffer, output: text.split('\n').filter((l) => l.startsWith('shipping')).join('\n') };
  }

  function repoWith(yml: string): string {
    const repo = repos.make(yml);
    fs.mkdirSync(path.join(repo, 'flags'));
    fs.writeFileSync(path.join(repo, 'flags', 'live.json'), FLAGS('on'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'flags');
    return repo;
  }

  it('a flags file named in flags: and changed, not committed: the banner names it and the run ships the commit\'s', async () => {
    const repo = repoWith(`${pipeline([{ name: 'Unit Tests', run: 'true' }, SHIP]).replace('version: 1\n', 'version: 1\ncheckout: clean\n')}flags:\n  file: flags/live.json\n  deployStage: Deploy Flags\n`);
    const same = await run(repo);
    assert.ok(!same.text.includes('! The working copy'), same.text);
    assert.strictEqual(same.flagsDiffer, undefined);

    fs.writeFileSync(path.join(repo, 'flags', 'live.json'), FLAGS('off'));
    const differs = await run(repo);
    assert.ok(differs.text.includes("\n! The working copy's flags/live.json differs from the commit's: this checkout: clean run ships the commit's flags (commit it to ship the change).\n"), differs.text);
    assert.deepStrictEqual([differs.flagsDiffer, differs.output], [['flags/live.json'], 'shipping defaultVariant": "on']);
  });

  it('the default flags.json (no flags: section), and not under checkout: workspace, where the working copy is what runs', async () => {
    const yml = pipeline([{ name: 'Deploy Flags', run: 'cat flags.json' }]);
    const repo = repos.make(yml.replace('version: 1\n', 'version: 1\ncheckout: clean\n'));
    fs.writeFileSync(path.join(repo, 'flags.json'), FLAGS('on'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'flags');
    fs.writeFileSync(path.join(repo, 'flags.json'), FLAGS('off'));
    assert.deepStrictEqual((await run(repo)).flagsDiffer, ['flags.json']);
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), yml);
    git(repo, 'commit', '-q', '-m', 'workspace', '--', '.gearshift.yml');
    const workspace = await run(repo);
    assert.strictEqual(workspace.flagsDiffer, undefined);
    assert.ok(!workspace.text.includes('flags.json differs'), workspace.text);
  });
});
