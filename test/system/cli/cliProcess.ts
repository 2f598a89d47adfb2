/**
 * Runs the real bundled CLI (dist/cli.js) as a child process. The bundle is rebuilt (cli
 * config only) when it is missing or older than the sources, so these tests never pass
 * against stale code; `npm test` has already built it, so there this costs nothing.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanEnv } from '../../support/git';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** tsc's build of the CLI: the same main() as dist/cli.js, without a webpack step. */
export const TSC_CLI = path.join(ROOT, 'out', 'src', 'cli.js');

/** Resolves once `file` exists and matches `pattern` (what a stage wrote), within `ms`. */
export async function waitForFile(file: string, pattern: RegExp, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(fs.existsSync(file) && pattern.test(fs.readFileSync(file, 'utf8')))) {
    if (Date.now() > deadline) { throw new Error(`${file} never matched ${pattern}`); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Call from a `before` hook with a generous timeout: one compilation builds the extension and the CLI (shared chunks). */
export function ensureCliBuilt(): void {
  const sources = ['src/cli.ts', 'src/cli', 'src/core'].map((p) => newestSource(path.join(ROOT, p)));
  if (fs.existsSync(CLI) && fs.statSync(CLI).mtimeMs >= Math.max(...sources)) { return; }
  const webpack = path.join(ROOT, 'node_modules', '.bin', 'webpack');
  try {
    execFileSync(webpack, ['--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    const out = (e as { stdout?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`dist/cli.js is missing or stale and building it failed (run \`npx webpack --mode production\`):\n${out.slice(-2000)}`, { cause: e });
  }
}

/** Newest mtime of the .ts files at `p` (a file or a folder tree); 0 if there are none. */
function newestSource(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) { return 0; }
  if (!stat.isDirectory()) { return p.endsWith('.ts') ? stat.mtimeMs : 0; }
  return Math.max(0, ...fs.readdirSync(p).map((name) => newestSource(path.join(p, name))));
}

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export interface CliOptions {
  cwd: string;
  /** Added to a clean environment (no CI, colour or GEARSHIFT_* variables from the test runner). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed; absent → stdin stays open (a pipe, not a TTY). */
  input?: string;
  /** Another build of the CLI, e.g. tsc's out/src/cli.js (no bundling step). Default: the bundle. */
  cli?: string;
}

/** A clean env: the runner's own CI/colour settings must not change what the CLI does. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return cleanEnv({ XDG_STATE_HOME: stateHome, ...extra });
}

/** History of non-git folders goes here, not into the real ~/.local/state. */
const stateHome = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-cli-state-'));
after(() => fs.rmSync(stateHome, { recursive: true, force: true }));

export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly done: Promise<CliResult>;
  private waiters: Array<() => void> = [];
  /** Its pipes closed: all its output is in ('exit' can come before the last of it is read). */
  private closed = false;

  constructor(args: string[], opts: CliOptions) {
    this.child = spawn(process.execPath, [opts.cli ?? CLI, ...args], { cwd: opts.cwd, env: cliEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (s: string) => { this.stdout += s; this.notify(); });
    this.child.stderr!.setEncoding('utf8').on('data', (s: string) => { this.stderr += s; this.notify(); });
    this.child.stdin!.on('error', () => undefined); // the CLI may exit before reading it
    if (opts.input !== undefined) { this.child.stdin!.end(opts.input); }
    this.done = new Promise((resolve) => {
      this.child.on('close', (code, signal) => { this.closed = true; this.notify(); resolve({ code, signal, stdout: this.stdout, stderr: this.stderr }); });
    });
  }

  /** Resolves once stdout+stderr match `pattern` (no sleeping and hoping); rejects after `ms`. */
  async waitFor(pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = (this.stdout + this.stderr).match(pattern);
      if (m) { return m; }
      if (Date.now() > deadline || this.closed) {
        throw new Error(`CLI output never matched ${pattern}:\n--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => { this.waiters.push(resolve); setTimeout(resolve, 100); });
    }
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) { w(); }
  }
}

/** Runs the CLI to the end, with stdin closed unless `input` says otherwise. */
export function runCli(args: string[], opts: CliOptions): Promise<CliResult> {
  return new CliProcess(args, { input: '', ...opts }).done;
}

/** What a CLI process loaded: node's built-ins (`process.moduleLoadList`) and the files of dist/ it required. */
/** `deploy production` twice: blue, then green live with blue standing by, the state a switch or rollback starts from. */
export async function deployIntoBothSlots(repo: string, cli = TSC_CLI): Promise<void> {
  for (const slot of ['blue', 'green']) {
    const ok = await runCli(['deploy', 'production', '--yes'], { cwd: repo, cli });
    assert.equal(ok.code, 0, `deploy into ${slot}: ${ok.stdout}${ok.stderr}`);
  }
}

export interface LoadedModules { builtins: string[]; chunks: string[] }

/**
 * A preload (`node -r <preload>`) that writes what the process loaded to a file in `dir` as it
 * exits; `read()` gives it back after the process has ended.
 */
export function loadProbe(dir: string): { preload: string; read(): LoadedModules } {
  const preload = path.join(dir, 'load-probe.js');
  const out = path.join(dir, 'loaded.json');
  fs.writeFileSync(preload, `process.on('exit', () => {
  const chunks = Object.keys(require.cache).filter((f) => f.endsWith('.chunk.js'));
  require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ builtins: process.moduleLoadList, chunks }));
});\n`);
  return { preload, read: () => JSON.parse(fs.readFileSync(out, 'utf8')) as LoadedModules };
}

/** Alive and not a zombie (pid 1 in a container may never reap orphans). */
export function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
