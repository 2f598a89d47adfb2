/**
 * The CLI's V8 code cache (src/cli/codeCache.ts) in real child processes: a cache is only ever
 * a shortcut, so every broken, foreign or unusable one must still give the chunk's own output.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CODE_CACHE = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'codeCache.js');
const CHUNK = 'app.0123456789abcdef.chunk.js';
const { cacheProfile, folderTag } = require(CODE_CACHE) as typeof import('../../../src/cli/codeCache'); // eslint-disable-line @typescript-eslint/no-require-imports -- the module the children load
/** The cache file of CHUNK loaded from `dist`. */
const cacheName = (dist: string): string => `app.0123456789abcdef.${folderTag(dist)}.v8`;

interface Outcome { output: string; stats: { used: number; compiled: number; written: number; safe?: boolean } }

/** A dist folder with one hashed chunk whose module prints `text`, and an entry that loads it with the cache on. */
function makeDist(root: string, text: string): string {
  const dist = path.join(root, 'dist');
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, CHUNK), `exports.modules = { greet: () => ${JSON.stringify(text)} + ':' + require('node:path').basename(__filename) };\n`);
  fs.writeFileSync(path.join(dist, 'entry.js'), [
    `const stats = require(${JSON.stringify(CODE_CACHE)}).installCodeCache(__dirname, { root: process.env.CACHE_ROOT, env: process.env, profile: process.env.PROFILE || undefined });`,
    `const output = require('./${CHUNK}').modules.greet();`,
    // Registered after the cache's own exit handler, so `written` is counted by now.
    "process.on('exit', () => process.stdout.write(JSON.stringify({ output, stats })));",
    'if (process.env.EXIT_CODE) { process.exitCode = Number(process.env.EXIT_CODE); }',
  ].join('\n'));
  return dist;
}

