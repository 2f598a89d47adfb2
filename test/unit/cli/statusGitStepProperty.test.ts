/**
 * Issue 14 (14g step 4): the gauge's git memo stepped across a new HEAD (core/gears/gaugeGitStep.ts).
 * A differential property test: review4's random histories (randomHistory.ts: reverts, commits
 * off HEAD, skewed dates), then the 5th-gear loop — a move of HEAD, a run appended, `status
 * --json` / `gear --json` — with every cache against the same call with every cache moved aside
 * (git's memo too). The moves: a commit on top (dated now, or earlier than its parent, within
 * the bound or before it), a line of commits, a move forward onto a deployed side commit, and
 * what must ask git again: a revert, a merge, a commit packed by `git gc` or `git repack`, an
 * amend, a reset to an older commit. git processes are counted (a `git` on PATH that logs
 * each call): a step asks git nothing about HEAD's window (no bounded log of HEAD, no reverts'
 * log), each move git must see does. (Tip loads of deployed commits off HEAD name the old HEAD,
 * `^old`: git is asked for them again after a step, as before.)
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cleanupTempDirs, commitAt, git, gitDate, gitWith, initRepo, tempDir } from '../../support/git';
import { useFrozenClock } from '../../support/frozenClock';
import { answer, fresh, historyOf, stateDir, uncached, type Answer } from './keptGauge';
import { randomHistory } from './randomHistory';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY + 12 * HOUR;
/** Moves a step answers without git, and moves git must see. */
const STEPPED = ['commit', 'skewed', 'chain', 'forward'] as const;
const ASKED = ['revert', 'merge', 'gc', 'repack', 'amend', 'reset', 'early'] as const;
/** HEAD's bounded log: one revision, no `^exclusion` (a tip load has some). */
const HEAD_LOG = /^log .*--format=%H%x09%ct%x09%P .*--end-of-options [0-9a-f]+ --$/;
type Move = typeof STEPPED[number] | typeof ASKED[number] | 'none';

