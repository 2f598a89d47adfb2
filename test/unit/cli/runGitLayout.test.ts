import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileIo } from '../../../src/core/fileio';
import { git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * `gearshift run` needs the folder's `.git` layout three times before its first stage (config
 * lookup, git's facts, the history path): the files are read once. A stage can change the tree,
 * so a lookup after the run started reads them afresh.
 */
describe('gearshift run: the .git layout is looked up once before the run starts', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  const realReadFile = fileIo.readFile;
  afterEach(() => { fileIo.readFile = realReadFile; ws.cleanup(); });

  /** Reads of `<repo>/.git/config` (every layout lookup reads it once) while `args` run. */
  async function configReads(repo: string, args: string[]): Promise<number> {
    const gitConfig = path.join(repo, '.git', 'config');
    let reads = 0;
    fileIo.readFile = ((p: string, encoding?: BufferEncoding) => {
      if (p === gitConfig) { reads++; }
      return realReadFile(p, encoding as BufferEncoding);
    }) as typeof fileIo.readFile;
    const r = await runMain(args, { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    return reads;
  }

  it('reads .git/config once for a one-stage run, and the run is recorded as before', async () => {
    const repo = ws.repo(pipeline([{ name: 'only', run: 'true' }]));
    assert.equal(await configReads(repo, ['run']), 1);
    const start = JSON.parse(historyLines(repo)[0]) as { run: { sha: string; branch: string } };
    assert.equal(start.run.sha, git(repo, 'rev-parse', 'HEAD'));
    assert.equal(start.run.branch, 'main');
  });

  it('forgets the layout once the run has started: the next command looks again', async () => {
    const repo = ws.repo(pipeline([{ name: 'only', run: 'true' }]));
    assert.equal(await configReads(repo, ['run']), 1);
    assert.equal(await configReads(repo, ['run']), 1, 'a second run reads the files again');
  });
});
