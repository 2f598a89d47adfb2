/**
 * Feature toggles: `listFlags` (flagd-core parse + evaluation, git history of the file, one
 * git grep for every key's references) for 500 flags in a 10,000-file repository, against a
 * bare `git grep -F` of the same 500 keys in the same repository — the floor any reference
 * search pays. A ratio, so it holds across machines.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFlags } from '../src/core/flags';
import { median, type Figure } from './report';

const FLAGS = 500;
const FILES = 10_000;
const RUNS = 5;

function makeRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-bench-flags-'));
  const git = (...args: string[]): void => { execFileSync('git', args, { cwd: root, stdio: 'ignore' }); };
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@gearshift.invalid');
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < FLAGS; i++) { flags[`feature.${i}-toggle`] = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: i % 2 ? 'on' : 'off' }; }
  fs.writeFileSync(path.join(root, 'flags.json'), `${JSON.stringify({ flags }, undefined, 2)}\n`);
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, 'src', `m${i % 100}`);
    fs.mkdirSync(dir, { recursive: true });
    const lines = Array.from({ length: 30 }, (_, l) => (l === 7 && i % 4 === 0 ? `if (client.getBooleanValue("feature.${i % FLAGS}-toggle", false)) { run(${i}); }` : `const v${l} = compute(${i}, ${l});`));
    fs.writeFileSync(path.join(dir, `f${i}.ts`), `${lines.join('\n')}\n`);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'bench repo');
  return root;
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function flagsFigures(): Promise<Figure[]> {
  const root = makeRepo();
  try {
    const keys = Array.from({ length: FLAGS }, (_, i) => `feature.${i}-toggle`);
    const bare: number[] = [];
    const list: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      bare.push(await time(() => execFileSync('git', ['grep', '-F', '-n', ...keys.flatMap((k) => ['-e', k])], { cwd: root, maxBuffer: 256 * 1024 * 1024 })));
      list.push(await time(() => listFlags({ root, historyFile: path.join(root, '.git', 'h.jsonl') })));
    }
    const b = median(bare);
    const l = median(list);
    return [
      { name: `bare git grep -F of ${FLAGS} keys, ${FILES} files`, value: `${b.toFixed(0)} ms`, note: `median of ${RUNS}` },
      { name: `flags list (+ references, ages, stale) ${FLAGS} flags`, value: `${l.toFixed(0)} ms`, note: `${(l / b).toFixed(2)}× the bare git grep` },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
