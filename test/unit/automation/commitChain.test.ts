import * as assert from 'node:assert/strict';
import { CHAIN_LIMIT, CommitChain } from '../../../src/core/automation/commitChain';
import type { CommitInfo, PlannedRun } from '../../../src/core/git';
import type { RunRecord } from '../../../src/core/pipeline';

/**
 * The chain rule on its own (no I/O, so the clock and the commits are given): review31 M3 and M4.
 * Each round: a run of `sha` from `start`, commits made during it, its stages ending with HEAD at
 * `headAfter`; the next plan covers those commits.
 */
describe('CommitChain: when commits made during a run make a chain', () => {
  const infos = new Map<string, CommitInfo>();
  const info = (sha: string): CommitInfo | undefined => infos.get(sha);
  let n = 0;
  const commit = (parent: string, atMs: number): string => {
    const sha = (++n).toString(16).padStart(40, 'a');
    infos.set(sha, { sha, parents: [parent], branch: 'main', author: 'dev', time: new Date(atMs).toISOString(), subject: `c${n}` } as CommitInfo);
    return sha;
  };

  /** Runs of a plan each, where each run makes `gaps` commits during it (ms between them); the number refused. */
  function rounds(count: number, gaps: number[], headAfterIndex: (covers: string[]) => number, coveredLater = false): { refused: number; depthRuns: number; reason?: string } {
    const chain = new CommitChain();
    let t = Date.UTC(2026, 11, 6, 12);
    let sha = commit('0'.repeat(40), t);
    chain.started(sha, undefined, info, t); // by hand: depth 0
    let refused = 0;
    let reason: string | undefined;
    for (let i = 0; i < count; i++) {
      let parent = sha;
      const covers: string[] = [];
      let at = t + 1000;
      for (const gap of gaps) { at += gap; parent = commit(parent, at); covers.push(parent); }
      chain.ended(sha, covers[headAfterIndex(covers)], at + 1000);
      const plan: PlannedRun = { sha: parent, branch: 'main', covers };
      t = at + 2000;
      reason = chain.refusal(plan, info, coveredLater);
      if (reason !== undefined) { refused++; break; }
      chain.started(plan.sha, plan, info, t);
      sha = plan.sha;
    }
    return { refused, depthRuns: count, ...(reason !== undefined ? { reason } : {}) };
  }

  /** Runs where each amends the last run's commit during it (same parent), HEAD left there or not; the number refused. */
  function amendRounds(count: number, leftAsHead = true, afterEnd = false): number {
    const chain = new CommitChain();
    let t = Date.UTC(2026, 11, 6, 12);
    const base = commit('0'.repeat(40), t);
    let sha = commit(base, t);
    chain.started(sha, undefined, info, t);
    for (let i = 0; i < count; i++) {
      const amend = commit(base, afterEnd ? t + 5000 : t + 1000);
      chain.ended(sha, leftAsHead ? amend : undefined, t + 2000);
      const plan: PlannedRun = { sha: amend, branch: 'main', covers: [amend] };
      t += 6000;
      if (chain.refusal(plan, info) !== undefined) { return 1; }
      chain.started(amend, plan, info, t);
      sha = amend;
    }
    return 0;
  }

  it('an amend of the last run\'s commit made during it is a link: refused after CHAIN_LIMIT runs (rereview39 F5)', () => {
    assert.equal(amendRounds(CHAIN_LIMIT + 1), 1);
    assert.equal(amendRounds(CHAIN_LIMIT), 0, 'the first CHAIN_LIMIT runs run: a person amending once during a run is one link');
    assert.equal(amendRounds(CHAIN_LIMIT + 3, false), 0, 'not left as HEAD when its stages ended: no link');
    assert.equal(amendRounds(CHAIN_LIMIT + 3, true, true), 0, 'amended after the run ended: no link');
  });

  it('a stage committing twice, seconds apart: refused after CHAIN_LIMIT runs, whichever of the two HEAD was seen at', () => {
    assert.equal(rounds(CHAIN_LIMIT + 1, [0, 1000], (c) => c.length - 1).refused, 1);
    assert.equal(rounds(CHAIN_LIMIT + 1, [0, 1000], () => 0).refused, 1, 'HEAD seen between the two commits (review31 M4)');
  });

  it('a person committing twice during each slow run, minutes apart: never refused (review31 M3)', () => {
    assert.equal(rounds(CHAIN_LIMIT + 3, [0, 3 * 60_000], (c) => c.length - 1).refused, 0);
  });

  it('one commit per run made during it stays a link, as before', () => {
    assert.equal(rounds(CHAIN_LIMIT + 1, [0], () => 0).refused, 1);
    assert.equal(rounds(CHAIN_LIMIT, [0], () => 0).refused, 0, 'the first CHAIN_LIMIT runs run');
  });

  it('the refusal says the next commit\'s run on its line covers it only when it will (queue: latest)', () => {
    const latest = rounds(CHAIN_LIMIT + 1, [0], () => 0, true).reason ?? '';
    assert.match(latest, /so it was not run; the next commit's run on this line covers it\. If a person made these commits, run it by hand/);
    const all = rounds(CHAIN_LIMIT + 1, [0], () => 0, false).reason ?? '';
    assert.match(all, /so it was not run\. If a person made these commits, run it by hand/);
  });
  /** History's record of a commit trigger's run of `sha` (newest first in `learn`'s list, as history reads). */
  const record = (id: string, sha: string, startMs: number, endMs: number, headMoved: string, state: RunRecord['state'] = 'cancelled'): RunRecord =>
    ({ id, sha, branch: 'main', trigger: 'commit', startedAt: new Date(startMs).toISOString(), endedAt: new Date(endMs).toISOString(), state, stages: [], covers: [sha], headMoved });

  it('learns the links other processes ran from history, and the link a killed run left counts once when it runs again (faults40 F1, F2)', () => {
    const t = Date.UTC(2026, 11, 7, 12);
    const person = commit('0'.repeat(40), t);
    const links = [person];
    for (let i = 1; i <= CHAIN_LIMIT + 1; i++) { links.push(commit(links[i - 1], t + i * 2000 + 500)); }
    const runs = links.slice(0, CHAIN_LIMIT + 1).map((sha, i) => record(`r${i}`, sha, t + (i + 1) * 2000 - 1000, t + (i + 1) * 2000 + 900, links[i + 1]));
    const last = links[CHAIN_LIMIT + 1];
    const plan: PlannedRun = { sha: last, branch: 'main', covers: [last] };
    const chain = new CommitChain();
    assert.equal(chain.refusal(plan, info), undefined, 'it knows no run yet');
    chain.learn([...runs].reverse(), info);
    assert.match(chain.refusal(plan, info) ?? '', /as were the commits of the 3 runs before it/);
    // The second link's run was killed (interrupted) and run again after a restart: the same link, not a new chain.
    const rerun = record('again', links[1], t + 4100, t + 4900, links[2]);
    const withRerun = [runs[0], { ...runs[1], state: 'interrupted' as const, headMoved: undefined }, rerun, ...runs.slice(2)];
    const after = new CommitChain();
    after.learn([...withRerun].reverse(), info);
    assert.match(after.refusal(plan, info) ?? '', /as were the commits of the 3 runs before it/);
  });
});
