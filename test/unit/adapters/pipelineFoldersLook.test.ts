import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineFoldersLook, type PipelineCandidate } from '../../../src/vscode/automation/pipelineFoldersLook';
import { tempDir } from '../../support/git';

/**
 * A folder's automation (following CLI runs, alerts, commit tracking) starts and stops with its
 * `.gearshift.yml`, as the file watcher reported it. A create the watcher lost after a delete left
 * the folder with none until another `.gearshift.yml` appeared (flaky36: the integration cascade,
 * 5 minutes of a window that followed nothing). Real folders and files; no watcher events at all.
 */
describe('PipelineFoldersLook: the folders with a pipeline, looked at besides the watcher (flaky36)', function () {
  this.timeout(20_000);
  let look: PipelineFoldersLook | undefined;
  afterEach(() => { look?.dispose(); look = undefined; });

  /** Two workspace folders, both with a pipeline; the look's candidates, and the keys of those that have one now. */
  function workspace(): { config: (name: string) => string; candidates: () => PipelineCandidate[]; wanted: () => string[] } {
    const root = tempDir('gs-folders-look-');
    for (const name of ['a', 'b']) { fs.mkdirSync(path.join(root, name)); fs.writeFileSync(path.join(root, name, '.gearshift.yml'), 'version: 1\n'); }
    const config = (name: string): string => path.join(root, name, '.gearshift.yml');
    return { config, candidates: () => ['a', 'b'].map((key) => ({ key, file: config(key) })), wanted: () => ['a', 'b'].filter((name) => fs.existsSync(config(name))) };
  }

  it('a pipeline file deleted, then written again, with no watcher event: each asks for a sync; a set unchanged asks for none', async () => {
    const { config, candidates, wanted } = workspace();
    const synced: string[][] = [];
    // The sync reads the folders itself, as Automation.syncNow does.
    look = new PipelineFoldersLook(candidates, () => { const keys = wanted(); look?.syncing(keys); synced.push(keys); }, 60_000);
    look.syncing(wanted()); // the first sync, at activation
    await look.look();
    assert.deepEqual(synced, [], 'nothing changed');
    const text = fs.readFileSync(config('a'), 'utf8');
    fs.rmSync(config('a'));
    await look.look();
    assert.deepEqual(synced, [['b']]);
    fs.writeFileSync(config('a'), text); // the create the watcher lost
    await look.look();
    await look.look();
    assert.deepEqual(synced, [['b'], ['a', 'b']], 'the folder back with its pipeline is synced, once');
  });

  it('tells which pipeline files appeared and which went away, once, even before the sync it asks for has run (rereview37b F4)', async () => {
    const { config, candidates, wanted } = workspace();
    const told: { found: string[]; gone: string[] }[] = [];
    look = new PipelineFoldersLook(candidates, ({ found, gone }) => { told.push({ found: found.map((c) => c.file), gone: gone.map((c) => c.file) }); }, 60_000);
    look.syncing(wanted());
    const text = fs.readFileSync(config('a'), 'utf8');
    fs.rmSync(config('a'));
    await look.look();
    await look.look(); // the sync it asked for has not run (a slow git start): not told again
    fs.writeFileSync(config('a'), text);
    fs.rmSync(config('b'));
    await look.look();
    assert.deepEqual(told, [{ found: [], gone: [config('a')] }, { found: [config('a')], gone: [config('b')] }]);
  });

  it('a folder whose start fails is not synced again on every look (its set did not change)', async () => {
    const { candidates, wanted } = workspace();
    let syncs = 0;
    look = new PipelineFoldersLook(candidates, () => { syncs++; }, 60_000);
    look.syncing(wanted()); // that sync's start of `b` failed: Automation dropped it, the set it acted on stands
    await look.look();
    await look.look();
    assert.equal(syncs, 0);
  });

  it('looks by itself now and then', async () => {
    const { config, candidates, wanted } = workspace();
    let syncs = 0;
    look = new PipelineFoldersLook(candidates, () => { syncs++; }, 50);
    look.syncing(wanted());
    fs.rmSync(config('b'));
    const deadline = Date.now() + 10_000;
    while (syncs === 0) {
      if (Date.now() > deadline) { throw new Error('no sync after the pipeline file went away'); }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('a window with no pipeline looks seldom, and finds a first .gearshift.yml no watcher reported; once one was seen, often (review37a F4, rereview37 F11)', async () => {
    const root = tempDir('gs-folders-look-none-');
    const file = path.join(root, '.gearshift.yml');
    const synced: string[][] = [];
    look = new PipelineFoldersLook(() => [{ key: 'a', file }], () => { const keys = fs.existsSync(file) ? ['a'] : []; look?.syncing(keys); synced.push(keys); }, 60_000, 50);
    assert.equal(look.looksEvery, undefined, 'no timer before the first sync');
    look.syncing([]); // the first sync, at activation: no folder has a pipeline
    assert.equal(look.looksEvery, 50, 'the slow look (10 s outside tests)');
    fs.writeFileSync(file, 'version: 1\n'); // `gearshift init` in a terminal: the watcher's create lost
    const deadline = Date.now() + 10_000;
    while (synced.length === 0) {
      if (Date.now() > deadline) { throw new Error('no sync after the pipeline file appeared'); }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(synced[0], ['a']);
    assert.equal(look.looksEvery, 60_000, 'a folder has a pipeline: the frequent look');
    look.syncing([]); // deleted: the looks go on as often, the create they catch comes after a delete
    assert.equal(look.looksEvery, 60_000);
    look.dispose();
    assert.equal(look.looksEvery, undefined);
  });

  it('a look while one is going is nothing, and a look that ends after dispose asks for no sync (rereview36 R2)', async () => {
    const { config, candidates } = workspace();
    let syncs = 0;
    look = new PipelineFoldersLook(candidates, () => { syncs++; }, 60_000);
    fs.rmSync(config('b')); // differs from the set synced (none yet): each look that ends asks
    await Promise.all([look.look(), look.look()]);
    assert.equal(syncs, 1, 'two looks at once: one stat round, one sync');
    const going = look.look();
    look.dispose();
    await going;
    assert.equal(syncs, 1, 'disposed while its stats ran: no sync');
  });
});
