import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanUpDeadRuns } from '../../../src/core/engine';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord } from '../../../src/core/pipeline';
import { deadPid, killGroups, markedGroup } from './procHelpers';
import { killMarked, markedProcesses, newMarker, waitForMarked } from './markers';

/** A start line as a run written by `pid` (with start time `pidStart`) would have left it. */
function startLine(run: Partial<RunRecord> & { id: string }, pid: number, pidStart?: string, host: string | null = os.hostname()): string {
  const record = { sha: 'abc', branch: 'main', trigger: 'cli', startedAt: new Date().toISOString(), state: 'running', stages: [{ name: 'Deploy', state: 'running', exitCode: null, durationMs: 0 }], ...run };
  return `${JSON.stringify({ v: 1, kind: 'start', at: new Date().toISOString(), pid, ...(host !== null ? { host } : {}), ...(pidStart ? { pidStart } : {}), run: record })}\n`;
}

function stageLine(runId: string, proc: object): string {
  return `${JSON.stringify({ v: 1, kind: 'stage', at: new Date().toISOString(), pid: 1, host: os.hostname(), run: { id: runId, state: 'running' }, proc })}\n`;
}

describe('reliability: cleaning up after runs whose process died', () => {
  let dir: string;
  const markers: string[] = [];
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-leftovers-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); for (const m of markers.splice(0)) { killMarked(m); } killGroups(); });
  const marker = (): string => { const m = newMarker(); markers.push(m); return m; };

  it('kills the recorded groups of a dead run and records it interrupted, once', async () => {
    const m = marker();
    const g = markedGroup(m);
    await waitForMarked(m, (n) => n >= 2);
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, startLine({ id: 'dead-run' }, deadPid()) + stageLine('dead-run', { stage: 'Deploy', pgid: g.pgid, start: g.start }));
    const store = new HistoryStore(file);
    const report = await cleanUpDeadRuns(store, undefined, 500);
    assert.equal(report.runs, 1);
    assert.ok(report.killed >= 2, JSON.stringify(report));
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), []);
    const run = (await store.read()).runs[0];
    assert.equal(run.state, 'interrupted');
    assert.ok(run.endedAt, 'the end line is written');
    assert.equal((await cleanUpDeadRuns(store, undefined, 500)).runs, 0, 'cleaned once');
  });

  it('finds a dead run\'s escaped processes by its cookie (GEARSHIFT_RUN_ID)', async () => {
    const m = marker();
    markedGroup(m, { GEARSHIFT_RUN_ID: 'cookie-run', GEARSHIFT_STAGE_COOKIE: 'cookie-run/Deploy' });
    await waitForMarked(m, (n) => n >= 2);
    const file = path.join(dir, 'history.jsonl');
    // No stage line survived (say the writer died before it): the cookie still finds them.
    fs.writeFileSync(file, startLine({ id: 'cookie-run', worktree: path.join(dir, 'nothing', 'tree') }, deadPid()));
    await cleanUpDeadRuns(new HistoryStore(file), undefined, 500);
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), []);
  });

  it('a worktree a history line names outside the temp folder runs use is left, and the end line says so (security39 F3)', async () => {
    const repo = path.join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    const tree = path.join(dir, 'gearshift-run-keep', 'tree'); // in /tmp/gearshift-leftovers-*/, not in os.tmpdir() itself
    fs.mkdirSync(tree, { recursive: true });
    fs.writeFileSync(path.join(tree, 'data'), 'precious\n');
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, startLine({ id: 'far-tree', worktree: tree }, deadPid()));
    const store = new HistoryStore(file);
    const report = await cleanUpDeadRuns(store, repo, 500);
    assert.deepEqual([report.runs, report.worktrees], [1, 0]);
    assert.equal(fs.readFileSync(path.join(tree, 'data'), 'utf8'), 'precious\n');
    const cleanup = (await store.read()).runs[0].cleanup as { worktreeRemoved: boolean; note: string };
    assert.equal(cleanup.worktreeRemoved, false);
    assert.match(cleanup.note, /; its worktree was left: .*gearshift-run-keep is not in the temp folder runs use \(/);
  });

  it('a run written on another host (a container sharing .git) is recorded interrupted, and nothing is signalled', async () => {
    const m = marker();
    const g = markedGroup(m, { GEARSHIFT_RUN_ID: 'far-run' });
    await waitForMarked(m, (n) => n >= 2);
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, startLine({ id: 'far-run' }, deadPid(), undefined, 'another-host') + stageLine('far-run', { stage: 'Deploy', pgid: g.pgid, start: g.start }));
    const store = new HistoryStore(file);
    const report = await cleanUpDeadRuns(store, undefined, 500);
    assert.deepEqual([report.runs, report.killed], [1, 0]);
    assert.ok(markedProcesses(m).length >= 2, 'its pids and groups are not ours: still running');
    assert.equal((await store.read()).runs[0].state, 'interrupted');
  });

  /**
   * A production deploy sampling its monitoring baseline has only its start line: no stage line, no worktree.
   * This host's dead one is ended (faults38 F5); another host's (a container sharing .git) reads dead from here
   * whatever it is doing, so it is left without an end line (rereview38b F4: a live deploy read `interrupted`).
   */
  describe('a production deploy in its baseline (a start line only)', () => {
    const baselineStart = (id: string, host: string): string => startLine({
      id, environment: 'production', productionStages: ['Deploy Prod'],
      stages: [{ name: 'Deploy Prod', state: 'pending', exitCode: null, durationMs: 0 }],
    }, deadPid(), undefined, host);

    it('this host\'s dead one gets its end line', async () => {
      const file = path.join(dir, 'history.jsonl');
      fs.writeFileSync(file, baselineStart('here-deploy', os.hostname()));
      const report = await cleanUpDeadRuns(new HistoryStore(file), undefined, 500);
      assert.equal(report.runs, 1);
      assert.match(fs.readFileSync(file, 'utf8'), /"kind":"end"/);
    });

    it('another host\'s is left without an end line', async () => {
      const file = path.join(dir, 'history.jsonl');
      const line = baselineStart('far-deploy', 'another-host');
      fs.writeFileSync(file, line);
      const report = await cleanUpDeadRuns(new HistoryStore(file), undefined, 500);
      assert.equal(report.runs, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), line, 'an end line was appended for another host\'s deploy');
    });
  });

  it('never touches a reused pid: a group whose leader has another start time is left alone', async () => {
    const m = marker();
    const g = markedGroup(m);
    await waitForMarked(m, (n) => n >= 2);
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, startLine({ id: 'old-run' }, deadPid()) + stageLine('old-run', { stage: 'Deploy', pgid: g.pgid, start: '1' }));
    const report = await cleanUpDeadRuns(new HistoryStore(file), undefined, 500);
    assert.equal(report.killed, 0);
    assert.ok(markedProcesses(m).length >= 2, 'a stranger\'s processes were killed');
  });

  it('a run whose writer lives (pid and start time) is left running', async () => {
    const m = marker();
    const g = markedGroup(m);
    await waitForMarked(m, (n) => n >= 2);
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, startLine({ id: 'live-run' }, g.pgid, g.start) + stageLine('live-run', { stage: 'Deploy', pgid: g.pgid, start: g.start }));
    const store = new HistoryStore(file);
    assert.equal((await cleanUpDeadRuns(store, undefined, 500)).runs, 0);
    assert.equal((await store.read()).runs[0].state, 'running');
    assert.ok(markedProcesses(m).length >= 2, 'a live run\'s processes were killed');
  });

  it('a writer pid reused by another process reads as interrupted, not running (start time checked)', async () => {
    const m = marker();
    const g = markedGroup(m);
    await waitForMarked(m, (n) => n >= 2);
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, startLine({ id: 'reused' }, g.pgid, '1'));
    assert.equal((await new HistoryStore(file).read()).runs[0].state, 'interrupted');
  });

  describe('a crafted line (history is data): another process group of the user survives', () => {
    const crafted: Array<[string, (pgid: number, start: string) => string]> = [
      ['a group recorded without its start time', (pgid) => startLine({ id: 'crafted' }, deadPid()) + stageLine('crafted', { stage: 'Deploy', pgid })],
      ['a start time that is not digits', (pgid) => startLine({ id: 'crafted' }, deadPid()) + stageLine('crafted', { stage: 'Deploy', pgid, start: ' 1' })],
      ['a run that names no host', (pgid, start) => startLine({ id: 'crafted' }, deadPid(), undefined, null) + stageLine('crafted', { stage: 'Deploy', pgid, start })],
      ['a run started in the future', (pgid, start) => startLine({ id: 'crafted', startedAt: new Date(Date.now() + 3_600_000).toISOString() }, deadPid()) + stageLine('crafted', { stage: 'Deploy', pgid, start })],
    ];
    for (const [what, lines] of crafted) {
      it(what, async () => {
        const m = marker();
        const g = markedGroup(m);
        await waitForMarked(m, (n) => n >= 2);
        const file = path.join(dir, 'history.jsonl');
        fs.writeFileSync(file, lines(g.pgid, g.start));
        const report = await cleanUpDeadRuns(new HistoryStore(file), undefined, 500);
        assert.deepEqual([report.runs, report.killed], [1, 0]);
        assert.ok(markedProcesses(m).length >= 2, 'a process group no run of ours started was killed');
      });
    }
  });
});
