/**
 * review5: the fold (core/gears/keptGaugeFold.ts) against a read of the file in a repository
 * whose runs deploy real commits, some of them reverts, so lead time, reverts and (with
 * `gears.deployTags`) release tags are measured; calls at later and later clocks, well past the
 * gauge's horizon, after many folds. Every answer must be a read's (keptGauge.ts `uncached`).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid } from '../history/historyFixture';
import { Workspaces } from '../../support/workspaces';
import { useFrozenClock } from '../../support/frozenClock';
import { git, gitDate, gitWith } from '../../support/git';
import { answer, historyOf, lastCallOf, stateDir, uncached, type Answer } from './keptGauge';
import { FUZZ_PIPELINE, RandomRuns } from './randomRuns';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('review5: status --json / gear --json fold appended runs of real commits as a read of the file answers', function () {
  this.timeout(240_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const runs = new RandomRuns(deadPid());
  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });

  function commit(repo: string, message: string, at: number): string {
    fs.writeFileSync(path.join(repo, 'f.txt'), `${message} ${at}\n`);
    gitWith(repo, gitDate(at), 'commit', '-qam', message);
    return git(repo, 'rev-parse', 'HEAD');
  }

  /** Commit i at t (every seventh a revert of the one five before); tagged v<i> now and then. */
  function nextCommit(repo: string, shas: string[], t: number, tags: boolean): string {
    const i = shas.length;
    const sha = i % 7 === 6 && i >= 5
      ? commit(repo, `Revert "change ${i - 5}"\n\nThis reverts commit ${shas[i - 5]}.`, t)
      : commit(repo, `change ${i}`, t);
    shas.push(sha);
    if (tags && i % 3 === 0) { gitWith(repo, gitDate(t), 'tag', `v${i}`); }
    return sha;
  }

  for (const tags of [false, true]) {
    it(`commits deployed over 150 days, folded call after call, later clocks${tags ? ', with deployTags' : ''}`, async () => {
      runs.reseed(tags ? 5151 : 6161);
      const repo = ws.repo(FUZZ_PIPELINE);
      if (tags) { fs.appendFileSync(path.join(repo, '.gearshift.yml'), 'gears:\n  deployTags: "v*"\n'); }
      fs.writeFileSync(path.join(repo, 'f.txt'), 'start\n');
      git(repo, 'add', '.');
      gitWith(repo, gitDate(NOW - 400 * DAY), 'commit', '-qm', 'base');
      const shas: string[] = [];
      let t = NOW - 300 * DAY;
      let lines = '';
      for (let i = 0; i < 150; i++) {
        t += DAY;
        // Some commits go untagged and undeployed now and then; tags may re-tag an old commit.
        const sha = nextCommit(repo, shas, t, tags);
        lines += runs.oneRun(i, t + HOUR, ['full', 'full', 'full', 'redDeploy', 'alert', 'rollback', 'redBuild'], sha);
      }
      fs.mkdirSync(stateDir(repo), { recursive: true });
      fs.writeFileSync(historyOf(repo), lines);
      clock.advance(t + 2 * HOUR - NOW);
      let elapsed = t + 2 * HOUR - NOW;
      assert.strictEqual(text(await answer(repo)), text(await uncached(repo)), 'the first call');
      let folds = 0;
      for (let step = 0; step < 60; step++) {
        const gap = step % 10 === 9 ? 12 * DAY : DAY;
        t += gap;
        const sha = nextCommit(repo, shas, t, tags);
        if (tags && step % 11 === 5) { gitWith(repo, gitDate(t), 'tag', `re${step}`, shas[step]); gitWith(repo, gitDate(t), 'tag', `v-re${step}`, shas[step]); }
        fs.appendFileSync(historyOf(repo), runs.oneRun(1000 + step, t + HOUR, ['full', 'full', 'redDeploy', 'alert', 'rollback'], sha));
        clock.advance(gap); elapsed += gap;
        const args = step % 2 === 0 ? ['status', '--json'] : ['gear', '--json'];
        const reference = text(await uncached(repo, args));
        assert.strictEqual(text(await answer(repo, args)), reference, `step ${step} (${args[0]})`);
        if (lastCallOf(repo) !== 'other') { folds++; }
      }
      // With deployTags nothing is folded (cli/gauge.ts foldAppended): see the test below.
      assert.ok(tags ? folds === 0 : folds > 20, `folded ${folds} times`);
      clock.advance(-elapsed);
    });
  }
});

describe('review5: a kept gauge folded for months reaches back past the window a read of the file takes', function () {
  this.timeout(240_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const runs = new RandomRuns(deadPid());
  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });

  it('with deployTags: a release tag put today on a commit a run deployed 280 days ago counts as the read counts it', async () => {
    runs.reseed(2024);
    const repo = ws.repo(FUZZ_PIPELINE);
    fs.appendFileSync(path.join(repo, '.gearshift.yml'), 'gears:\n  deployTags: "v*"\n');
    fs.writeFileSync(path.join(repo, 'f.txt'), 'old\n');
    git(repo, 'add', '.');
    const deployedAt = NOW - 280 * DAY;
    gitWith(repo, gitDate(deployedAt - HOUR), 'commit', '-qm', 'the release deployed 280 days ago');
    const old = git(repo, 'rev-parse', 'HEAD');
    // 2000 runs 3 h apart up to 100 days ago (a read at the end takes ≈ 212 days); the one 280 days ago deployed `old`.
    const first = NOW - 100 * DAY - 1999 * 3 * HOUR;
    let lines = '';
    for (let i = 0; i < 2000; i++) {
      const at = first + i * 3 * HOUR;
      const deploysOld = Math.abs(at - deployedAt) < 90 * 60_000;
      lines += runs.oneRun(i, at, deploysOld ? ['full'] : ['full', 'full', 'redBuild', 'partial'], deploysOld ? old : undefined);
    }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    let elapsed = -100 * DAY + HOUR;
    clock.advance(elapsed);
    await answer(repo);
    for (let day = 1; day <= 100; day++) {
      fs.appendFileSync(historyOf(repo), runs.oneRun(5000 + day, NOW - (100 - day) * DAY - 30 * 60_000, ['full']));
      clock.advance(DAY); elapsed += DAY;
      await answer(repo, ['gear', '--json']);
    }
    // Before the fix the kept gauge held 100 folds and all 2100 runs, the read ≈ 1000 runs (back ≈ 212 days): 90 deploys against 91.
    gitWith(repo, gitDate(NOW - 2 * HOUR), 'tag', '-a', '-m', 'again', 'v-again', old); // annotated: dated today
    const reference = text(await uncached(repo, ['gear', '--json']));
    assert.strictEqual(text(await answer(repo, ['gear', '--json'])), reference);
    clock.advance(-elapsed);
  });
});
