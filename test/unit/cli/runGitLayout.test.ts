import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileIo } from '../../../src/core/fileio';
import { RunLock } from '../../../src/core/lock';
import { git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { runMain, startMain } from './runMain';

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

  /** Counts reads of `<repo>/.git/config` (every layout lookup reads it once) from now on. */
  function countConfigReads(repo: string): { reads: number } {
    const gitConfig = path.join(repo, '.git', 'config');
    const count = { reads: 0 };
    fileIo.readFile = ((p: string, encoding?: BufferEncoding) => {
      if (p === gitConfig) { count.reads++; }
      return realReadFile(p, encoding as BufferEncoding);
    }) as typeof fileIo.readFile;
    return count;
  }

  /** Reads of `<repo>/.git/config` while `args` run. */
  async function configReads(repo: string, args: string[]): Promise<number> {
    const count = countConfigReads(repo);
    const r = await runMain(args, { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    return count.reads;
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

  it('forgets the layout when it waits for another run: what it asks after the wait is read afresh', async () => {
    const repo = ws.repo(pipeline([{ name: 'only', run: 'true' }]));
    await runMain(['run'], { cwd: repo }); // .git/gearshift made
    const held = await new RunLock(path.join(repo, '.git', 'gearshift')).acquire('a run of another process', 'other-run');
    assert.ok(held.ok);
    const count = countConfigReads(repo);
    const started = startMain(['run', '--wait'], { cwd: repo });
    const deadline = Date.now() + 10_000;
    while (!(started.io.err + started.io.out).includes('waiting')) {
      assert.ok(Date.now() < deadline, `never waited: ${started.io.err}${started.io.out}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const beforeTheWait = count.reads;
    await held.release();
    const r = await started.done;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(beforeTheWait, 1);
    assert.ok(count.reads > beforeTheWait, 'after the wait the layout was looked up again, not taken from before it');
  });
});
