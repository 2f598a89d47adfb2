/**
 * Keep killed with SIGKILL at every point between its durable writes (deploy.json renames,
 * history lines): afterwards the release is still paused or Keep's record is in history, never
 * neither; and `gearshift keep` asked again finishes it with exactly one record. The real CLI
 * (tsc's build) as a child process; a preload (stopBeforeWrite.ts, test-only) stops it just
 * before its Nth write so the kill lands exactly there.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CliProcess, runCli, TSC_CLI, waitForFile } from '../cli/cliProcess';

const PRELOAD = path.join(__dirname, 'stopBeforeWrite.js');
const PAUSED_RUN = '11111111-2222-4333-8444-555555555555';

describe('Keep killed between its writes (real CLI, SIGKILL)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** A repository whose live release (blue) waits for Keep / Roll Back, as an inconclusive deploy leaves it. */
  function pausedRepo(): { repo: string; state: string; history: string } {
    const repo = ws.repo(`${pipeline([{ name: 'Deploy', run: 'true', extra: ['environment: production'] }])}deploy:\n  strategy: blue-green\n  slots: [blue, green]\n  switch: "true"\n`);
    const dir = path.join(repo, '.git', 'gearshift');
    fs.mkdirSync(dir, { recursive: true });
    const sha = git(repo, 'rev-parse', 'HEAD');
    const decision = { runId: PAUSED_RUN, recordId: 'deploy-record-1', sha, slot: 'blue', at: new Date().toISOString(), message: 'health: 1 probe errors in a row' };
    const state = path.join(dir, 'deploy.json');
    fs.writeFileSync(state, JSON.stringify({ version: 1, live: 'blue', slots: {}, records: [], decision }));
    return { repo, state, history: path.join(dir, 'history.jsonl') };
  }

  const paused = (state: string): boolean => (JSON.parse(fs.readFileSync(state, 'utf8')) as { decision?: unknown }).decision !== undefined;

  async function keepRecords(repo: string): Promise<RunRecord[]> {
    const h = await runCli(['history', '--json'], { cwd: repo, cli: TSC_CLI });
    assert.equal(h.code, 0, h.stderr);
    return (JSON.parse(h.stdout) as RunRecord[]).filter((r) => (r.decision as { choice?: string; runId?: string } | undefined)?.runId === PAUSED_RUN);
  }

  /** `gearshift keep` stopped before its `n`th durable write and killed there; false once it makes fewer writes (it ran to its end). */
  async function keepKilledAt(repo: string, n: number): Promise<boolean> {
    const marker = path.join(ws.folder(), 'stopped');
    const keep = new CliProcess(['keep'], { cwd: repo, cli: TSC_CLI, input: '', env: { NODE_OPTIONS: `--require ${JSON.stringify(PRELOAD)}`, STOP_BEFORE_WRITE: String(n), STOP_MARKER: marker } });
    const stopped = await Promise.race([waitForFile(marker, /./, 30_000).then(() => true), keep.done.then(() => false)]);
    if (!stopped) {
      const end = await keep.done;
      assert.equal(end.code, 0, end.stdout + end.stderr);
      return false;
    }
    keep.child.kill('SIGKILL');
    assert.equal((await keep.done).signal, 'SIGKILL');
    return true;
  }

  it('leaves the release paused or its record written, and keep again ends with one record and no pause', async () => {
    let killed = 0;
    for (let n = 1; n <= 10; n++) {
      const { repo, state } = pausedRepo();
      if (!(await keepKilledAt(repo, n))) { break; }
      killed += 1;
      const records = await keepRecords(repo);
      assert.ok(paused(state) || records.length === 1, `killed before write ${n}: the release is no longer paused, yet no Keep record is in history`);

      const again = await runCli(['keep'], { cwd: repo, cli: TSC_CLI });
      assert.equal(again.code, 0, `keep after a kill before write ${n}:\n${again.stdout}${again.stderr}`);
      assert.equal(paused(state), false);
      const after = await keepRecords(repo);
      assert.equal(after.length, 1, `killed before write ${n}: ${after.length} Keep records`);
      assert.deepEqual([after[0].trigger, after[0].state, (after[0].decision as { choice: string }).choice], ['decision', 'green', 'keep']);
      const last = await runCli(['keep'], { cwd: repo, cli: TSC_CLI });
      assert.match(last.stderr, /no release is waiting for a decision/);
    }
    assert.ok(killed >= 2, `Keep was killed at ${killed} points only`);
  });
});