function run(dist: string, cacheRoot: string, options: SpawnSyncOptions & { extraEnv?: NodeJS.ProcessEnv } = {}): Outcome {
  const env: NodeJS.ProcessEnv = { ...process.env, CACHE_ROOT: cacheRoot, GEARSHIFT_CODE_CACHE: '', ...options.extraEnv };
  const r = spawnSync(process.execPath, [path.join(dist, 'entry.js')], { ...options, env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, Number(env.EXIT_CODE ?? 0), r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout) as Outcome;
}

function cacheFiles(cacheRoot: string): string[] {
  return fs.existsSync(cacheRoot) ? fs.readdirSync(cacheRoot, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.v8')) : [];
}

describe('cli/codeCache: a V8 code cache for the CLI chunks that can only speed things up', function () {
  this.timeout(60_000); // up to 10 node processes a test: 11 s of the tier's 20 s in a loaded cold CI
  let root: string;
  beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-codecache-')); });
  afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

  it('writes a cache at the first run\'s exit, once more at the second\'s (the warm paths), and uses it from then on', () => {
    const dist = makeDist(root, 'hello');
    const cache = path.join(root, 'cache');
    const first = run(dist, cache);
    assert.deepEqual(first, { output: `hello:${CHUNK}`, stats: { used: 0, compiled: 1, written: 1, safe: true } });
    assert.deepEqual(cacheFiles(cache), [path.join(`${process.version}-${process.arch}`, cacheName(dist))]);
    const second = run(dist, cache);
    assert.deepEqual(second, { output: `hello:${CHUNK}`, stats: { used: 1, compiled: 0, written: 1, safe: true } });
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(run(dist, cache), { output: `hello:${CHUNK}`, stats: { used: 1, compiled: 0, written: 0, safe: true } });
    }
    if (process.getuid?.() !== undefined) {
      const dir = path.join(cache, `${process.version}-${process.arch}`);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      assert.equal(fs.statSync(path.join(dir, cacheName(dist))).mode & 0o777, 0o600);
    }
  });

  it('the second run\'s cache holds what the second run compiled that the first did not (a first run takes cold paths)', () => {
    const dist = makeDist(root, 'hello');
    // The entry runs a large function only on the second run, as `status --json` does its warm path once a memo exists.
    const body = Array.from({ length: 200 }, (_, i) => `t += String(${i}).length * ${i};`).join(' ');
    fs.writeFileSync(path.join(dist, CHUNK), `const warm = () => { let t = 0; ${body} return t; };\nexports.modules = { greet: () => (process.env.WARM ? warm() : 0, 'hello:' + require('node:path').basename(__filename)) };\n`);
    const cache = path.join(root, 'cache');
    const size = (): number => fs.statSync(path.join(cache, cacheFiles(cache)[0])).size;
    run(dist, cache);
    const cold = size();
    assert.equal(run(dist, cache, { extraEnv: { WARM: '1' } }).stats.written, 1);
    assert.ok(size() > cold, `the warm path's code is in the cache: ${cold} → ${size()} bytes`);
  });

  it('ignores and rewrites a corrupt cache file: garbage, torn, or a valid header around garbage', () => {
    const dist = makeDist(root, 'hello');
    const cache = path.join(root, 'cache');
    run(dist, cache);
    const file = path.join(cache, cacheFiles(cache)[0]);
    const good = fs.readFileSync(file);
    const header = Buffer.alloc(8);
    header.writeUInt32LE(0x47534343, 0);
    header.writeUInt32LE(64, 4);
    for (const bad of [Buffer.from('not a cache at all'), good.subarray(0, good.length - 9), Buffer.concat([header, Buffer.alloc(64, 0xab)]), Buffer.alloc(0)]) {
      fs.writeFileSync(file, bad);
      const r = run(dist, cache);
      assert.equal(r.output, `hello:${CHUNK}`);
      assert.deepEqual(r.stats, { used: 0, compiled: 1, written: 1, safe: true });
      assert.deepEqual(run(dist, cache).stats.used, 1, 'rewritten, then used');
    }
  });

  it('each command keeps its own cache of a chunk: the one `run` wrote lacks what `status` compiles', () => {
    const dist = makeDist(root, 'hello');
    const cache = path.join(root, 'cache');
    const withProfile = (profile: string): Outcome['stats'] => run(dist, cache, { extraEnv: { PROFILE: profile } }).stats;
    assert.deepEqual(withProfile('run'), { used: 0, compiled: 1, written: 1, safe: true });
    assert.deepEqual(withProfile('status-json'), { used: 0, compiled: 1, written: 1, safe: true }, 'not the cache run wrote');
    assert.deepEqual(withProfile('run'), { used: 1, compiled: 0, written: 1, safe: true }, 'its second run: written once more');
    assert.deepEqual(withProfile('status-json'), { used: 1, compiled: 0, written: 1, safe: true });
    assert.deepEqual(withProfile('run'), { used: 1, compiled: 0, written: 0, safe: true });
    assert.equal(cacheFiles(cache).length, 2);
  });

  it('a command that was refused or cancelled (exit 2, 130) writes no cache: it stopped early; a red answer (exit 1) does', () => {
    const dist = makeDist(root, 'hello');
    const cache = path.join(root, 'cache');
    for (const code of ['2', '130']) {
      assert.deepEqual(run(dist, cache, { extraEnv: { EXIT_CODE: code } }).stats, { used: 0, compiled: 1, written: 0, safe: true }, code);
    }
    assert.deepEqual(cacheFiles(cache), []);
    assert.deepEqual(run(dist, cache, { extraEnv: { EXIT_CODE: '1' } }).stats.written, 1);
  });

  it('a profile is a plain command word, with -json for --json; anything else is "other" (it is part of a file name)', () => {
    assert.equal(cacheProfile(['run']), 'run');
    assert.equal(cacheProfile(['status', '--json']), 'status-json');
    assert.equal(cacheProfile(['gear', '--since', '--json']), 'gear-json');
    assert.equal(cacheProfile(['status', '--help']), 'help', 'help prints and leaves: not the cache status needs');
    assert.equal(cacheProfile(['run', '-h']), 'help');
    for (const args of [[], ['--version'], ['../../etc'], ['Run'], ['x'.repeat(21)], ['st/at']]) {
      assert.equal(cacheProfile(args), 'other', JSON.stringify(args));
    }
  });

  it('a cache made for other code under the same name is rejected by V8 and rewritten, never run', () => {
    const other = makeDist(path.join(root, 'other'), 'a much longer text from another version of the chunk');
    const dist = makeDist(root, 'hello');
    const cache = path.join(root, 'cache');
    run(other, cache); // same chunk name, other content: its cache file is moved to where ours goes
    const versionDir = path.join(cache, `${process.version}-${process.arch}`);
    fs.renameSync(path.join(versionDir, cacheName(other)), path.join(versionDir, cacheName(dist)));
    const r = run(dist, cache);
    assert.equal(r.output, `hello:${CHUNK}`);
    assert.deepEqual(r.stats, { used: 0, compiled: 1, written: 1, safe: true });
    assert.equal(run(dist, cache).output, `hello:${CHUNK}`);
  });

  it('two installs of one build keep their own files: a stack trace names the install that runs, not the one that compiled first', () => {
    const installs = ['global', 'project'].map((name) => {
      const dist = path.join(root, name, 'dist');
      fs.mkdirSync(dist, { recursive: true });
      fs.writeFileSync(path.join(dist, CHUNK), 'exports.modules = { greet: () => new Error().stack.split("\\n")[1].trim() };\n');
      fs.copyFileSync(path.join(makeDist(path.join(root, 'entry'), ''), 'entry.js'), path.join(dist, 'entry.js'));
      return dist;
    });
    const cache = path.join(root, 'cache');
    [...installs, ...installs].forEach((dist, i) => { // each one's second run is from its own cache
      const r = run(dist, cache);
      assert.match(r.output, new RegExp(`\\(${path.join(dist, CHUNK).replace(/[.]/g, '\\.')}:`));
      assert.equal(r.stats.used, i < 2 ? 0 : 1);
    });
    assert.deepEqual(cacheFiles(cache).map((f) => path.basename(f)).sort(), installs.map(cacheName).sort());
  });

  it('an upgrade removes this install\'s files for chunks it no longer has at once; another install\'s stay', () => {
    const dist = makeDist(path.join(root, 'a'), 'hello');
    const other = makeDist(path.join(root, 'b'), 'hello');
    const cache = path.join(root, 'cache');
    run(dist, cache);
    run(other, cache);
    const NEW = 'app.fedcba9876543210.chunk.js';
    fs.renameSync(path.join(dist, CHUNK), path.join(dist, NEW)); // the upgrade: the chunk has a new content hash
    fs.writeFileSync(path.join(dist, 'entry.js'), fs.readFileSync(path.join(dist, 'entry.js'), 'utf8').replace(CHUNK, NEW));
    assert.equal(run(dist, cache).stats.written, 1);
    assert.deepEqual(cacheFiles(cache).map((f) => path.basename(f)).sort(), [cacheName(other), `app.fedcba9876543210.${folderTag(dist)}.v8`].sort());
  });

  it('files unused for 30 days are removed when a new one is written (old builds and installs do not pile up); used ones stay', () => {
    const cache = path.join(root, 'cache');
    const versionDir = path.join(cache, `${process.version}-${process.arch}`);
    const old = makeDist(path.join(root, 'old'), 'old build');
    run(old, cache);
    const stale = new Date(Date.now() - 31 * 24 * 3600_000);
    fs.utimesSync(path.join(versionDir, cacheName(old)), stale, stale);
    const recent = new Date(Date.now() - 29 * 24 * 3600_000);
    fs.writeFileSync(path.join(versionDir, 'other.0123456789abcdef.00000000.v8'), 'x');
    fs.utimesSync(path.join(versionDir, 'other.0123456789abcdef.00000000.v8'), recent, recent);
    assert.equal(run(makeDist(root, 'hello'), cache).stats.written, 1);
    assert.deepEqual(cacheFiles(versionDir).sort(), [cacheName(path.join(root, 'dist')), 'other.0123456789abcdef.00000000.v8'].sort());
  });

  it('an unusable cache directory (cannot be made, or a file) only means compiling as before', () => {
    const dist = makeDist(root, 'hello');
    const blocker = path.join(root, 'a-file');
    fs.writeFileSync(blocker, '');
    for (const cache of [path.join(blocker, 'cache'), '/proc/self/gearshift-cache']) {
      const r = run(dist, cache);
      assert.equal(r.output, `hello:${CHUNK}`);
      assert.deepEqual(r.stats, { used: 0, compiled: 0, written: 0, safe: false });
    }
  });

  it('a read-only cache directory: nothing written, nothing left behind, output unchanged', function () {
    if (process.getuid?.() === 0) { this.skip(); } // root writes through a 0500 mode; the unusable-directory case covers root
    const dist = makeDist(root, 'hello');
    const cache = path.join(root, 'cache');
    const dir = path.join(cache, `${process.version}-${process.arch}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o500);
    try {
      const r = run(dist, cache);
      assert.equal(r.output, `hello:${CHUNK}`);
      assert.deepEqual(r.stats, { used: 0, compiled: 1, written: 0, safe: true });
      assert.deepEqual(fs.readdirSync(dir), []);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });

  it('a directory others can write to is not used (V8 would run what its files hold)', () => {
    const dist = makeDist(root, 'hello');
    const cache = path.join(root, 'cache');
    const dir = path.join(cache, `${process.version}-${process.arch}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(dir, 0o777);
    const r = run(dist, cache);
    assert.equal(r.output, `hello:${CHUNK}`);
    assert.deepEqual(r.stats, { used: 0, compiled: 0, written: 0, safe: false });
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a cache under a folder others can write to (not sticky) is not used: they could swap ours for theirs', () => {
    const dist = makeDist(root, 'hello');
    const shared = path.join(root, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    const cache = path.join(shared, 'cache');
    const r = run(dist, cache);
    assert.equal(r.output, `hello:${CHUNK}`);
    assert.deepEqual(r.stats, { used: 0, compiled: 0, written: 0, safe: false });
    assert.deepEqual(cacheFiles(cache), []);
    fs.chmodSync(shared, 0o1777); // sticky, as /tmp: others cannot rename what is ours
    assert.deepEqual(run(dist, cache).stats, { used: 0, compiled: 1, written: 1, safe: true });
  });

  it('under sudo, a cache folder made in the user\'s home is theirs: root does not use it, their own runs then do', function () {
    if (process.getuid?.() !== 0) { this.skip(); } // sudo's case needs root
    fs.chmodSync(root, 0o755);
    const dist = makeDist(root, 'hello');
    const home = path.join(root, 'home');
    fs.mkdirSync(home);
    fs.chownSync(home, 4242, 4243);
    const cache = path.join(home, '.cache', 'gearshift');
    const asRoot = run(dist, cache, { extraEnv: { SUDO_UID: '4242', SUDO_GID: '4243' } });
    assert.deepEqual(asRoot, { output: `hello:${CHUNK}`, stats: { used: 0, compiled: 0, written: 0, safe: false } });
    for (const d of [path.join(home, '.cache'), cache, path.join(cache, `${process.version}-${process.arch}`)]) {
      assert.deepEqual([fs.statSync(d).uid, fs.statSync(d).gid], [4242, 4243], d);
    }
    assert.deepEqual(run(dist, cache, { uid: 4242, gid: 4243 }).stats, { used: 0, compiled: 1, written: 1, safe: true });
  });

  it('leaves chunks without a content hash, and files outside the chunk folder, to Node', () => {
    const dist = makeDist(root, 'hello');
    fs.renameSync(path.join(dist, CHUNK), path.join(dist, 'plain.chunk.js'));
    fs.writeFileSync(path.join(dist, 'entry.js'), fs.readFileSync(path.join(dist, 'entry.js'), 'utf8').replace(`./${CHUNK}`, './plain.chunk.js'));
    const r = run(dist, path.join(root, 'cache'));
    assert.equal(r.output, 'hello:plain.chunk.js');
    assert.deepEqual(r.stats, { used: 0, compiled: 0, written: 0 });
  });

  it('GEARSHIFT_CODE_CACHE=0 turns it off', () => {
    const dist = makeDist(root, 'hello');
    const r = spawnSync(process.execPath, [path.join(dist, 'entry.js')], { env: { ...process.env, CACHE_ROOT: path.join(root, 'cache'), GEARSHIFT_CODE_CACHE: '0' }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { output: `hello:${CHUNK}` });
    assert.deepEqual(cacheFiles(path.join(root, 'cache')), []);
  });
});
