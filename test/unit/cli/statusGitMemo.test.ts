import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRun, rawLine, stage } from '../history/historyFixture';
import { commitAt, git, gitDate, gitWith, tempDir } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';
import { useFrozenClock } from '../../support/frozenClock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

/**
 * `status --json` keeps git's answers for the gauge in .git/gearshift/gauge-git.json: with HEAD
 * unchanged a call starts no git process, and every answer is the one a call without it gives.
 */
describe('status --json: the gauge\'s git memo', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());

  const memoOf = (repo: string): string => path.join(repo, '.git', 'gearshift', 'gauge-git.json');

  /** A commit every 6 hours for 20 days, each deployed by a green run an hour later (one in 5 red). */
  function deployedRepo(): string {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]));
    const lines: string[] = [];
    for (let i = 0; i < 80; i++) {
      const t = NOW - (80 - i) * 6 * HOUR + 17 * 60_000;
      const sha = commitAt(repo, `change ${i}`, t);
      const at = new Date(t + HOUR).toISOString();
      const end = new Date(t + HOUR + 90_000).toISOString();
      const red = i % 5 === 2;
      const run = makeRun(`run-${i}`, { sha, startedAt: at, state: 'running', stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
      const stages = [stage('Build', 'passed', { durationMs: 60_000 }), stage('Deploy', red ? 'failed' : 'passed', { durationMs: 30_000 })];
      lines.push(rawLine('start', run, { at }), rawLine('end', { ...run, state: red ? 'red' : 'green', endedAt: end, stages }, { at: end }));
    }
    fs.mkdirSync(path.join(repo, '.git', 'gearshift'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.git', 'gearshift', 'history.jsonl'), lines.join(''));
    return repo;
  }

  async function statusJson(repo: string, withoutGit = false): Promise<string> {
    const saved = process.env.PATH;
    if (withoutGit) { process.env.PATH = tempDir('gearshift-no-git-'); } // only a memo can answer now
    try {
      const r = await runMain(['status', '--json'], { cwd: repo });
      assert.strictEqual(r.code, 0, r.stderr);
      return JSON.stringify([r.stdout, r.stderr]);
    } finally {
      process.env.PATH = saved;
    }
  }

  /** git's own answer: the call runs with no memo, and the memo that was there is put back untouched. */
  async function withoutMemo(repo: string): Promise<string> {
    const kept = fs.existsSync(memoOf(repo)) ? fs.readFileSync(memoOf(repo)) : undefined;
    fs.rmSync(memoOf(repo), { force: true });
    try {
      return await statusJson(repo);
    } finally {
      fs.rmSync(memoOf(repo), { force: true });
      if (kept) { fs.writeFileSync(memoOf(repo), kept); }
    }
  }

  it('warm: no git process and the same answer; after a commit, a reset and a rewritten commit: git\'s new answer', async () => {
    const repo = deployedRepo();
    const reference = await withoutMemo(repo);
    assert.ok(reference.includes('median commit → production over 80 commits'), `lead times measured from git: ${reference.slice(0, 300)}`);
    assert.strictEqual(await statusJson(repo), reference, 'cold: the call that writes the memo');
    assert.ok(fs.existsSync(memoOf(repo)));
    assert.strictEqual(await statusJson(repo, true), reference, 'warm, git out of reach');
    clock.advance(10 * 60_000);
    const later = await withoutMemo(repo);
    assert.strictEqual(await statusJson(repo, true), later, 'ten minutes on: the memo written ten minutes ago still answers');

    // [what, whether the memo steps across it (a plain commit on top: 14g step 4)]
    const moves: [string, () => void, boolean][] = [
      ['a new commit, not deployed yet', () => { commitAt(repo, 'new', clock.now - HOUR); }, true],
      ['HEAD reset three commits back', () => { git(repo, 'reset', '-q', '--hard', 'HEAD~3'); }, false],
      ['HEAD\'s commit rewritten with an older time', () => { gitWith(repo, gitDate(clock.now - 300 * DAY), 'commit', '-q', '--amend', '--allow-empty', '-m', 'amended'); }, false],
    ];
    for (const [what, move, steps] of moves) {
      const before = await statusJson(repo);
      move();
      const truth = await withoutMemo(repo);
      assert.notStrictEqual(truth, before, `${what} changes the answer`);
      if (steps) {
        assert.strictEqual(await statusJson(repo, true), truth, `${what}: the memo steps across it, git out of reach`);
        continue;
      }
      assert.match(await statusJson(repo, true), /gauge: git: .*ENOENT/, `${what}: the memo must not answer`);
      await statusJson(repo);
      assert.strictEqual(await statusJson(repo, true), truth, `${what}: git's answer, then kept`);
    }
  });
});
