import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { SUITES_BEGIN, TYPE_REQUEST, type TypeRequest } from '../integration/marker';
import { createFixtureRepo } from '../support/fixtureRepo';
import { createMonorepoWorkspace } from '../support/monorepoFixture';
import { createSubfolderWindowRepo, SUBFOLDER_WINDOW_TITLE } from '../support/subfolderWindowFixture';
import { installExtensionArgs } from './codeServer';
import type { Toolchain } from './install';
import { projectRoot } from './paths';
import { MissingPrerequisite } from './prerequisites';
import { openSession, runInSession, Session } from './session';

/**
 * Runner A: the integration suites inside a real VS Code extension host (code-server's remote
 * Node host), loaded from source via the smoke-test driver's `payload` URL parameter.
 * Runner B (`npm run test:electron`) runs the same suites with @vscode/test-electron.
 */

/** Workbench chatter that is expected offline (no gallery to reach). */
const NOISE = /ENOTFOUND|open-vsx|\[Service Worker\]|\[AccountPolicyGate\]/;

const TIMEOUT_MS = Number(process.env.GEARSHIFT_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);

/** How much of the extension's log a failing run prints. */
const LOG_TAIL_LINES = 150;

function remote(port: number, p: string): string { return `vscode-remote://127.0.0.1:${port}${p}`; }

/** What the window opens: a folder (`?folder=`) or a multi-root `.code-workspace` file (`?workspace=`). */
type Target = { folder: string } | { workspace: string };

async function runSuites(session: Session, target: Target): Promise<number> {
  const { page } = session.browser;
  let sawSummary = false;
  const exited = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  // The page forwards every workbench log too; print the suites' own output (after the marker
  // index.ts logs) and keep the rest for a failure report.
  let started = false;
  const workbenchLog: string[] = [];
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
    const text = Array.isArray(args) ? util.format(...(args as unknown[])) : String(args);
    if (text.startsWith(TYPE_REQUEST)) { void typeIntoQuickInput(page, JSON.parse(text.slice(TYPE_REQUEST.length)) as TypeRequest); return; }
    if (text.includes(SUITES_BEGIN)) { started = true; return; }
    if (!started || NOISE.test(text)) { workbenchLog.push(text); return; }
    if (/^\d+ passed, \d+ failed/m.test(text)) { sawSummary = true; }
    console.log(text);
  });
  const payload = [
    ['extensionDevelopmentPath', remote(session.server.port, projectRoot)],
    ['extensionTestsPath', remote(session.server.port, path.join(projectRoot, 'out', 'test', 'integration', 'index.js'))],
  ];
  const open = 'folder' in target ? `folder=${encodeURIComponent(target.folder)}` : `workspace=${encodeURIComponent(target.workspace)}`;
  const url = `${session.server.url}/?${open}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  // Until the navigation commits, not its 'load' (30 s by default, missed under load on this shared machine):
  // the wait that matters is the one below, for the suites' exit, bounded by TIMEOUT_MS.
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[harness] the extension host did not finish within ${TIMEOUT_MS / 1000} s`);
      resolve(1);
    }, TIMEOUT_MS);
  });
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (!sawSummary) {
    console.error('[harness] the suites never reported. Workbench log:\n' + workbenchLog.slice(-60).join('\n'));
    console.error('[harness] code-server said:\n' + session.server.output().slice(-4000));
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (code !== 0) { printExtensionLog(session.server.userDataDir); }
  return code;
}

/** A failing suite's why is often in Gearshift's own output channel: its last lines, since the scratch folder goes with the session. */
function printExtensionLog(userDataDir: string): void {
  const logs = (fs.readdirSync(userDataDir, { recursive: true }) as string[]).filter((f) => /(^|[\\/])\d*-?Gearshift\.log$/.test(f));
  for (const rel of logs) {
    const lines = fs.readFileSync(path.join(userDataDir, rel), 'utf8').trimEnd().split('\n');
    console.error(`[harness] the last ${Math.min(lines.length, LOG_TAIL_LINES)} lines of ${rel}:\n${lines.slice(-LOG_TAIL_LINES).join('\n')}`);
  }
}

/** Real keystrokes into the quick input a suite is waiting on (see TYPE_REQUEST); the suite's own timeout reports a miss. */
async function typeIntoQuickInput(page: Session['browser']['page'], req: TypeRequest): Promise<void> {
  try {
    const widget = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: req.title }) });
    const input = widget.locator('.quick-input-box input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.focus();
    if (req.text) { await page.keyboard.type(req.text); }
    await page.keyboard.press('Enter');
  } catch (e) {
    console.error(`[harness] could not type into the quick input "${req.title}": ${(e as Error).message}`);
  }
}

function installBaseline(tc: Toolchain, vsix: string, serverScratch: string): void {
  const args = installExtensionArgs(tc, vsix, path.join(serverScratch, 'user-data'), path.join(serverScratch, 'extensions'));
  const r = spawnSync(tc.node, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) { throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`); }
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'extension.js'))) {
    throw new MissingPrerequisite('dist/extension.js is missing: run `npm run build` first');
  }
  // The bench installs an empty extension's .vsix (GEARSHIFT_BENCH_BASELINE_EXTENSION) to compare VS Code's
  // activation figures with (a second extensionDevelopmentPath in the payload left Gearshift out of the host).
  const baseline = process.env.GEARSHIFT_BENCH_BASELINE_EXTENSION;
  const open = (name: string): Promise<Session> => openSession(name, {
    smokeTestDriver: true,
    env: { GEARSHIFT_TEST_MODE: '1', GEARSHIFT_HARNESS_KEYBOARD: '1' },
  }, baseline ? (tc, serverScratch) => installBaseline(tc, baseline, serverScratch) : undefined);
  const session = await open('integration');
  const code = await runInSession(session, async () => {
    const workspace = path.join(session.scratch, 'workspace');
    createFixtureRepo(workspace);
    return runSuites(session, { folder: workspace });
  });
  // A monorepo's two pipeline folders in one window: a workspace of its own (a window cannot add folders
  // to a single-folder workspace without reloading), so a window of its own; only when a suite there is asked for.
  const grep = process.env.GEARSHIFT_TEST_GREP;
  let worst = code;
  if (!baseline && (grep === undefined || /monorepo/i.test(grep))) {
    const mono = await open('integration-monorepo');
    worst = Math.max(worst, await runInSession(mono, () => runSuites(mono, { workspace: createMonorepoWorkspace(mono.scratch) })));
  }
  // A monorepo opened at a subfolder (apps/web): a window of its own too, its top red before it opens.
  if (!baseline && (grep === undefined || new RegExp(grep, 'i').test(SUBFOLDER_WINDOW_TITLE))) {
    const sub = await open('integration-subfolder');
    const cli = path.join(projectRoot, 'dist', 'cli.js');
    worst = Math.max(worst, await runInSession(sub, () => runSuites(sub, { folder: createSubfolderWindowRepo(sub.scratch, cli) })));
  }
  return worst;
}

main().then((code) => process.exit(code), (e: Error) => {
  console.error(`[harness] ${e instanceof MissingPrerequisite ? 'missing prerequisite: ' : ''}${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
