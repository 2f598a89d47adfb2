import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pipelineStateDir } from '../../../src/core/history';
import { findSubfolderPipelines } from '../../../src/core/monorepo';
import { commitFile, git, initRepo, tempDir } from '../../support/git';

const PIPELINE = 'version: 1\nstages:\n  - name: T\n    run: "true"\n';

function write(repo: string, file: string, text = PIPELINE): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
}

describe('monorepo/discover', () => {
  it('finds the pipelines in subfolders, tracked or untracked, each with the state folder `gearshift run` there uses', async () => {
    const repo = initRepo();
    commitFile(repo, '.gearshift.yml', PIPELINE, 'top');
    commitFile(repo, 'apps/api/.gearshift.yml', PIPELINE, 'api');
    write(repo, 'apps/web/.gearshift.yml'); // not committed yet: still a pipeline
    const found = await findSubfolderPipelines(repo);
    assert.deepStrictEqual(found.pipelines.map((p) => p.path), ['apps/api', 'apps/web'], 'the top pipeline is the folder\'s own, not another');
    assert.strictEqual(found.more, 0);
    for (const p of found.pipelines) {
      assert.strictEqual(p.folder, path.join(repo, ...p.path.split('/')));
      assert.strictEqual(p.stateDir, await pipelineStateDir(p.folder), `${p.path}: the state folder the CLI writes`);
      assert.strictEqual(p.gitDir, fs.realpathSync(path.join(repo, '.git')));
    }
  });

  it('leaves out .gitignored folders, files deleted from the work tree, and anything outside the folder searched', async () => {
    const repo = initRepo();
    commitFile(repo, '.gitignore', 'node_modules/\nbuild/\n', 'ignore');
    write(repo, 'node_modules/dep/.gearshift.yml');
    write(repo, 'build/.gearshift.yml');
    commitFile(repo, 'old/.gearshift.yml', PIPELINE, 'old');
    fs.rmSync(path.join(repo, 'old', '.gearshift.yml'));
    write(repo, 'apps/api/.gearshift.yml');
    write(repo, 'apps/api/sub/.gearshift.yml');
    write(repo, 'libs/x/.gearshift.yml');
    assert.deepStrictEqual((await findSubfolderPipelines(repo)).pipelines.map((p) => p.path), ['apps/api', 'apps/api/sub', 'libs/x']);
    const fromApps = await findSubfolderPipelines(path.join(repo, 'apps'));
    assert.deepStrictEqual(fromApps.pipelines.map((p) => p.path), ['api', 'api/sub'], 'relative to the folder searched, only below it');
    assert.strictEqual(fromApps.pipelines[0].stateDir, await pipelineStateDir(path.join(repo, 'apps', 'api')), 'named by its path from the repository\'s top');
  });

  it('does not cross into a nested repository or a submodule: their pipelines are theirs', async () => {
    const repo = initRepo();
    commitFile(repo, 'README.md', 'x\n', 'init');
    const nested = initRepo(path.join(repo, 'nested'));
    commitFile(nested, '.gearshift.yml', PIPELINE, 'nested top');
    commitFile(nested, 'deep/.gearshift.yml', PIPELINE, 'nested deep');
    const lib = initRepo(tempDir());
    commitFile(lib, 'pkg/.gearshift.yml', PIPELINE, 'lib');
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'vendor/lib');
    git(repo, 'commit', '-q', '-m', 'submodule');
    assert.ok(fs.existsSync(path.join(repo, 'vendor', 'lib', 'pkg', '.gearshift.yml')), 'the submodule is checked out');
    write(repo, 'own/.gearshift.yml');
    assert.deepStrictEqual((await findSubfolderPipelines(repo)).pipelines.map((p) => p.path), ['own']);
  });

  it('is bounded: the first `max` by path, and how many more there are', async () => {
    const repo = initRepo();
    for (let i = 0; i < 7; i++) { write(repo, `fixtures/p${i}/.gearshift.yml`); }
    const found = await findSubfolderPipelines(repo, 3);
    assert.deepStrictEqual(found.pipelines.map((p) => p.path), ['fixtures/p0', 'fixtures/p1', 'fixtures/p2']);
    assert.strictEqual(found.more, 4);
  });

  it('finds none outside git, and writes nothing while looking', async () => {
    const plain = tempDir();
    write(plain, 'a/.gearshift.yml');
    assert.deepStrictEqual(await findSubfolderPipelines(plain), { pipelines: [], more: 0 });
    const repo = initRepo();
    write(repo, 'a/.gearshift.yml');
    await findSubfolderPipelines(repo);
    assert.ok(!fs.existsSync(path.join(repo, '.git', 'gearshift')), 'no state folder made: a first run may still adopt legacy state');
  });
});