describe('status --json / gear --json after each run in 5th gear: git\'s memo stepped across a new HEAD, against a read of everything (issue 14)', function () {
  this.timeout(600_000);
  const clock = useFrozenClock(NOW);
  afterEach(cleanupTempDirs);
  const gen = randomHistory(NOW);
  const { rnd, pick, commits, oneRun, history } = gen;
  const tally = new Map<Move, { calls: number; noGit: number }>();

  /** A `git` first on PATH that appends a line to `log` for each process, then runs the real one. */
  function gitShim(): { dir: string; log: string } {
    const dir = tempDir('gearshift-git-shim-');
    const log = path.join(dir, 'calls.log');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(dir, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(log, '');
    return { dir, log };
  }

  /** Counts git's answers for HEAD's window, what a step gives without git: HEAD's bounded log (one revision, no exclusions) and the reverts' log (--grep). */
  async function counted(shim: { dir: string; log: string }, f: () => Promise<Answer>): Promise<{ got: Answer; processes: number }> {
    const saved = process.env.PATH;
    fs.writeFileSync(shim.log, '');
    process.env.PATH = `${shim.dir}${path.delimiter}${saved}`;
    try {
      const got = await f();
      const calls = fs.readFileSync(shim.log, 'utf8').split('\n').filter(Boolean);
      return { got, processes: calls.filter((c) => HEAD_LOG.test(c) || c.includes('--grep=')).length };
    } finally {
      process.env.PATH = saved;
    }
  }

  const memoFile = (repo: string): string => path.join(stateDir(repo), 'gauge-git.json');
  const memoOf = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

  /** The memo a call with every cache moved aside writes (git's own answers), the memo there put back. */
  async function freshMemo(repo: string): Promise<string> {
    const file = memoFile(repo);
    fs.renameSync(file, `${file}.aside`);
    try {
      await uncached(repo);
      return fs.readFileSync(file, 'utf8');
    } finally {
      fs.rmSync(file, { force: true });
      fs.renameSync(`${file}.aside`, file);
    }
  }

  function appendRun(repo: string, i: number, sha: string, deploy: boolean): void {
    fs.appendFileSync(historyOf(repo), oneRun(i, clock.now - 10 * MIN, sha, deploy).text);
  }

  /** Moves HEAD as `move` says; returns a side commit to deploy first (forward), else nothing. */
  function moveHead(repo: string, move: Move, n: number): void {
    const head = git(repo, 'rev-parse', 'HEAD');
    const headAt = Number(git(repo, 'log', '-1', '--format=%ct', 'HEAD')) * 1000;
    const bound = clock.now - 3 * DAY; // the window (2 days) and git's slack (a day)
    if (move === 'commit') { commitAt(repo, `step ${n}`, clock.now - 20 * MIN); }
    if (move === 'skewed') { commitAt(repo, `step ${n}, a clock behind`, Math.max(bound + HOUR, headAt - Math.floor(rnd() * 2 * DAY))); }
    if (move === 'early') { commitAt(repo, `step ${n}, before the bound`, bound - HOUR - Math.floor(rnd() * DAY)); }
    if (move === 'chain') { for (let k = 0; k < 2 + Math.floor(rnd() * 3); k++) { commitAt(repo, `step ${n}.${k}`, clock.now - (30 - k) * MIN); } }
    if (move === 'revert') { commitAt(repo, `Revert "something"\n\nThis reverts commit ${pick(git(repo, 'rev-list', '-n', '20', 'HEAD').split('\n'))}.`, clock.now - 20 * MIN); }
    if (move === 'merge') {
      const side = gitWith(repo, gitDate(clock.now - HOUR), 'commit-tree', git(repo, 'rev-parse', 'HEAD^{tree}'), '-p', 'HEAD', '-m', `side ${n}`);
      gitWith(repo, gitDate(clock.now - 20 * MIN), 'merge', '-q', '--no-ff', '-m', `merge ${n}`, side);
    }
    if (move === 'gc') { commitAt(repo, `step ${n}, packed`, clock.now - 20 * MIN); git(repo, 'gc', '-q'); }
    if (move === 'repack') { commitAt(repo, `step ${n}, packed`, clock.now - 20 * MIN); git(repo, 'repack', '-adq'); }
    if (move === 'amend') { gitWith(repo, gitDate(clock.now - 20 * MIN), 'commit', '-q', '--amend', '--allow-empty', '-m', `amended ${n}`); }
    if (move === 'reset') { git(repo, 'reset', '-q', '--hard', git(repo, 'rev-list', '--max-count=1', '--skip=2', head) || head); }
  }

  async function compare(repo: string, shim: { dir: string; log: string }, move: Move, what: string): Promise<void> {
    const args = pick([['status', '--json'], ['gear', '--json']]);
    const { got, processes } = await counted(shim, () => answer(repo, args));
    assert.deepStrictEqual(got, await fresh(repo, args), `${what}: ${args[0]}`);
    const t = tally.get(move) ?? { calls: 0, noGit: 0 };
    tally.set(move, { calls: t.calls + 1, noGit: t.noGit + (processes === 0 ? 1 : 0) });
    if (fs.existsSync(memoFile(repo))) {
      const [kept, truth] = [memoOf(fs.readFileSync(memoFile(repo), 'utf8')), memoOf(await freshMemo(repo))];
      assert.deepStrictEqual([kept.graph, kept.reverts], [truth.graph, truth.reverts], `${what}: the memo is git's answer`);
      // Owners are kept when a call claimed any: where both hold them, the same claims.
      if (kept.owners && truth.owners) { assert.deepStrictEqual(kept.owners, truth.owners, `${what}: the memo's owners`); }
    }
  }

  for (let scenario = 0; scenario < Number(process.env.GEARSHIFT_FUZZ_N ?? 4); scenario++) {
    it(`scenario ${scenario}`, async () => {
      gen.seed = 7919 * (scenario + 11);
      const repo = initRepo();
      history(repo, commits(repo));
      const shim = gitShim();
      await answer(repo);
      await answer(repo); // git's memo, written by the first call
      for (let n = 0; n < 24; n++) {
        clock.advance(MIN + Math.floor(rnd() * 40 * MIN));
        const move: Move = pick([...STEPPED, ...STEPPED, ...ASKED, 'none']);
        if (move === 'forward') { // a deployed commit off HEAD (a tip load in the memo), then HEAD moves onto it
          const side = gitWith(repo, gitDate(clock.now - 30 * MIN), 'commit-tree', git(repo, 'rev-parse', 'HEAD^{tree}'), '-p', 'HEAD', '-m', `side ${n}`);
          appendRun(repo, 5000 + 2 * n, side, true);
          await compare(repo, shim, 'none', `scenario ${scenario} move ${n}: a side commit deployed`);
          git(repo, 'reset', '-q', '--hard', side);
        } else {
          moveHead(repo, move, n);
        }
        if (rnd() < 0.7) { appendRun(repo, 5001 + 2 * n, git(repo, 'rev-parse', 'HEAD'), rnd() < 0.7); }
        await compare(repo, shim, move, `scenario ${scenario} move ${n}: ${move}`);
      }
    });
  }

  it('each move git must see asked git for HEAD\'s window; the steps did not', () => {
    const lines = [...tally].map(([m, t]) => `${m}: ${t.noGit} of ${t.calls} without git's window log`).join('; ');
    for (const m of ASKED) { assert.strictEqual(tally.get(m)?.noGit ?? 0, 0, `${m} answered without git's window log: ${lines}`); }
    for (const m of STEPPED) { assert.ok((tally.get(m)?.noGit ?? 0) > 0, `${m} never answered without git's window log: ${lines}`); }
    const steps = STEPPED.reduce((s, m) => s + (tally.get(m)?.noGit ?? 0), 0);
    const calls = STEPPED.reduce((s, m) => s + (tally.get(m)?.calls ?? 0), 0);
    assert.ok(steps * 2 > calls, `most steps without git's window log: ${lines}`);
    if (process.env.GITSTEP_DEBUG) { console.log(lines); }
  });
});
