import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import * as path from 'path';
import type { Readable } from 'stream';
import { launchBrowser } from '../harness/browser';
import { projectRoot } from '../harness/paths';
import { STATUS_BAR } from './ui';

/**
 * `npm start -- --browser` as a new user runs it: the demo in code-server, a URL printed, the URL
 * opened in a browser. Run under an environment as `npm start` on the machine's Node 20 gives it
 * (npm_config_user_agent says node/v20), so the installer's clean environment is exercised too.
 * On a cold cache (CI's) this also installs Node 24 and code-server when no suite did before.
 */

function waitForLine(stream: Readable, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
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

function exitOf(child: ChildProcess, ms: number): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) { return Promise.resolve(child.exitCode ?? child.signalCode ?? ''); }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start still running ${ms} ms after Ctrl+C`)), ms);
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? signal ?? ''); });
  });
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, { timeout: 2000 }, (res) => { res.resume(); resolve(true); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

describe('npm start -- --browser', function () {
  this.timeout(20 * 60_000);

  it('prints a URL that opens the demo in VS Code with Gearshift active, and Ctrl+C stops it all', async () => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'out', 'test', 'harness', 'start.js'), '--browser', '--fresh'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, npm_config_user_agent: 'npm/11.0.0 node/v20.0.0 linux x64 workspaces/false', npm_lifecycle_event: 'start' },
    });
    let base: string | undefined;
    try {
      const [, url, server] = await waitForLine(child.stdout!, /^\s+((http:\/\/127\.0\.0\.1:\d+)\/\?folder=\S+)\s*$/, 15 * 60_000);
      base = server;
      const browser = await launchBrowser();
      try {
        await browser.page.goto(url);
        await browser.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        // The demo has a pipeline, so Gearshift activates and its status item appears.
        await browser.page.locator(`${STATUS_BAR} .statusbar-item`, { hasText: 'Gearshift' }).first().waitFor({ timeout: 60_000 });
        const title = await browser.page.title();
        assert.match(title, /demo/i, `the window opened the demo folder (title: ${title})`);
      } finally {
        await browser.dispose();
      }
    } finally {
      child.kill('SIGINT');
      assert.strictEqual(await exitOf(child, 30_000), 0);
    }
    assert.ok(base !== undefined && !(await answers(base)), 'code-server still answers after npm start stopped');
  });
});
