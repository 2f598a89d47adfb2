/** Shared bits for the deploy tests: temp dirs, bounded waits, processes, configs built in code. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MonitorConfig, MonitorProbe } from '../../../src/core/config/types';

/** The compiled core, for child processes (tests run from out/test/unit/deploy). */
export const OUT_DEPLOY = path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'deploy');

export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix = 'gearshift-deploy-'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) { fs.rmSync(dir, { recursive: true, force: true }); }
  }
}

export async function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms}ms`)), ms);
  });
  try {
    return await Promise.race([p, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every 10 ms until it is true; rejects after `ms`. */
export async function until(check: () => boolean, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) { throw new Error(`${message} within ${ms}ms`); }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The pid of a process that has certainly exited. */
export function deadPid(): number {
  const res = spawnSync(process.execPath, ['-e', '']);
  if (res.pid === undefined || res.status !== 0) { throw new Error('could not spawn node to get a dead pid'); }
  return res.pid;
}

/** Alive and not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (bounded) for every pid to be gone; returns the survivors. */
export async function gone(pids: number[], ms = 3000): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) { return alive; }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A node child running `script`; its stdout lines arrive through `line()`. */
export class Child {
  readonly proc: ChildProcess;
  private out = '';
  readonly exited: Promise<number | null>;

  constructor(script: string, args: string[] = []) {
    this.proc = spawn(process.execPath, ['-e', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.proc.stdout?.setEncoding('utf8');
    this.proc.stdout?.on('data', (chunk: string) => { this.out += chunk; });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
    // Writing to a child that already exited is EPIPE: not the test's concern.
    this.proc.stdin?.on('error', () => undefined);
  }

  get pid(): number { return this.proc.pid as number; }
  get output(): string { return this.out; }

  /** Resolves with the first output line matching `pattern`. */
  async line(pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
    let m: RegExpMatchArray | null = null;
    await until(() => (m = this.out.match(pattern)) !== null, ms, `child output never matched ${pattern} (got ${JSON.stringify(this.out)})`);
    return m as unknown as RegExpMatchArray;
  }

  send(text: string): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) { this.proc.stdin?.write(text); }
  }

  async kill(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) { this.proc.kill('SIGKILL'); }
    await this.exited;
  }
}

export function monitorConfig(probes: MonitorProbe[], over: Partial<MonitorConfig> = {}): MonitorConfig {
  return { windowMs: 600, intervalMs: 150, baselineMs: 300, threshold: 0.1, spike: 3, autoRollback: false, probes, ...over };
}

export function httpProbe(url: string, over: Partial<Extract<MonitorProbe, { kind: 'http' }>> = {}): MonitorProbe {
  return { kind: 'http', name: 'web', url, timeoutMs: 1000, requests: 3, ...over };
}
