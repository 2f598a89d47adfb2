import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HistoryStore, pipelineStateDir } from '../../../src/core/history';
import { findRepoPipelines, otherRepoPipelines, pipelinesBeside } from '../../../src/core/monorepo';
import { commitFile, initRepo, tempDir } from '../../support/git';
import { makeRun, stage } from '../history/historyFixture';

const PIPELINE = 'version: 1\nstages:\n  - name: T\n    run: "true"\n';

/** A monorepo: a pipeline at the top, in apps/api, apps/web and apps/docs. */
function monorepo(): string {
  const repo = initRepo();
  for (const dir of ['', 'apps/api', 'apps/web', 'apps/docs']) { commitFile(repo, path.join(dir, '.gearshift.yml'), PIPELINE, `pipeline ${dir || 'top'}`); }
  return repo;
}

/** A run of the pipeline in `folder`, recorded where `gearshift run` there records it (its real state folder). */
async function ran(folder: string, state: 'green' | 'red'): Promise<void> {
  const store = new HistoryStore(path.join(await pipelineStateDir(folder), 'history.jsonl'));
  const at = '2026-12-06T08:00:00.000Z';
  await store.recordEnd(makeRun(`r-${state}`, { state, startedAt: at, endedAt: at, stages: [stage('T', state === 'red' ? 'failed' : 'passed')] }));
}

describe('monorepo/repoPipelines: a folder\'s repository\'s other pipelines, from their state folders', () => {
  it('from apps/web: the top\'s and apps/api\'s (they ran), each where it is and with the state folder the CLI writes; not its own, not one that never ran', async () => {
    const repo = monorepo();
    const web = path.join(repo, 'apps', 'web');
    await ran(repo, 'red');
    await ran(path.join(repo, 'apps', 'api'), 'green');
    await ran(web, 'green');
    const found = await findRepoPipelines(web) ?? assert.fail('a repository');
    assert.strictEqual(found.prefix, 'apps/web');
    assert.strictEqual(found.gitDir, fs.realpathSync(path.join(repo, '.git')));
    const byPath = [...found.pipelines].sort((a, b) => a.path.localeCompare(b.path));
    assert.deepStrictEqual(byPath.map((p) => p.path), ['', 'apps/api'], 'the top is \'\'; apps/docs never ran; apps/web is the folder\'s own');
    for (const p of byPath) {
      const folder = path.join(repo, ...p.path.split('/').filter(Boolean));
      assert.strictEqual(p.folder, folder);
      assert.strictEqual(p.stateDir, await pipelineStateDir(folder), `${p.path || '(top)'}: the state folder the CLI writes`);
      assert.strictEqual(p.gitDir, found.gitDir);
    }
    assert.deepStrictEqual((await otherRepoPipelines(web)).map((p) => [p.path, p.status.kind]), [['', 'red'], ['apps/api', 'green']], 'otherRepoPipelines reads the same, red first');
  });

  it('a pipeline whose .gearshift.yml is gone from the work tree is left out, its history kept', async () => {
    const repo = monorepo();
    await ran(path.join(repo, 'apps', 'api'), 'red');
    fs.rmSync(path.join(repo, 'apps', 'api', '.gearshift.yml'));
    assert.deepStrictEqual((await findRepoPipelines(path.join(repo, 'apps', 'web')))?.pipelines, []);
  });

  it('opened through a symbolic link: the folders are below the path as given, so the editor\'s own paths compare with them', async () => {
    const repo = monorepo();
    await ran(repo, 'red');
    const link = path.join(tempDir(), 'link');
    fs.symlinkSync(repo, link);
    const found = await findRepoPipelines(path.join(link, 'apps', 'web')) ?? assert.fail('a repository');
    assert.deepStrictEqual(found.pipelines.map((p) => p.folder), [link]);
  });

  it('at the top: prefix \'\', and the top is not listed as another', async () => {
    const repo = monorepo();
    await ran(repo, 'red');
    await ran(path.join(repo, 'apps', 'api'), 'red');
    const found = await findRepoPipelines(repo) ?? assert.fail('a repository');
    assert.strictEqual(found.prefix, '');
    assert.deepStrictEqual(found.pipelines.map((p) => p.path), ['apps/api']);
  });

  it('outside git: undefined, and otherRepoPipelines lists none', async () => {
    const dir = tempDir();
    assert.strictEqual(await findRepoPipelines(dir), undefined);
    assert.deepStrictEqual(await otherRepoPipelines(dir), []);
  });
});

describe('monorepo/pipelinesBeside: what each folder opened below its top shows, in a window of several', () => {
  /** The repository with the top, apps/api, apps/web, apps/docs and libs/x all run once. */
  async function allRan(): Promise<string> {
    const repo = monorepo();
    commitFile(repo, 'libs/x/.gearshift.yml', PIPELINE, 'libs/x');
    for (const dir of ['', 'apps/api', 'apps/web', 'apps/docs', 'libs/x']) { await ran(path.join(repo, dir), dir === '' ? 'red' : 'green'); }
    return repo;
  }
  const paths = (lists: { path: string }[][]): string[][] => lists.map((l) => l.map((p) => p.path).sort());

  it('apps/api and apps/web both open: neither lists the other, the top and the rest are listed once, with the first folder', async () => {
    const repo = await allRan();
    const found = await Promise.all(['apps/api', 'apps/web'].map((dir) => findRepoPipelines(path.join(repo, dir))));
    const beside = pipelinesBeside(found, () => false);
    assert.deepStrictEqual(paths(beside.shown), [['', 'apps/docs', 'libs/x'], []]);
    assert.strictEqual(beside.more, 0);
    assert.deepStrictEqual([...beside.topUnopened], [fs.realpathSync(path.join(repo, '.git'))], 'the top is not open: its first run would add it');
  });

  it('the top open too: it is that folder\'s own, not another; what the editor already shows (below the top, found with git) is left to it', async () => {
    const repo = await allRan();
    const found = await Promise.all(['', 'apps/web'].map((dir) => findRepoPipelines(path.join(repo, dir))));
    const shownBelowTop = new Set([path.join(repo, 'apps', 'api'), path.join(repo, 'apps', 'docs'), path.join(repo, 'libs', 'x')]);
    const beside = pipelinesBeside(found, (key) => shownBelowTop.has(key));
    assert.deepStrictEqual(paths(beside.shown), [[], []], 'the top folder lists nothing from the top; apps/web nothing twice');
    assert.strictEqual(beside.topUnopened.size, 0);
  });

  it('apps alone open: its own subfolders\' pipelines are found with git there, not listed again from the top; bounded, the rest counted', async () => {
    const repo = await allRan();
    const beside = pipelinesBeside([await findRepoPipelines(path.join(repo, 'apps'))], () => false, 1);
    assert.deepStrictEqual(paths(beside.shown), [['']], 'by path, the top first; apps/* are below the folder; libs/x past the bound');
    assert.strictEqual(beside.more, 1);
  });
});
