import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git, initRepo } from './git';

/**
 * A monorepo opened as a multi-root workspace (review20 M1): one repository, `a/.gearshift.yml`
 * (a failing stage) and `b/.gearshift.yml` (a passing one), its two folders in a
 * `.code-workspace` file. The integration harness opens it in a second window; the suite that
 * asserts on it (test/integration/monorepo.test.ts) runs only there.
 */
export const MONOREPO_WORKSPACE_FILE = 'monorepo.code-workspace';
export const MONOREPO_PIPELINES = [
  { folder: 'a', stage: 'A Tests', run: 'echo a-fails; exit 1' },
  { folder: 'b', stage: 'B Tests', run: 'echo b-ok' },
] as const;

/** Makes `<dir>/mono` and `<dir>/monorepo.code-workspace`; returns the workspace file. */
export function createMonorepoWorkspace(dir: string): string {
  const repo = initRepo(path.join(dir, 'mono'));
  for (const p of MONOREPO_PIPELINES) {
    fs.mkdirSync(path.join(repo, p.folder));
    fs.writeFileSync(path.join(repo, p.folder, '.gearshift.yml'), `version: 1\nstages:\n  - name: ${p.stage}\n    run: ${p.run}\n`);
  }
  git(repo, 'add', '-A');
  commit(repo, 'two pipelines');
  const file = path.join(dir, MONOREPO_WORKSPACE_FILE);
  fs.writeFileSync(file, JSON.stringify({ folders: MONOREPO_PIPELINES.map((p) => ({ path: `mono/${p.folder}` })) }, null, 2));
  return file;
}
