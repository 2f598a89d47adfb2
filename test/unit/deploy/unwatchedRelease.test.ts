/**
 * walkedit33 H1: a window reload during a commit's run made blue live with it, then cancelled the
 * run in its monitoring. deploy.json and the run's record below are the shapes that run left
 * (/tmp/walkedit33/app/.git/gearshift, trimmed), written to a real folder and read back.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unwatchedReleaseIn, unwatchedReleaseText, WINDOW_CLOSED_REASON } from '../../../src/core/deploy';
import type { RunRecord } from '../../../src/core/pipeline';
import { tempDir } from '../../support/git';

const RUN = '3fd38e9b-dc05-4d43-8f9f-8ccdab7c1555';
const SHA = '22d4fd81d4090a5003f9b0a2bcda3128867f2597';
const OLD = '9baa35b1cd113fad76fa8b3f4451a3e7e463cc16';

const run = (extra: Partial<RunRecord> = {}): RunRecord => ({
  id: RUN, sha: SHA, branch: 'main', trigger: 'commit', startedAt: '2026-12-06T18:05:19.548Z', state: 'cancelled', stages: [],
  cancelReason: WINDOW_CLOSED_REASON, ...extra,
});

function deployJson(over: Record<string, unknown> = {}): string {
  const dir = tempDir('gearshift-unwatched-');
  const state = {
    version: 1, live: 'blue', previous: 'green',
    slots: { blue: { sha: SHA, deployedAt: '2026-12-06T18:05:31.949Z', runId: RUN }, green: { sha: OLD, deployedAt: '2026-12-06T18:03:18.988Z', runId: '95fe0a25-0000-4000-8000-000000000000' } },
    records: [
      { id: 'a', at: '2026-12-06T18:03:18.988Z', environment: 'production', sha: OLD, slot: 'green', runId: '95fe0a25-0000-4000-8000-000000000000', kind: 'deploy', result: 'ok' },
      { id: 'b', at: '2026-12-06T18:05:31.949Z', environment: 'production', sha: SHA, slot: 'blue', runId: RUN, kind: 'deploy', result: 'ok' },
    ],
    ...over,
  };
  fs.writeFileSync(path.join(dir, 'deploy.json'), JSON.stringify(state));
  return dir;
}

describe('a release the window\'s shutdown left live and unwatched', () => {
  it('is the slot the cancelled run made live, named with its commit', async () => {
    const found = await unwatchedReleaseIn(run(), deployJson());
    assert.deepEqual(found, { runId: RUN, sha: SHA, slot: 'blue' });
    assert.equal(unwatchedReleaseText(found), 'The run of 22d4fd81 was cancelled when the window closed, after slot blue went live with it; monitoring did not finish.');
  });

  it('prints a slot name from a hand-edited deploy.json as data: no terminal escapes reach the notice', () => {
    const hostile = 'blue\u001b]8;;https://evil.example\u0007';
    const text = unwatchedReleaseText({ runId: RUN, sha: SHA, slot: hostile });
    assert.ok([...text].every((c) => c.charCodeAt(0) >= 0x20), text);
    assert.match(text, /after slot blue.*went live with it/u);
  });

  it('is found from the deploy record alone when a later deploy of the same commit took over the slot\'s run id', async () => {
    const slots = { blue: { sha: SHA, deployedAt: '2026-12-06T18:06:00.000Z', runId: 'other' }, green: { sha: OLD, deployedAt: '2026-12-06T18:03:18.988Z', runId: 'x' } };
    assert.deepEqual(await unwatchedReleaseIn(run(), deployJson({ slots })), { runId: RUN, sha: SHA, slot: 'blue' });
  });

  it('is nothing when the run never switched, was rolled back since, or was stopped another way', async () => {
    const notSwitched = { live: 'green', previous: 'blue' }; // its slot is idle: the old release still serves
    assert.equal(await unwatchedReleaseIn(run(), deployJson(notSwitched)), undefined);
    assert.equal(await unwatchedReleaseIn(run({ cancelReason: 'stopped by the user' }), deployJson()), undefined);
    assert.equal(await unwatchedReleaseIn(run({ state: 'green' }), deployJson()), undefined);
    assert.equal(await unwatchedReleaseIn(run({ id: 'another-run' }), deployJson()), undefined);
    assert.equal(await unwatchedReleaseIn(undefined, deployJson()), undefined);
  });

  it('is nothing when deploy.json is missing or unreadable, instead of a guess', async () => {
    assert.equal(await unwatchedReleaseIn(run(), tempDir('gearshift-unwatched-')), undefined);
    const dir = tempDir('gearshift-unwatched-');
    fs.writeFileSync(path.join(dir, 'deploy.json'), '{ not json');
    assert.equal(await unwatchedReleaseIn(run(), dir), undefined);
  });
});
