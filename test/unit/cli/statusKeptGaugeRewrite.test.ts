/**
 * 14g step 5: after runs are folded into the kept gauge (core/gears/keptGaugeFold.ts), the kept
 * gauge (.git/gearshift/gauge-facts.v8, megabytes) is written again only once the bytes appended
 * since the ones it was kept for reach REWRITE_AFTER_BYTES (cli/gauge.ts keepFolded); until then
 * each call folds every run since those bytes in again. Every answer must be a read's; the file is
 * not replaced (same bytes, same inode) below the threshold and is at it exactly; and the fold's
 * room (foldRoom: runs since the read it was first made from) ends where it ended when every fold
 * was written.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { deadPid } from '../history/historyFixture';
import { Workspaces } from '../../support/workspaces';
import { useFrozenClock } from '../../support/frozenClock';
import { REWRITE_AFTER_BYTES } from '../../../src/core/history';
import { answer, historyOf, keptMadeOf, keptOf, lastCallOf, stateDir, uncached, type Answer } from './keptGauge';
import { FUZZ_PIPELINE, RandomRuns, type RunKind } from './randomRuns';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const KINDS: RunKind[] = ['full', 'full', 'redBuild', 'alert', 'partial', 'rollback'];

describe('status --json: the kept gauge written again after folds only once REWRITE_AFTER_BYTES were appended since (14g step 5)', function () {
  this.timeout(180_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const runs = new RandomRuns(deadPid());
  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });
  const identity = (file: string): string => `${fs.statSync(file).ino}:${fs.readFileSync(file).toString('base64')}`;

  /** A repo with `count` runs an hour apart, the newest two hours before the clock, and its first call made (the gauge kept). */
  async function keptRepo(count: number): Promise<{ repo: string; next: () => number }> {
    const repo = ws.repo(FUZZ_PIPELINE);
    let lines = '';
    for (let i = 0; i < count; i++) { lines += runs.oneRun(i, NOW - (count + 1 - i) * HOUR, KINDS); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)), 'the first call');
    assert.strictEqual(keptMadeOf(keptOf(repo))?.folds, 0, 'kept by a read of the file');
    let t = NOW - HOUR;
    // Runs a minute apart, the clock kept past each one's end (at most 11 minutes after its start).
    return { repo, next: () => { t += 60_000; clock.advance(Math.max(0, t + 15 * 60_000 - clock.now)); return t; } };
  }

  /** Appends `text`; returns its length in bytes. */
  const append = (repo: string, lines: string): number => { fs.appendFileSync(historyOf(repo), lines); return Buffer.byteLength(lines); };

  it('folded from the kept bytes on every call below the threshold, written again at it exactly, then folded from there', async () => {
    runs.reseed(515);
    const { repo, next } = await keptRepo(300);
    const base = keptMadeOf(keptOf(repo))!;
    const kept = identity(keptOf(repo));
    let appended = 0;
    let count = 0;
    for (; appended + 3000 < REWRITE_AFTER_BYTES; count++) {
      appended += append(repo, runs.oneRun(1000 + count, next(), KINDS));
      const reference = count % 8 === 0 ? text(await uncached(repo)) : undefined;
      const got = text(await answer(repo, count % 2 ? ['gear', '--json'] : ['status', '--json']));
      if (reference !== undefined) { assert.strictEqual(got, reference, `${count + 1} runs appended`); }
      assert.strictEqual(lastCallOf(repo), 'folded', `${appended} bytes since the kept gauge: folded in`);
      assert.strictEqual(identity(keptOf(repo)), kept, `${appended} bytes since the kept gauge: not written again`);
    }
    // Up to one byte short, with a run (the rest a whitespace-only line, which every reader skips).
    const run = runs.oneRun(1000 + count++, next(), KINDS);
    appended += append(repo, `${run}${' '.repeat(REWRITE_AFTER_BYTES - 2 - appended - Buffer.byteLength(run))}\n`);
    assert.strictEqual(appended, REWRITE_AFTER_BYTES - 1);
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)), 'one byte short');
    assert.strictEqual(identity(keptOf(repo)), kept, 'one byte short: not written again');
    appended += append(repo, '\n');
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)), 'at the threshold');
    assert.strictEqual(lastCallOf(repo), 'folded and kept', `${appended} bytes: written again for them`);
    assert.deepStrictEqual(keptMadeOf(keptOf(repo)), { read: base.read + count, folds: 1, baseRead: base.baseRead }, 'with every run since folded in, once');
    const rewritten = identity(keptOf(repo));
    append(repo, runs.oneRun(1000 + count, next(), KINDS));
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)), 'a run after it');
    assert.strictEqual(lastCallOf(repo), 'folded');
    assert.strictEqual(identity(keptOf(repo)), rewritten, 'folded from the gauge written at the threshold');
  });

  it('the fold\'s room: the window is read once the runs since the read pass twice its runs, as when every fold was written', async () => {
    runs.reseed(616);
    const { repo, next } = await keptRepo(300);
    const { read, baseRead } = keptMadeOf(keptOf(repo))!;
    const room = 2 * Math.max(baseRead, 256) - read;
    let since = 0;
    let rewrites = 0;
    for (let call = 0; since <= room; call++) {
      let lines = '';
      for (let k = 0; k < 12; k++) { lines += runs.oneRun(2000 + since + k, next(), KINDS); }
      append(repo, lines);
      since += 12;
      const reference = call % 4 === 0 || since > room ? text(await uncached(repo)) : undefined;
      const got = text(await answer(repo));
      if (reference !== undefined) { assert.strictEqual(got, reference, `${since} runs since the read`); }
      const made = keptMadeOf(keptOf(repo))!;
      if (since > room) {
        assert.strictEqual(lastCallOf(repo), 'other', `${since} runs since the read, room for ${room}: the window read`);
        assert.strictEqual(made.folds, 0, 'kept by that read');
      } else {
        assert.notStrictEqual(lastCallOf(repo), 'other', `${since} runs since the read, room for ${room}: folded`);
        if (lastCallOf(repo) === 'folded and kept') { rewrites++; assert.deepStrictEqual([made.read, made.baseRead], [read + since, baseRead]); }
      }
    }
    assert.ok(rewrites >= 2, `written again ${rewrites} times on the way`);
  });
});
