import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CLI, cliEnv, ensureCliBuilt, loadProbe, runCli } from './cliProcess';

/**
 * Plain `gearshift status` loads only what it needs (issue 14: ≤ 1.6× `node -e 0`): the bundled
 * binary, run as a real process, must not load child_process, zlib, net/stream, http(s), crypto
 * or readline when files answer everything (no git process, no token) and stdout is a file or
 * /dev/null; its answer must be the same whichever way stdout goes.
 */
describe('gearshift status: the start path (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  let tmp: string;
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-status-start-')); });
  afterEach(() => { ws.cleanup(); fs.rmSync(tmp, { recursive: true, force: true }); });

  /** status with stdout and stderr to files (or /dev/null): what it printed and the built-in modules it loaded. */
  function statusTo(repo: string, out: string | null, args: readonly string[] = ['status']): { stdout: string; stderr: string; modules: string[]; chunks: string[] } {
    const probe = loadProbe(tmp);
    const err = path.join(tmp, 'stderr.txt');
    const fds = [out ?? '/dev/null', err].map((f) => fs.openSync(f, 'w'));
    try {
      const r = spawnSync(process.execPath, ['-r', probe.preload, CLI, ...args], { cwd: repo, env: cliEnv(), stdio: ['ignore', fds[0], fds[1]] });
      assert.strictEqual(r.status, 0, fs.readFileSync(err, 'utf8'));
    } finally {
      fds.forEach((fd) => fs.closeSync(fd));
    }
    const loaded = probe.read();
    const modules = loaded.builtins.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
    return { stdout: out ? fs.readFileSync(out, 'utf8') : '', stderr: fs.readFileSync(err, 'utf8'), modules, chunks: loaded.chunks };
  }

  it('loads no child_process, zlib, stream, net, http(s), crypto, readline, fs/promises or perf_hooks; a file, /dev/null and a pipe get the same answer', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo built' }]));
    const ran = await runCli(['run'], { cwd: repo });
    assert.strictEqual(ran.code, 0, ran.stderr);
    const toFile = statusTo(repo, path.join(tmp, 'stdout.txt'));
    assert.match(toFile.stdout, /^green {2}[0-9a-f]{8} on main\n {2}started /);
    assert.strictEqual(toFile.stderr, '');
    const toNull = statusTo(repo, null);
    for (const { modules } of [toFile, toNull]) {
      // fs/promises (with readline's interface) and perf: the CLI's file calls are synchronous (core/fileio).
      const unneeded = modules.filter((m) => /^(child_process|zlib|stream|net|http|https|tls|crypto|readline|tty|internal\/fs\/promises|internal\/readline\/interface|perf_hooks|internal\/perf\/performance)$/.test(m));
      assert.deepStrictEqual(unneeded, [], `status loaded ${unneeded.join(', ')}`);
    }
    // A pipe keeps Node's stream: the same text arrives.
    const piped = await runCli(['status'], { cwd: repo });
    assert.strictEqual(piped.code, 0, piped.stderr);
    // The run's age may tick between the two calls, up to "1m ago" on a slow machine: any age, every one.
    const ageless = (text: string): string => text.replace(/\((?:\d+[smhd] ago|just now)\)/g, '(AGE)');
    assert.strictEqual(ageless(piped.stdout), ageless(toFile.stdout));
  });

  it('status --json (the gauge) reads its files without fs/promises or readline, also when its caches answer, and asks git without simple-git', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Ship', run: 'true', extra: ['environment: production'] }]));
    assert.strictEqual((await runCli(['run'], { cwd: repo })).code, 0);
    for (const call of ['writes the caches', 'reads them']) {
      const { stdout, modules, chunks } = statusTo(repo, path.join(tmp, 'stdout.json'), ['status', '--json']);
      assert.strictEqual(JSON.parse(stdout).state, 'green', call);
      const unneeded = modules.filter((m) => /^(internal\/fs\/promises|readline|internal\/readline\/interface)$/.test(m));
      assert.deepStrictEqual(unneeded, [], `status --json (${call}) loaded ${unneeded.join(', ')}`);
      // simple-git is ≈ 60 KB to compile and evaluate; the gauge's few queries go through runGit.
      assert.deepStrictEqual(chunks.filter((c) => fs.readFileSync(c, 'utf8').includes('simple-git')).map((c) => path.basename(c)), [], call);
    }
  });

  it('stdout to a file that is appended to: the answer lands after what was there, whole', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }]));
    assert.strictEqual((await runCli(['run'], { cwd: repo })).code, 0);
    const out = path.join(tmp, 'log.txt');
    fs.writeFileSync(out, 'before\n');
    const fd = fs.openSync(out, 'a');
    const child = spawn(process.execPath, [CLI, 'status'], { cwd: repo, env: cliEnv(), stdio: ['ignore', fd, 'ignore'] });
    fs.closeSync(fd);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.strictEqual(code, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /^before\ngreen {2}[^]*\n {2}run {7}\S+\n$/);
  });
});
