/**
 * gears/reverts revertsFrom: whether a reverted commit had reached production, asked of real git
 * when the window's lead times do not say (`git merge-base --is-ancestor` against the last
 * deploy before the revert's). Exit 1 means "not an ancestor": such a revert is not rework.
 * (simple-git resolved that exit, with nothing on stderr, as success: every such revert counted.)
 */
import * as assert from 'node:assert/strict';
import { revertsFrom } from '../../../src/core/gears/reverts';
import { cleanupTempDirs, commitFile, initRepo } from '../../support/git';

describe('gears/reverts: was the reverted commit deployed?', function () {
  this.timeout(30_000);
  after(cleanupTempDirs);

  it('asks git when the lead times do not know the reverted commit: an ancestor of the deploy before is deployed, a later commit is not', async () => {
    const repo = initRepo();
    const a = commitFile(repo, 'a.txt', 'a\n', 'A');
    const b = commitFile(repo, 'b.txt', 'b\n', 'B');
    const revertOfB = commitFile(repo, 'b.txt', '', `Revert "B"\n\nThis reverts commit ${b}.`);
    const revertOfA = commitFile(repo, 'a.txt', '', `Revert "A"\n\nThis reverts commit ${a}.`);
    const at = (day: number): string => new Date(Date.UTC(2026, 10, day)).toISOString();
    const deploys = [{ sha: a, at: at(1) }, { sha: revertOfA, at: at(3) }];
    // Only the reverts are in the window's lead times, both delivered by the second deploy.
    const leads = [revertOfB, revertOfA].map((sha) => ({ sha, committedAtMs: Date.parse(at(2)), deploySha: revertOfA, deployedAtMs: Date.parse(at(3)), leadMs: 86_400_000 }));
    const text = [revertOfB, revertOfA].map((sha, i) => `${sha}\0Revert\n\nThis reverts commit ${[b, a][i]}.\x1e`).join('\n');
    const facts = await revertsFrom(text, repo, (sha) => leads.find((l) => l.sha === sha), deploys);
    assert.deepEqual(facts.map((f) => [f.revertedSha, f.revertedDeployed]), [[b, false], [a, true]]);
  });
});
