import { spawnSync } from 'child_process';
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { setE2eContext } from '../e2e/context';
import { openWorkbench } from '../e2e/ui';
import { createFixtureRepo } from '../support/fixtureRepo';
import { projectRoot, screenshotRoot } from './paths';
import { MissingPrerequisite } from './prerequisites';
import { openSession, runInSession } from './session';

/**
 * The e2e suites: Playwright drives the real code-server UI, with the packaged .vsix installed
 * exactly as a user would install it.
 */

const VSIX = path.join(projectRoot, 'gearshift.vsix');
const SCREENSHOTS = screenshotRoot;

/**
 * Suites run in groups, one code-server each: the trusted workspace, then an untrusted one. Solo
 * suites start what they need themselves (`npm start` starts its own code-server).
 */
const GROUPS = [
  { name: 'e2e', files: /^\d+-.*\.e2e\.js$/, workspaceTrust: false },
  { name: 'e2e-untrusted', files: /\.untrusted\.e2e\.js$/, workspaceTrust: true },
  // A first install as a new user sees it: a folder with no pipeline yet, walkthroughs opening on install (VS Code's default).
  { name: 'e2e-first-install', files: /\.first\.e2e\.js$/, settings: { 'workbench.welcomePage.walkthroughs.openOnInstall': true }, pipeline: null },
  // A history that cannot be read when VS Code opens the folder (a folder in its place).
  { name: 'e2e-broken-history', files: /\.brokenHistory\.e2e\.js$/, prepare: (workspace: string) => fs.mkdirSync(path.join(workspace, '.git', 'gearshift', 'history.jsonl'), { recursive: true }) },
  { name: 'e2e-solo', files: /\.solo\.e2e\.js$/, solo: true },
];
type Group = {
  name: string; files: RegExp; workspaceTrust?: boolean; solo?: boolean; settings?: Record<string, unknown>; env?: NodeJS.ProcessEnv; pipeline?: null;
  /** Changes the fixture workspace before VS Code opens it. */
  prepare?: (workspace: string) => void;
};

const E2E_DIR = path.join(projectRoot, 'out', 'test', 'e2e');

/** A group's suites, loaded (so their titles are known before any code-server starts). */
async function loadSuites(files: string[]): Promise<Mocha> {
  const mocha = new Mocha({
    ui: 'bdd', timeout: 120_000, bail: false,
    reporter: path.join(projectRoot, 'out', 'test', 'support', 'summaryReporter.js'),
    grep: process.env.GEARSHIFT_TEST_GREP || undefined,
  });
  for (const f of files) { mocha.addFile(path.join(E2E_DIR, f)); }
  await mocha.loadFilesAsync();
  return mocha;
}

/** How many tests of `suite` GEARSHIFT_TEST_GREP selects, as Mocha matches them (full title). */
function selected(suite: Mocha.Suite, grep: RegExp | undefined): number {
  const own = suite.tests.filter((t) => grep === undefined || grep.test(t.fullTitle())).length;
  return suite.suites.reduce((n, s) => n + selected(s, grep), own);
}

function runMocha(mocha: Mocha): Promise<number> {
  return new Promise<number>((resolve) => mocha.run(resolve));
}

async function runGroup(group: Group): Promise<number> {
  const files = fs.readdirSync(E2E_DIR).filter((f) => group.files.test(f)).sort();
  if (files.length === 0) { return 0; }
  const mocha = await loadSuites(files);
  // A narrowed run (GEARSHIFT_TEST_GREP) starts no code-server for a group it leaves empty.
  if (selected(mocha.suite, mocha.options.grep as RegExp | undefined) === 0) {
    console.log(`[harness] ${group.name}: no test selected by GEARSHIFT_TEST_GREP, not started`);
    return 0;
  }
  if (group.solo) { return runMocha(mocha); }
  const session = await openSession(group.name, { workspaceTrust: group.workspaceTrust ?? false, settings: group.settings, env: group.env }, (tc, serverScratch) => {
    const r = spawnSync(tc.node, [tc.codeServer, '--user-data-dir', path.join(serverScratch, 'user-data'),
      '--extensions-dir', path.join(serverScratch, 'extensions'), '--install-extension', VSIX],
    { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) { throw new Error(`installing ${VSIX} failed:\n${r.stdout}\n${r.stderr}`); }
  });
  return runInSession(session, async () => {
    const workspace = path.join(session.scratch, 'workspace');
    createFixtureRepo(workspace, { pipeline: group.pipeline });
    group.prepare?.(workspace);
    setE2eContext({ page: session.browser.page, url: session.server.url, workspace, screenshotDir: SCREENSHOTS });
    // Every suite starts from a loaded workbench with Gearshift active (installed, where there is no pipeline to show).
    await openWorkbench(session.browser.page, session.server.url, workspace, group.pipeline !== null);
    const failures = await runMocha(mocha);
    if (failures > 0) {
      const shot = path.join(SCREENSHOTS, `failure-${group.name}-${Date.now()}.png`);
      await session.browser.page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`[harness] screenshot of the failure: ${shot}`);
    }
    return failures;
  });
}

async function main(): Promise<number> {
  if (!fs.existsSync(VSIX)) { throw new MissingPrerequisite('gearshift.vsix is missing: run `npm run package` first'); }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  let failures = 0;
  for (const group of GROUPS) { failures += await runGroup(group); }
  return failures > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (e: Error) => {
  console.error(`[harness] ${e instanceof MissingPrerequisite ? 'missing prerequisite: ' : ''}${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
