import { fileIo as fs } from '../fileio'; // a FIFO in the workspace is an error, never a wait
import * as path from 'path';

/** The talk's eight stages, in pipeline order. */
export const TEMPLATE_STAGES = [
  'unit', 'build', 'provisionNonProd', 'deployNonProd', 'acceptance', 'provisionProd', 'deployProd', 'monitor',
] as const;
export type TemplateStage = (typeof TEMPLATE_STAGES)[number];

export interface DetectedCommand {
  readonly run: string;
  /** Where it came from, for the comment above the stage: "package.json script `test`". */
  readonly from: string;
}
export type DetectedCommands = Partial<Record<TemplateStage, DetectedCommand>>;

/**
 * Script / target names to look for, most specific first. A bare `deploy` counts only as
 * the production deploy: that stage asks a person first, while running an unknown deploy
 * unattended as "non-prod" could ship to production by surprise.
 */
const CANDIDATES: Readonly<Record<TemplateStage, readonly string[]>> = {
  unit: ['test:unit', 'unit', 'test'],
  build: ['build', 'package', 'dist', 'compile'],
  provisionNonProd: ['provision:non-prod', 'provision:nonprod', 'provision:staging', 'provision:stage', 'provision:test', 'provision:dev', 'provision'],
  deployNonProd: ['deploy:non-prod', 'deploy:nonprod', 'deploy:staging', 'deploy:stage', 'deploy:test', 'deploy:dev'],
  acceptance: ['test:acceptance', 'acceptance', 'test:e2e', 'e2e', 'acceptance-test'],
  provisionProd: ['provision:prod', 'provision:production'],
  deployProd: ['deploy:prod', 'deploy:production', 'deploy'],
  monitor: ['monitor', 'monitor:prod', 'smoke:prod', 'smoke', 'test:smoke', 'healthcheck', 'health'],
};

/** What `npm init` writes: a test script that always fails is not a test suite. */
const NPM_PLACEHOLDER_TEST = /no test specified/;

/** Find a command for each template stage in package.json scripts, then Makefile targets. */
export async function detectCommands(folder: string): Promise<DetectedCommands> {
  const scripts = await readScripts(folder);
  const runner = await packageRunner(folder);
  const targets = await readMakeTargets(folder);
  const out: DetectedCommands = {};
  for (const stage of TEMPLATE_STAGES) {
    const script = CANDIDATES[stage].find((s) => Object.hasOwn(scripts, s));
    if (script !== undefined) {
      out[stage] = { run: runScript(runner, script), from: `package.json script \`${script}\`` };
      continue;
    }
    const target = CANDIDATES[stage].flatMap(makeSpellings).find((t) => targets.has(t));
    if (target !== undefined) { out[stage] = { run: `make ${target}`, from: `Makefile target \`${target}\`` }; }
  }
  return out;
}

async function readScripts(folder: string): Promise<Record<string, string>> {
  try {
    const pkg: unknown = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8'));
    const scripts = (pkg as { scripts?: unknown } | null)?.scripts;
    if (typeof scripts !== 'object' || scripts === null) { return {}; }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(scripts)) {
      if (typeof v === 'string' && !(k === 'test' && NPM_PLACEHOLDER_TEST.test(v))) { out[k] = v; }
    }
    return out;
  } catch {
    return {}; // no package.json, or one that does not parse: nothing to detect
  }
}

/** Use the package manager the lockfile says the project uses. */
async function packageRunner(folder: string): Promise<'npm' | 'yarn' | 'pnpm'> {
  if (await isFile(path.join(folder, 'pnpm-lock.yaml'))) { return 'pnpm'; }
  if (await isFile(path.join(folder, 'yarn.lock'))) { return 'yarn'; }
  return 'npm';
}

/** Script names come from CANDIDATES, so they are shell-safe as they are. */
function runScript(runner: 'npm' | 'yarn' | 'pnpm', script: string): string {
  if (script === 'test') { return `${runner} test`; }
  return runner === 'yarn' ? `yarn ${script}` : `${runner} run ${script}`;
}

/** Make targets cannot hold `:`; projects write `deploy-staging` or `deploy_staging`. */
function makeSpellings(name: string): string[] {
  return [...new Set([name.replace(/[:-]/g, '-'), name.replace(/[:-]/g, '_')])];
}

const TARGET_LINE = /^([A-Za-z0-9_][A-Za-z0-9_.\-/ ]*?)\s*::?(?!=)/;

async function readMakeTargets(folder: string): Promise<Set<string>> {
  for (const name of ['GNUmakefile', 'makefile', 'Makefile']) {
    let text: string;
    try { text = await fs.readFile(path.join(folder, name), 'utf8'); } catch { continue; }
    const targets = new Set<string>();
    for (const line of text.split(/\r?\n/)) {
      const m = TARGET_LINE.exec(line); // recipe lines start with a tab and never match
      if (m) { for (const t of m[1].split(/\s+/)) { if (t !== '') { targets.add(t); } } }
    }
    return targets;
  }
  return new Set();
}

async function isFile(file: string): Promise<boolean> {
  try { return (await fs.stat(file)).isFile(); } catch { return false; }
}
