/**
 * What a plain `gearshift run` loads (docs/benchmarks-journal.md, "`gearshift run`: what a one-stage run
 * pays"), in the real bundle: no node:crypto (run ids and the lock token come from the kernel's
 * random device, src/core/ids), no node:zlib (HEAD's commit is inflated by src/core/git/tracker/inflate.ts,
 * and its subject still reaches the history start line), and on a second run with an unchanged config neither the YAML
 * library nor the config checks (the checked config is kept, src/core/config/parseStore.ts).
 * These are guards against a change that quietly puts the cost back.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { CLI, cliEnv, ensureCliBuilt, loadProbe, type LoadedModules as Loaded } from './cliProcess';

describe('gearshift run: what a one-stage run loads (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  let tmp: string;
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-startcost-')); });
  afterEach(() => { ws.cleanup(); fs.rmSync(tmp, { recursive: true, force: true }); });

  function run(repo: string, extraEnv: Record<string, string> = {}): Loaded {
    const probe = loadProbe(tmp);
    // A CA bundle to load brings crypto in at node's start; XDG_CACHE_HOME: this test's own caches.
    const env = cliEnv({ NODE_EXTRA_CA_CERTS: undefined, NODE_OPTIONS: undefined, XDG_CACHE_HOME: path.join(tmp, 'cache'), ...extraEnv });
    const r = spawnSync(process.execPath, ['--require', probe.preload, CLI, 'run'], { cwd: repo, env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return probe.read();
  }

  const yamlChunks = (l: Loaded): string[] => l.chunks.filter((f) => /\bYAMLParseError\b/.test(fs.readFileSync(f, 'utf8')));
  const crypto = (l: Loaded): string[] => l.builtins.filter((m) => /^NativeModule (internal\/)?crypto\b/.test(m));
  const zlib = (l: Loaded): string[] => l.builtins.filter((m) => /\bzlib\b/.test(m));
  /** The CLI's file calls are synchronous (core/fileio) and durations come from hrtime (pipeline/monotonic.ts). */
  const unneeded = (l: Loaded): string[] => l.builtins.filter((m) => /^NativeModule (internal\/fs\/promises|fs\/promises|perf_hooks|internal\/perf\/performance|internal\/readline\/interface)$/.test(m));

  it('loads no node:crypto, zlib, fs/promises or perf_hooks, puts HEAD\'s subject on the start line, and the second run with the same config skips the YAML library', () => {
    const repo = ws.repo(pipeline([{ name: 'only', run: 'true' }]));
    const first = run(repo);
    assert.deepEqual(crypto(first), []);
    assert.equal(yamlChunks(first).length, 1, 'the first run parses the config');
    assert.equal(fs.readdirSync(path.join(tmp, 'cache', 'gearshift', 'config')).filter((f) => f.endsWith('.json')).length, 1);
    const second = run(repo);
    assert.deepEqual(crypto(second), []);
    for (const l of [first, second]) { assert.deepEqual(unneeded(l), [], 'no fs/promises, readline or perf_hooks'); }
    for (const l of [first, second]) { assert.deepEqual(zlib(l), [], "HEAD's commit is read without node:zlib"); }
    assert.deepEqual(yamlChunks(second), [], 'an unchanged config is not parsed again');
    const starts = historyLines(repo).map((l) => JSON.parse(l) as { kind: string; run: { id: string; subject?: string } }).filter((l) => l.kind === 'start');
    const subject = execFileSync('git', ['log', '-1', '--format=%s'], { cwd: repo, encoding: 'utf8' }).trimEnd();
    assert.ok(subject.length > 0);
    for (const start of starts) { assert.equal(start.run.subject, subject, "HEAD's subject is on the start line"); }
    const ids = starts.map((l) => l.run.id);
    assert.equal(ids.length, 2);
    assert.notEqual(ids[0], ids[1]);
    for (const id of ids) { assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); }
  });

  it('a changed config is parsed again and its new command runs; GEARSHIFT_CODE_CACHE=0 keeps no entry', () => {
    const repo = ws.repo(pipeline([{ name: 'only', run: 'echo one > out.txt' }]));
    run(repo);
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), pipeline([{ name: 'only', run: 'echo two > out.txt' }]));
    const changed = run(repo);
    assert.equal(yamlChunks(changed).length, 1);
    assert.equal(fs.readFileSync(path.join(repo, 'out.txt'), 'utf8'), 'two\n');
    fs.rmSync(path.join(tmp, 'cache'), { recursive: true, force: true });
    const off = run(repo, { GEARSHIFT_CODE_CACHE: '0' });
    assert.equal(yamlChunks(off).length, 1);
    assert.equal(fs.existsSync(path.join(tmp, 'cache', 'gearshift', 'config')), false);
  });
});
