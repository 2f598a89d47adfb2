/**
 * What the `npm start` e2e test needs around real processes: `npm start -- --browser --fresh`
 * as a child process (its URL line, its exit after Ctrl+C), and the demo app's HTTP answer.
 */
import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import * as path from 'path';
import type { Readable } from 'stream';
import { projectRoot, scratchRoot } from '../harness/paths';
import { DEMO_PORTS } from '../support/demoBlueGreen';
import { get, type Answer } from '../system/demo/demoProcesses';

/** The demo repository `npm start` opens (and `--fresh` recreates). */
export const DEMO_DIR = path.join(scratchRoot, 'demo');

/**
 * `npm start -- --browser --fresh` (start.js, as the npm script runs it after packaging), under
 * the environment `npm start` on the machine's Node 20 gives it, so the installer's clean
 * environment is exercised too.
 */
export function spawnNpmStart(): ChildProcess {
  return spawn(process.execPath, [path.join(projectRoot, 'out', 'test', 'harness', 'start.js'), '--browser', '--fresh'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, npm_config_user_agent: 'npm/11.0.0 node/v20.0.0 linux x64 workspaces/false', npm_lifecycle_event: 'start' },
  });
}

/** The first line of `stream` matching `pattern` (echoed as it comes), within `ms`. */
export function waitForLine(stream: Readable, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => { done(); reject(new Error(`no line matching ${pattern} within ${ms} ms; saw:\n${seen}`)); }, ms);
    const onData = (b: Buffer): void => {
      seen += b.toString();
      process.stdout.write(b);
      for (const line of seen.split('\n')) {
        const m = pattern.exec(line);
        if (m) { done(); resolve(m); return; }
      }
    };
    const onEnd = (): void => { done(); reject(new Error(`npm start ended before printing a URL:\n${seen}`)); };
    const done = (): void => { clearTimeout(timer); stream.off('data', onData); stream.off('end', onEnd); };
    stream.on('data', onData);
    stream.once('end', onEnd);
  });
}

/** The exit code (or signal) of `child`, rejected if it is still running after `ms`. */
export function exitOf(child: ChildProcess, ms: number): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) { return Promise.resolve(child.exitCode ?? child.signalCode ?? ''); }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start still running ${ms} ms after Ctrl+C`)), ms);
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? signal ?? ''); });
  });
}

/** True when code-server at `url` still answers. */
export function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, { timeout: 2000 }, (res) => { res.resume(); resolve(true); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

/** What the demo's public proxy (:4100) answers at `/`, or the error when nothing answers. */
export function demoApp(): Promise<Answer | Error> {
  return get(DEMO_PORTS.proxy, '/').catch((e: Error) => e);
}

/**
 * Asks the demo's proxy until its answer passes `ok`, within `ms`, and returns that answer; on
 * timeout it fails with the last answer (or error).
 */
export async function waitForDemoAnswer(what: string, ok: (a: Answer) => boolean, ms: number): Promise<Answer> {
  const deadline = Date.now() + ms;
  for (;;) {
    const seen = await demoApp();
    if (!(seen instanceof Error) && ok(seen)) { return seen; }
    if (Date.now() > deadline) { assert.fail(`the demo app did not answer ${what} within ${ms} ms; last: ${seen instanceof Error ? seen.message : JSON.stringify(seen)}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
}
