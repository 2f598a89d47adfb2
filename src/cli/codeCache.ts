/**
 * A V8 code cache for the CLI's webpack chunks on Node versions without
 * `module.enableCompileCache()` (Node 20, 22.0): compiling the ≈ 300 KB a `gearshift run` loads
 * was its largest fixed cost (docs/benchmarks-journal.md, "CLI fixed cost", 14c).
 *
 * Each chunk's name carries its content hash (webpack `[contenthash]`), so a cache file named
 * after it can only belong to that exact text. The cache is produced at the first run's exit
 * (after the functions that ran were compiled, so they are in it) and used from then on. It is
 * never a reason to fail: a missing, corrupt, foreign or rejected cache file is ignored and
 * rewritten; a read-only or missing cache directory means compiling as before. Files are
 * written to a temporary name and renamed, so concurrent CLIs never read half a file.
 * V8 runs what a cache file holds, so a directory another user owns or can write is not used.
 */
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { makeDirectories, replaceFileSync } from '../core/fileio';
import { fnv1a } from '../core/ids';

/** `842.3f9a…c1.chunk.js`: only names with a content hash are cached. */
const HASHED_CHUNK = /\.[0-9a-f]{16,}\.chunk\.js$/;
/** 8 bytes of our own header: magic + length of the V8 data, so a torn or foreign file is refused before V8 sees it. */
const MAGIC = 0x47534343; // "GSCC": written by a command's first run
/**
 * "GSCS": written again by its second run. A first run often takes paths a second does not (it
 * builds the gauge's memo, the config's parse store) and V8 keeps only what ran, so the second
 * run, which usually takes the warm paths every later one takes, writes the cache once more.
 */
const MAGIC_SETTLED = 0x47534353;

interface ModuleInternals {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

/** Where the cache files go, or undefined when there is no safe place (see cacheDirFor). */
export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) { return path.join(xdg, 'gearshift'); }
  if (env.HOME && path.isAbsolute(env.HOME)) { return path.join(env.HOME, '.cache', 'gearshift'); }
  return path.join(env.TMPDIR && path.isAbsolute(env.TMPDIR) ? env.TMPDIR : '/tmp', `gearshift-cache-${process.getuid?.() ?? 'x'}`);
}

/** What the cache did in this process (for tests and the bench). */
export interface CodeCacheStats {
  /** Chunks compiled from a cache file V8 accepted. */
  used: number;
  /** Chunks compiled without one (none, refused or rejected): a file is written for them at exit. */
  compiled: number;
  /** Cache files written at exit. */
  written: number;
  /** False when the directory was not ours or not usable: nothing read or written. */
  safe?: boolean;
}

/**
 * Installs the cache for chunks in `chunkDir` (the folder of dist/cli.js). Returns undefined
 * (and does nothing) off with GEARSHIFT_CODE_CACHE=0 or where there is no uid to check the
 * directory against (Windows). The caller skips it where Node has its own compile cache.
 */
export function installCodeCache(chunkDir: string, opts: { root?: string; env?: NodeJS.ProcessEnv; profile?: string } = {}): CodeCacheStats | undefined {
  const env = opts.env ?? process.env;
  if (env.GEARSHIFT_CODE_CACHE === '0' || typeof process.getuid !== 'function') { return undefined; }
  const dir = path.join(opts.root ?? defaultCacheRoot(env), `${process.version}-${process.arch}`);
  const proto = (nodeModule as unknown as { prototype: ModuleInternals }).prototype;
  const original = proto._compile;
  const tag = opts.profile ? `${folderTag(chunkDir)}.${opts.profile}` : folderTag(chunkDir);
  const pending: Array<{ file: string; script: vm.Script; magic: number }> = [];
  const stats: CodeCacheStats = { used: 0, compiled: 0, written: 0 };
  proto._compile = function compileWithCache(this: ModuleInternals, content: string, filename: string): unknown {
    if (path.dirname(filename) !== chunkDir || !HASHED_CHUNK.test(filename)) { return original.call(this, content, filename); }
    stats.safe ??= ownDirectory(dir);
    if (!stats.safe) { return original.call(this, content, filename); }
    const file = path.join(dir, `${path.basename(filename, '.chunk.js')}.${tag}.v8`);
    const cached = readCache(file);
    const script = new vm.Script(nodeModule.wrap(content), { filename, ...(cached ? { cachedData: cached.data } : {}) });
    if (!cached || script.cachedDataRejected === true) {
      pending.push({ file, script, magic: MAGIC });
      stats.compiled++;
    } else {
      if (!cached.settled) { pending.push({ file, script, magic: MAGIC_SETTLED }); }
      stats.used++;
    }
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    // Our chunks never call `require` (webpack keeps the externals in cli.js): a require is made only if one does.
    let chunkRequire: NodeRequire | undefined;
    const lazyRequire = ((id: string): unknown => (chunkRequire ??= nodeModule.createRequire(filename))(id)) as NodeRequire;
    return fn.call(this.exports, this.exports, lazyRequire, this, filename, path.dirname(filename));
  };
  process.once('exit', (code) => {
    // Refused, cancelled or a usage error (anything but a green or red answer): it stopped early,
    // and what it compiled is not what the command needs; the next full run writes the cache.
    if (code !== 0 && code !== 1) { return; }
    for (const p of pending) { if (writeCache(p.file, p.script, p.magic)) { stats.written++; } }
    if (stats.written > 0) { pruneUnused(dir, chunkDir); } // something new was written: an upgrade or another install, the time old files pile up
  });
  return stats;
}

