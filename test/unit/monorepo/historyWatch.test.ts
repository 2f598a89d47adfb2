import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HistoryStore } from '../../../src/core/history';
import { findSubfolderPipelines, HistoryFileWatch } from '../../../src/core/monorepo';
import { initRepo } from '../../support/git';
import { makeRun } from '../history/historyFixture';

/** Resolves on the watch's next call; rejects after `ms` (a bound, not a delay). */
function nextCall(calls: { wait?: () => void }, what: string, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no call within ${ms} ms: ${what}`)), ms);
    calls.wait = () => { clearTimeout(timer); calls.wait = undefined; resolve(); };
  });
}

describe('monorepo/historyWatch', () => {
  it('follows a subfolder pipeline\'s history from before its state folder exists, without making it', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'apps', 'api'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'apps', 'api', '.gearshift.yml'), 'version: 1\n');
    const [api] = (await findSubfolderPipelines(repo)).pipelines;
    const calls: { wait?: () => void } = {};
    const watch = new HistoryFileWatch(api.stateDir, api.gitDir, () => calls.wait?.());
    try {
      assert.ok(!fs.existsSync(path.join(repo, '.git', 'gearshift')), 'the watch makes no folder');
      const store = new HistoryStore(path.join(api.stateDir, 'history.jsonl'));
      let called = nextCall(calls, 'the first run, which makes .git/gearshift/pipelines/apps%2Fapi');
      await store.recordStart(makeRun('r1'));
      await called;
      called = nextCall(calls, 'the run\'s end line');
      await store.recordEnd(makeRun('r1', { state: 'green', endedAt: new Date().toISOString() }));
      await called;
      called = nextCall(calls, 'a second run');
      await store.recordStart(makeRun('r2'));
      await called;
    } finally {
      watch.dispose();
    }
  });

  it('with no file named: any new entry of the folder, as a first run in a subfolder not found yet makes its state folder under pipelines/', async () => {
    const repo = initRepo();
    const gitDir = path.join(repo, '.git');
    const calls: { wait?: () => void } = {};
    const watch = new HistoryFileWatch(path.join(gitDir, 'gearshift', 'pipelines'), gitDir, () => calls.wait?.(), null);
    try {
      let called = nextCall(calls, 'pipelines/ made with the first subfolder state folder');
      fs.mkdirSync(path.join(gitDir, 'gearshift', 'pipelines', 'apps%2Fapi'), { recursive: true });
      await called;
      called = nextCall(calls, 'a second pipeline\'s state folder');
      fs.mkdirSync(path.join(gitDir, 'gearshift', 'pipelines', 'apps%2Fweb'));
      await called;
    } finally {
      watch.dispose();
    }
  });

  it('calls nothing after dispose', async () => {
    const repo = initRepo();
    const dir = path.join(repo, '.git', 'gearshift', 'pipelines', 'a');
    fs.mkdirSync(dir, { recursive: true });
    let calls = 0;
    const watch = new HistoryFileWatch(dir, path.join(repo, '.git'), () => { calls++; });
    fs.writeFileSync(path.join(dir, 'history.jsonl'), '\n');
    watch.dispose();
    // A watch that outlived dispose would call within SETTLE_MS; a later watch of the same folder sees the write settle.
    const after: { wait?: () => void } = {};
    const second = new HistoryFileWatch(dir, path.join(repo, '.git'), () => after.wait?.());
    try {
      const called = nextCall(after, 'the second watch');
      fs.appendFileSync(path.join(dir, 'history.jsonl'), '\n');
      await called;
    } finally {
      second.dispose();
    }
    assert.strictEqual(calls, 0);
  });

  it('a run appending a line every 50 ms is followed while it writes, not only once it goes quiet (race33; review35)', async () => {
    const repo = initRepo();
    const stateDir = path.join(repo, '.git', 'gearshift');
    fs.mkdirSync(stateDir, { recursive: true });
    let calls = 0;
    const watch = new HistoryFileWatch(stateDir, path.join(repo, '.git'), () => { calls++; });
    try {
      let appended = 0;
      for (; appended < 100 && calls === 0; appended++) {
        fs.appendFileSync(path.join(stateDir, 'history.jsonl'), '{}\n');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(calls > 0 && appended < 100, `not called while the lines kept coming (${appended} lines)`);
    } finally {
      watch.dispose();
    }
  });
});
