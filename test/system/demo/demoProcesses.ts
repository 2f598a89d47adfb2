/**
 * What the demo end-to-end test needs around real processes: the tsc-compiled CLI as a child
 * process, the demo's fixed ports, an HTTP GET, and a cleanup that leaves no demo server alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { DEMO_PORTS } from '../../support/demoBlueGreen';
import { cleanEnv } from '../../support/git';

/** The tsc-compiled CLI entry (out/src/cli.js), as in ../cli/deploy.test.ts. */
const CLI = path.resolve(__dirname, '..', '..', '..', 'src', 'cli.js');

export const DEMO_PORT_LIST = [DEMO_PORTS.proxy, DEMO_PORTS.blue, DEMO_PORTS.green];

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** The runner's CI/colour/git settings and the demo's own switches must not steer the CLI. */
export function demoEnv(stateHome: string): NodeJS.ProcessEnv {
  const env = cleanEnv({ XDG_STATE_HOME: stateHome });
  for (const k of Object.keys(env)) { if (k.startsWith('DEMO_')) { delete env[k]; } }
  return env;
}

/** `gearshift …` in `cwd`, stdin a closed pipe; killed (and rejected) if it outlives `ms`. */
export class DemoCli {
  readonly child: ChildProcess;
  private stdout = '';
  private stderr = '';
  readonly done: Promise<CliResult>;

  constructor(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (s: string) => { this.stdout += s; });
    this.child.stderr?.setEncoding('utf8').on('data', (s: string) => { this.stderr += s; });
    this.child.stdin?.on('error', () => undefined);
    this.child.stdin?.end();
    this.done = new Promise((resolve) => this.child.once('close', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr })));
  }

  async result(ms: number): Promise<CliResult> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`CLI did not end within ${ms} ms:\n${this.stdout}\n${this.stderr}`)), ms);
    });
    try { return await Promise.race([this.done, late]); } finally { clearTimeout(timer); }
  }

  /** Ctrl+C first (the CLI then cancels its run and kills its stages), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) { return; }
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.done;
    clearTimeout(timer);
  }
}

/** True when something holds 127.0.0.1:`port` (we cannot bind it). Nothing stays bound. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

export async function busyPorts(): Promise<number[]> {
  const busy: number[] = [];
  for (const port of DEMO_PORT_LIST) { if (await portInUse(port)) { busy.push(port); } }
  return busy;
}

export interface Answer { status: number; slot: string | undefined; body: string }

/** One GET without keep-alive, so no socket stays open after the test. */
export function get(port: number, urlPath = '/health'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, slot: res.headers['x-slot'] as string | undefined, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET 127.0.0.1:${port}${urlPath}: no answer within 3 s`)));
    req.on('error', reject);
  });
}

/**
 * Pids of demo servers started from `demoDir`: the pid file's, plus any process whose command
 * line runs this demo's ci/demo-servers.js (e.g. one that lost its pid file). Only ours.
 */
export function demoServerPids(demoDir: string): number[] {
  const script = path.join(fs.realpathSync(demoDir), 'ci', 'demo-servers.js');
  const pids = new Set<number>();
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) { continue; }
    let argv: string[];
    try { argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (argv.includes(script)) { pids.add(Number(entry)); }
  }
  return [...pids];
}

function safeReaddir(dir: string): string[] {
  try { return fs.readdirSync(dir); } catch { return []; }
}

/** Polls (bounded) until nothing listens on the demo ports; returns those still busy. */
export async function waitPortsFree(ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const busy = await busyPorts();
    if (busy.length === 0 || Date.now() > deadline) { return busy; }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits (bounded) for every pid to be gone. */
export async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) { return alive; }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A zombie (exited, not yet reaped by a container's init) counts as gone: it holds no port. */
function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

export interface StopReport { scriptCode: number | null; scriptOutput: string; killed: number[]; busyPorts: number[] }

/**
 * `node ci/demo-servers.js stop` in the demo, as a user would; then waits for this demo's
 * servers to exit, SIGKILLs any the script left (by pid) and says which ports are still held.
 * Safe to call twice, and when the servers never started.
 */
export async function stopDemoServers(demoDir: string, env: NodeJS.ProcessEnv): Promise<StopReport> {
  const before = demoServerPids(demoDir);
  const script = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['ci/demo-servers.js', 'stop'], { cwd: demoDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { output += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { output += s; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
  // The script waits for them to exit; on its own, a server notices a removed pid file within 2 s.
  const leftovers = await waitGone([...new Set([...before, ...demoServerPids(demoDir)])], 5000);
  for (const pid of leftovers) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
  await waitGone(leftovers, 2000);
  return { scriptCode: script.code, scriptOutput: script.output, killed: leftovers, busyPorts: await waitPortsFree(2000) };
}
