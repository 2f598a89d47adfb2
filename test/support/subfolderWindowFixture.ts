import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git, initRepo } from './git';

/**
 * A monorepo opened at a subfolder, `apps/web`, as developers often open one: the top's
 * pipeline red (its one stage fails until a file `top-fixed` exists at the top), apps/web's
 * green, apps/api's never run (it fails). The integration harness opens `apps/web` in a window of
 * its own; the suite that asserts on it (test/integration/subfolderWindow.test.ts) runs only there.
 */
export const SUBFOLDER_WINDOW_REPO = 'subwin';
export const SUBFOLDER_WINDOW_TITLE = 'opened at apps/web';

const pipeline = (stage: string, run: string): string => `version: 1\nstages:\n  - name: ${stage}\n    run: ${run}\n`;

/** Makes `<dir>/subwin`, runs the top red and apps/web green with the real CLI (`cli`: dist/cli.js), and returns `<dir>/subwin/apps/web`. */
export function createSubfolderWindowRepo(dir: string, cli: string): string {
  const repo = initRepo(path.join(dir, SUBFOLDER_WINDOW_REPO));
  const files: Record<string, string> = {
    '.gitignore': 'top-fixed\n',
    '.gearshift.yml': pipeline('Top Tests', 'test -f top-fixed || { echo top-fails; exit 1; }'),
    'apps/web/.gearshift.yml': pipeline('Web Tests', 'echo web-ok'),
    'apps/api/.gearshift.yml': pipeline('API Tests', 'echo api-fails; exit 1'),
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  }
  git(repo, 'add', '-A');
  commit(repo, 'three pipelines');
  runCli(cli, repo, 1);
  runCli(cli, path.join(repo, 'apps', 'web'), 0);
  return path.join(repo, 'apps', 'web');
}

function runCli(cli: string, cwd: string, expected: number): void {
  const r = spawnSync(process.execPath, [cli, 'run', '--no-alerts'], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  if (r.status !== expected) { throw new Error(`gearshift run in ${cwd} exited ${String(r.status)}, not ${expected}:\n${r.stdout}\n${r.stderr}`); }
}
