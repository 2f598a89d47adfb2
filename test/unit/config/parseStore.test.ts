/**
 * Checked configs kept across processes (src/core/config/parseStore.ts): an entry is only ever
 * a shortcut to the same answer. A changed text, another file, another build, or a torn,
 * damaged or foreign entry must give a fresh parse (and then a good entry again).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileParseStore, ParseMemo, loadPipeline, parsePipelineText, type Pipeline } from '../../../src/core/config';

const TEXT = 'version: 1\nstages:\n  - name: build\n    run: make\n';

/** A store that records what it was asked, around the real one. */
class Counting extends FileParseStore {
  hits = 0;
  misses = 0;
  puts = 0;
  override get(file: string, text: string): Pipeline | undefined {
    const p = super.get(file, text);
    if (p) { this.hits++; } else { this.misses++; }
    return p;
  }
  override put(file: string, text: string, pipeline: Pipeline): void { this.puts++; super.put(file, text, pipeline); }
}

describe('config/parseStore: checked configs across processes, never a different answer', () => {
  let root: string;
  let cacheDir: string;
  let config: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-parsestore-'));
    cacheDir = path.join(root, 'cache');
    fs.mkdirSync(cacheDir);
    config = path.join(root, '.gearshift.yml');
    fs.writeFileSync(config, TEXT);
  });
  afterEach(() => { ParseMemo.store = undefined; fs.rmSync(root, { recursive: true, force: true }); });

  /** A fresh process's view: a new memo (nothing in memory), the store on disk. */
  async function load(store: FileParseStore): Promise<ReturnType<typeof loadPipeline>> {
    ParseMemo.store = store;
    return loadPipeline(config, new ParseMemo());
  }

  function entries(): string[] { return fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json')); }

  it('writes an entry on the first load and answers the next process from it, equal to a parse', async () => {
    const store = new Counting(cacheDir, 'build-1');
    const first = await load(store);
    assert.equal(first.ok, true);
    assert.deepEqual([store.hits, store.puts], [0, 1]);
    assert.equal(entries().length, 1);
    if (process.getuid?.() !== undefined) { assert.equal(fs.statSync(path.join(cacheDir, entries()[0])).mode & 0o777, 0o600); }
    const second = await load(store);
    assert.equal(store.hits, 1);
    assert.deepEqual(second, parsePipelineText(TEXT, config));
    assert.deepEqual(second, first);
  });

  it('parses again when the text changed by one byte, even with the same size and mtime', async () => {
    const store = new Counting(cacheDir, 'build-1');
    await load(store);
    const { mtime } = fs.statSync(config);
    fs.writeFileSync(config, TEXT.replace('make', 'mako'));
    fs.utimesSync(config, mtime, mtime);
    const after = await load(store);
    assert.equal(store.hits, 0);
    assert.ok(after.ok);
    assert.equal(after.pipeline.stages[0].run, 'mako');
  });

  it('never uses an entry of another build, or of another file with the same text', async () => {
    await load(new FileParseStore(cacheDir, 'build-1'));
    const other = new Counting(cacheDir, 'build-2');
    const r = await load(other);
    assert.deepEqual([other.hits, other.puts], [0, 1]);
    assert.ok(r.ok);
    const elsewhere = path.join(root, 'sub', '.gearshift.yml');
    fs.mkdirSync(path.dirname(elsewhere));
    fs.writeFileSync(elsewhere, TEXT);
    ParseMemo.store = other;
    const moved = await loadPipeline(elsewhere, new ParseMemo());
    assert.ok(moved.ok);
    assert.equal(moved.pipeline.root, path.dirname(elsewhere)); // not the first file's folder
  });

  it('ignores a torn, damaged, empty or foreign entry, parses, and writes a good one again', async () => {
    await load(new FileParseStore(cacheDir, 'build-1'));
    const file = path.join(cacheDir, entries()[0]);
    const good = fs.readFileSync(file, 'utf8');
    const damaged = [
      good.slice(0, good.length - 7), // torn
      good.replace('"run":"make"', '"run":"rm -rf x"'), // a changed command, still valid JSON: the checksum refuses it
      '',
      'garbage\n{}',
      good.replace('"v":1', '"v":2'),
      `${good.split('\n')[0]}\n${JSON.stringify({ text: TEXT, pipeline: null })}`,
    ];
    for (const text of damaged) {
      fs.writeFileSync(file, text);
      const store = new Counting(cacheDir, 'build-1');
      const r = await load(store);
      assert.ok(r.ok, text.slice(0, 40));
      assert.equal(r.pipeline.stages[0].run, 'make');
      assert.deepEqual([store.hits, store.puts], [0, 1], text.slice(0, 40));
      assert.equal(fs.readFileSync(file, 'utf8'), good);
    }
  });

  it('keeps no entry for a config with errors, and an unwritable directory only means parsing each time', async () => {
    fs.writeFileSync(config, 'version: 1\nstages: 3\n');
    const r = await load(new FileParseStore(cacheDir, 'build-1'));
    assert.equal(r.ok, false);
    assert.deepEqual(entries(), []);
    fs.writeFileSync(config, TEXT);
    const missing = new Counting(path.join(root, 'no', 'such', 'dir'), 'build-1');
    assert.ok((await load(missing)).ok);
    assert.ok((await load(missing)).ok);
    assert.deepEqual([missing.hits, missing.puts], [0, 2]);
    assert.deepEqual(fs.readdirSync(root).filter((f) => f.endsWith('.tmp')), []);
  });

  it('hands each caller its own copy: changing one run\'s pipeline does not change the next', async () => {
    const store = new FileParseStore(cacheDir, 'build-1');
    await load(store);
    ParseMemo.store = store;
    const memo = new ParseMemo();
    const a = await loadPipeline(config, memo);
    assert.ok(a.ok);
    (a.pipeline.stages[0] as { run: string }).run = 'changed';
    const b = await loadPipeline(config, memo);
    assert.ok(b.ok);
    assert.equal(b.pipeline.stages[0].run, 'make');
  });
  it('keeps at most 32 entry files however many configs it has seen, and each path still gets its own answer', async () => {
    const store = new FileParseStore(cacheDir, 'build-1');
    ParseMemo.store = store;
    for (let i = 0; i < 80; i++) {
      const dir = path.join(root, `repo-${i}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, '.gearshift.yml'), TEXT.replace('make', `make ${i}`));
      const r = await loadPipeline(path.join(dir, '.gearshift.yml'), new ParseMemo());
      assert.ok(r.ok);
      assert.equal(r.pipeline.stages[0].run, `make ${i}`);
    }
    assert.ok(entries().length <= 32, `${entries().length} files`);
    for (const i of [0, 41, 79]) {
      const r = await loadPipeline(path.join(root, `repo-${i}`, '.gearshift.yml'), new ParseMemo());
      assert.ok(r.ok);
      assert.equal(r.pipeline.stages[0].run, `make ${i}`);
      assert.equal(r.pipeline.root, path.join(root, `repo-${i}`));
    }
  });

  it('removes a temporary file a killed writer left over a minute ago, and leaves a fresh one (a writer may be mid-write)', async () => {
    const stale = path.join(cacheDir, '.config-7.json.4242.deadbeef.tmp');
    const staleOlderBuild = path.join(cacheDir, 'config-8.json.4242.tmp'); // the name builds before fileio's replaceFile used
    const fresh = path.join(cacheDir, '.config-9.json.4343.cafebabe.tmp');
    for (const f of [stale, staleOlderBuild, fresh]) { fs.writeFileSync(f, 'half'); }
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(stale, old, old);
    fs.utimesSync(staleOlderBuild, old, old);
    assert.ok((await load(new FileParseStore(cacheDir, 'build-1'))).ok);
    assert.equal(entries().length, 1, 'the entry was written');
    assert.ok(!fs.existsSync(stale), 'the stale temporary file is still there');
    assert.ok(!fs.existsSync(staleOlderBuild), 'an older build\'s stale temporary file is still there');
    assert.ok(fs.existsSync(fresh), 'a fresh temporary file was removed');
  });
});
