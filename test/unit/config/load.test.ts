import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findConfigFile, loadPipeline, type LoadResult } from '../../../src/core/config';

function only(result: LoadResult): { line: number; col: number; message: string } {
  assert.ok(!result.ok, 'expected ok: false');
  assert.strictEqual(result.errors.length, 1);
  const { line, col, message } = result.errors[0];
  return { line, col, message };
}

describe('config: loadPipeline and findConfigFile', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gearshift-config-'));
    file = path.join(dir, '.gearshift.yml');
  });
  afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  it('says how to create the file when it is missing', async () => {
    const e = only(await loadPipeline(file));
    assert.deepStrictEqual([e.line, e.col], [1, 1]);
    assert.ok(e.message.startsWith(`No .gearshift.yml at ${file}: run "Gearshift: Create Pipeline Config" or \`gearshift init\``), e.message);
    assert.strictEqual(findConfigFile(dir), undefined);
  });

  it('points out a .yaml spelling', async () => {
    await fs.writeFile(path.join(dir, '.gearshift.yaml'), 'version: 1\n');
    assert.match(only(await loadPipeline(file)).message, /found \.gearshift\.yaml: rename it to \.gearshift\.yml/);
  });

  it('refuses an empty or whitespace-only file', async () => {
    for (const text of ['', ' \n\t\n']) {
      await fs.writeFile(file, text);
      const e = only(await loadPipeline(file));
      assert.deepStrictEqual(e, { line: 1, col: 1, message: 'file is empty; it needs at least `version: 1` and `stages:`' });
    }
  });

  it('a path directly under / outside git is not called "a link to a file outside the repository (/)"', async () => {
    // Outside git the config's folder is the boundary; when that folder is `/`, `/usr` is inside it.
    const e = only(await loadPipeline('/usr'));
    assert.strictEqual(e.message, '/usr is a folder, not a file; .gearshift.yml must be a file');
  });

  it('reports a folder where the file should be', async () => {
    await fs.mkdir(file);
    assert.match(only(await loadPipeline(file)).message, /is a folder, not a file/);
    assert.strictEqual(findConfigFile(dir), undefined);
  });

  it('reports a file that cannot be read', async () => {
    // A path through a regular file fails for every user, root included (unlike chmod 000).
    await fs.writeFile(path.join(dir, 'plain'), '');
    const e = only(await loadPipeline(path.join(dir, 'plain', '.gearshift.yml')));
    assert.match(e.message, /^cannot read .*ENOTDIR.*; check that the file exists and that you may read it$/);
  });

  it('loads a good file, dropping a byte-order mark so offsets match the editor', async () => {
    await fs.writeFile(file, '\uFEFFversion: 1\nstages:\n  - name: build\n    run: make\n    cwd: web\n');
    assert.strictEqual(findConfigFile(dir), file);
    const result = await loadPipeline(file);
    assert.ok(result.ok);
    assert.strictEqual(result.pipeline.file, file);
    assert.strictEqual(result.pipeline.root, dir);
    assert.strictEqual(result.pipeline.stages[0].cwd, path.join(dir, 'web'));
  });

  it('returns positioned errors for a bad file', async () => {
    await fs.writeFile(file, '\uFEFFversion: 1\nstages:\n  - name: build\n    run: make\n    timeout: 5\n');
    const e = only(await loadPipeline(file));
    assert.deepStrictEqual([e.line, e.col], [5, 14]);
  });
});
