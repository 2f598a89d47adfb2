import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateFilesWatch } from '../../../src/vscode/automation/stateFilesWatch';
import { DEPLOY_STATE_FILE } from '../../../src/core/deploy';
import { tempDir } from '../../support/git';

/**
 * The editor cached the live slot and read deploy.json again only on its own deploy events: a
 * switch by the CLI (or one it left interrupted) kept showing the old live slot. The watch that
 * followed history now follows deploy.json too, replaced by a rename as the deploy store writes it.
 */
describe('StateFilesWatch: one watch on the state folder, a handler per file', function () {
  this.timeout(20_000);
  let watch: StateFilesWatch | undefined;
  afterEach(() => { watch?.dispose(); watch = undefined; });

  /** Resolves when `count()` passes `n`, rejects after `ms`. */
  async function called(count: () => number, n: number, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (count() <= n) {
      if (Date.now() > deadline) { throw new Error(`${what} was never called`); }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('calls the deploy.json handler when deploy.json is replaced (temp file + rename), and the history one on an append', async () => {
    const dir = path.join(tempDir('gs-state-watch-'), 'gearshift');
    const calls = { history: 0, deploy: 0 };
    watch = new StateFilesWatch(dir, { 'history.jsonl': () => { calls.history++; }, [DEPLOY_STATE_FILE]: () => { calls.deploy++; } });
    fs.writeFileSync(path.join(dir, 'deploy.lock'), '{}'); // a file nobody asked about
    const temp = path.join(dir, '.deploy.json.1.tmp');
    fs.writeFileSync(temp, JSON.stringify({ version: 1, live: 'blue', slots: {}, records: [], switching: { to: 'green' } }));
    fs.renameSync(temp, path.join(dir, DEPLOY_STATE_FILE));
    await called(() => calls.deploy, 0, 'the deploy.json handler');
    assert.equal(calls.history, 0, 'history did not change');
    fs.appendFileSync(path.join(dir, 'history.jsonl'), '{}\n');
    await called(() => calls.history, 0, 'the history handler');
  });

  it('a run appending a line every 50 ms is followed during the run, not only once it goes quiet (race33: the item lagged a CLI run by seconds)', async () => {
    const dir = path.join(tempDir('gs-state-burst-'), 'gearshift');
    let calls = 0;
    watch = new StateFilesWatch(dir, { 'history.jsonl': () => { calls++; } });
    let appended = 0;
    for (; appended < 100 && calls === 0; appended++) {
      fs.appendFileSync(path.join(dir, 'history.jsonl'), '{}\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(calls > 0, 'not called while the lines kept coming');
    assert.ok(appended < 100, `called only after ${appended} lines`);
  });
  it('a change the watch never reports (inotify dropped it: its queue overflowed) is still followed, by a look now and then', async () => {
    const dir = path.join(tempDir('gs-state-lost-'), 'gearshift');
    let calls = 0;
    watch = new StateFilesWatch(dir, { 'history.jsonl': () => { calls++; } });
    (watch as unknown as { watcher?: fs.FSWatcher }).watcher?.close(); // the events stop, as when the kernel drops them
    fs.appendFileSync(path.join(dir, 'history.jsonl'), '{}\n');
    await called(() => calls, 0, 'the history handler without any watch event');
  });

  it('looks without a sync stat (the extension host\'s thread never waits on a disk): a change the watch never reports is still followed', async () => {
    const dir = path.join(tempDir('gs-state-async-'), 'gearshift');
    const file = path.join(dir, 'history.jsonl');
    let calls = 0;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeFs = require('node:fs') as { statSync: unknown }; // the module itself: what the watch's `fs` reads through
    const statSync = nodeFs.statSync;
    nodeFs.statSync = () => { throw new Error('statSync on the extension host\'s thread'); };
    try {
      watch = new StateFilesWatch(dir, { 'history.jsonl': () => { calls++; } });
      (watch as unknown as { watcher?: fs.FSWatcher }).watcher?.close();
      fs.appendFileSync(file, '{}\n');
      await called(() => calls, 0, 'the history handler without any watch event');
    } finally {
      nodeFs.statSync = statSync;
    }
  });

  it('a watch that fails (node emits error: that watcher is unusable) leaves the look now and then running (flaky36)', async () => {
    const dir = path.join(tempDir('gs-state-error-'), 'gearshift');
    let calls = 0;
    watch = new StateFilesWatch(dir, { 'history.jsonl': () => { calls++; } });
    // Stood in for: inotify cannot be made to fail on demand; node reports such a failure this way.
    (watch as unknown as { watcher?: fs.FSWatcher }).watcher?.emit('error', new Error('watch failed'));
    fs.appendFileSync(path.join(dir, 'history.jsonl'), '{}\n');
    await called(() => calls, 0, 'the history handler after the watch failed');
  });
});