/**
 * Which cache files a command uses. A cache holds the functions that ran in the process that
 * wrote it, and most of the CLI's code is in one chunk every command loads (webpack.config.js):
 * shared by all commands, its cache would hold only the first command's functions, and
 * `status --json` would compile the gauge anew on every call (+8 %, docs/benchmarks-journal.md, "The .vsix budget"). So each
 * command, and its `--json` form, keeps its own. Anything but a plain command word is 'other':
 * the profile is part of a file name.
 */
export function cacheProfile(args: readonly string[]): string {
  if (args.includes('--help') || args.includes('-h')) { return 'help'; } // prints and leaves: its cache would hold no command's code
  const command = /^[a-z]{1,20}$/.test(args[0] ?? '') ? args[0] : 'other';
  return args.includes('--json') ? `${command}-json` : command;
}

/**
 * Two installs of one build (a global one and a project's) have the same chunk names, but V8
 * keeps the path a chunk was first compiled from in its cache: stack traces would name the
 * other install. So each chunk folder keeps its own files, named with a hash of its path
 * (FNV-1a: no crypto module on the start path).
 */
export function folderTag(dir: string): string {
  return fnv1a(dir).toString(16).padStart(8, '0');
}

/** `dir` made if missing and safe to keep files that decide what runs (see ownDirectory), else undefined. */
export function privateDirectory(dir: string): string | undefined {
  return typeof process.getuid === 'function' && ownDirectory(dir) ? dir : undefined;
}

/**
 * Made if missing (0700); used only when it is ours and nobody else can write to it, nor to any
 * folder above it (unless that folder is sticky, as /tmp is): whoever can rename a folder on the
 * way could swap ours for one holding their own cache files.
 */
function ownDirectory(dir: string): boolean {
  try {
    makeDirectories(dir, 0o700); // core/fileio's: never Node's recursive mkdir, which never returned on a /proc path
    const real = fs.realpathSync(dir);
    const st = fs.lstatSync(real);
    if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0) { return false; }
    for (let d = path.dirname(real); ; d = path.dirname(d)) {
      if (!safeAncestor(fs.lstatSync(d))) { return false; }
      if (path.dirname(d) === d) { return true; }
    }
  } catch {
    return false;
  }
}

/** Owned by us or root, and writable by nobody else unless sticky (others can then rename only their own entries). */
function safeAncestor(st: fs.Stats): boolean {
  const owner = st.uid === 0 || st.uid === process.getuid?.();
  return owner && ((st.mode & 0o022) === 0 || (st.mode & 0o1000) !== 0);
}

/** The V8 data and whether a second run wrote it, or undefined for a missing, torn or foreign file. */
export function readCache(file: string): { data: Buffer; settled: boolean } | undefined {
  let raw: Buffer;
  try { raw = fs.readFileSync(file); } catch { return undefined; }
  if (raw.length < 8 || raw.readUInt32LE(4) !== raw.length - 8) { return undefined; }
  const magic = raw.readUInt32LE(0);
  return magic === MAGIC || magic === MAGIC_SETTLED ? { data: raw.subarray(8), settled: magic === MAGIC_SETTLED } : undefined;
}

/** Unused this long (by access time, which most mounts keep to the day, else by write time), a cache file is removed. */
export const PRUNE_AFTER_MS = 30 * 24 * 3600_000;

/**
 * Cache files of builds and installs no longer run: each is only a shortcut, rewritten if ever
 * needed again. This install's files for chunks it no longer has (an upgrade) go at once: with a
 * file per command they would otherwise pile up for 30 days.
 */
function pruneUnused(dir: string, chunkDir: string): void {
  const cutoff = Date.now() - PRUNE_AFTER_MS;
  const ours = folderTag(chunkDir);
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return; } // a cache never fails the CLI
  for (const name of names.filter((n) => n.endsWith('.v8'))) {
    try {
      const [chunk, hash, tag] = name.split('.'); // `<chunk>.<hash>.<install tag>[.<profile>].v8`
      const gone = tag === ours && !fs.existsSync(path.join(chunkDir, `${chunk}.${hash}.chunk.js`));
      const st = fs.statSync(path.join(dir, name));
      if (gone || Math.max(st.atimeMs, st.mtimeMs) < cutoff) { fs.unlinkSync(path.join(dir, name)); }
    } catch { /* gone meanwhile (another CLI pruned it) */ }
  }
}

/** At exit, so the functions that ran are in it. Any failure (read-only, disk full) leaves no file behind. */
function writeCache(file: string, script: vm.Script, magic: number): boolean {
  try {
    const data = script.createCachedData();
    const header = Buffer.alloc(8);
    header.writeUInt32LE(magic, 0);
    header.writeUInt32LE(data.length, 4);
    replaceFileSync(file, Buffer.concat([header, data]), { mode: 0o600 }); // synchronous: this runs at exit
    return true;
  } catch {
    return false;
  }
}
