/** Temp folders and git repos for the CLI tests (unit: in-process, system: real processes), removed after each test. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFixtureRepo } from './fixtureRepo';
import { git, initRepo } from './git';

export class Workspaces {
  private readonly dirs: string[] = [];

  /** An empty folder, not in any git repository. */
  folder(files: Record<string, string> = {}): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-cli-')));
    this.dirs.push(dir);
    writeFiles(dir, files);
    return dir;
  }

  /** A repo with a few commits and `pipeline` committed as .gearshift.yml. */
  repo(pipeline: string): string {
    const dir = this.folder();
    createFixtureRepo(dir, { pipeline });
    return dir;
  }

  /** `repo(pipeline)` with `files` (path → text) written and committed on top, in one commit. */
  repoWith(pipeline: string, files: Record<string, string>): string {
    const dir = this.repo(pipeline);
    writeFiles(dir, files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'the test\'s files');
    return dir;
  }

  /** `git init` only: HEAD points at a branch with no commits yet. */
  emptyRepo(files: Record<string, string> = {}): string {
    const dir = this.folder(files);
    initRepo(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) { fs.rmSync(dir, { recursive: true, force: true }); }
  }
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** `.gearshift.yml` text from `name: command` pairs (plus raw extra lines per stage). */
export function pipeline(stages: Array<{ name: string; run: string; extra?: string[] }>): string {
  const lines = ['version: 1', 'stages:'];
  for (const s of stages) {
    lines.push(`  - name: ${s.name}`, `    run: ${JSON.stringify(s.run)}`, ...(s.extra ?? []).map((l) => `    ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The run lines (start, end) of the repo's history; `stage`, `stageEnd` and `cancel` lines (a stage's process group, its end, a cancel asked for) left out. */
export function historyLines(repo: string): string[] {
  const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '') : [];
  return lines.filter((l) => !l.startsWith('{"v":1,"kind":"stage"') && !l.startsWith('{"v":1,"kind":"stageEnd"') && !l.startsWith('{"v":1,"kind":"cancel"'));
}
