/**
 * review39 L3 in the editor: after HEAD's own run was cancelled at a gate (or interrupted), the status
 * item's tooltip said "HEAD … not run yet". It now says what `gearshift status` says: HEAD's run ended
 * cancelled (why), and the last green or red run, so many commits before. Read from history lines as the
 * engine writes them (HistoryStore's start and end lines; a dead writer's start line for interrupted).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord } from '../../../src/core/pipeline';
import { foldHistory, pipelineStatus, standingRun } from '../../../src/core/redgreen';
import { headComparedRun, headRunOf, statusTooltipParts, style, withHeadNews, type StatusModel, type TooltipPart } from '../../../src/core/render';
import { headStatusLines } from '../../../src/cli/headStatus';
import { tempDir } from '../../support/git';
import { deadPid, rawLine } from '../history/historyFixture';

const GREEN_SHA = '30ef50100123456789abcdef0123456789abcdef';
const HEAD = '0cfadbd10123456789abcdef0123456789abcdef';
const NOW = Date.parse('2026-12-07T12:00:00Z');
const GATE_REASON = 'not approved: nobody could be asked (stdin is not a terminal)';
const joined = (parts: TooltipPart[]): string => parts.map((p) => ('text' in p ? p.text : p.markdown)).join('');

function record(id: string, sha: string, state: RunRecord['state'], startedAt: string, stages: RunRecord['stages']): RunRecord {
  return { id, sha, branch: 'main', trigger: 'manual', startedAt, endedAt: new Date(Date.parse(startedAt) + 60_000).toISOString(), state, stages };
}

/** The engine's lines for each run (start, then end), read back newest first as the editor reads them. */
async function historyOf(runs: RunRecord[], extra = ''): Promise<RunRecord[]> {
  const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
  for (const r of runs) {
    await store.recordStart({ ...r, state: 'running', endedAt: undefined, stages: r.stages.map((s) => ({ name: s.name, state: 'pending', exitCode: null, durationMs: 0 })) });
    await store.recordEnd(r);
  }
  if (extra) { fs.appendFileSync(store.file, extra); }
  const { runs: read, problems } = await store.read();
  assert.deepEqual(problems, []);
  return read;
}

const green = record('run-green', GREEN_SHA, 'green', '2026-12-07T11:00:00.000Z', [
  { name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 1000 }, { name: 'Deploy Prod', state: 'passed', exitCode: 0, durationMs: 1000 },
]);
const cancelledAtGate = record('run-gate', HEAD, 'cancelled', '2026-12-07T11:30:00.000Z', [
  { name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 1000 },
  { name: 'Deploy Prod', state: 'cancelled', exitCode: null, durationMs: 0, reason: GATE_REASON },
]);

/** The model the editor builds (pipelineState.ts): the verdict, HEAD ahead of its run (headFacts.ts), the engine's last run. */
function modelOf(runs: RunRecord[], count: number): StatusModel {
  const fold = foldHistory(runs, '', NOW);
  const status = pipelineStatus(runs[0], fold.current, standingRun(runs));
  const compared = headComparedRun(status, runs[0]);
  assert.ok(compared);
  const headNotRun = { head: HEAD, count, runSha: compared.sha, runState: compared.state };
  return { status, folders: [{ name: 'app', status, notes: [] }], headNotRun, stageRun: runs[0] };
}

describe('render: the tooltip says HEAD\'s own run when it gave no verdict (review39 L3)', () => {
  it('cancelled at a gate past green: "its run was cancelled (…); last green …, 3 commits before", as gearshift status says', async () => {
    const runs = await historyOf([green, cancelledAtGate]);
    const model = modelOf(runs, 3);
    assert.equal(model.status.kind, 'green');
    const tip = joined(statusTooltipParts(model, NOW));
    const line = `HEAD 0cfadbd1: its run was cancelled (Deploy Prod: ${GATE_REASON}); last green 30ef5010, 3 commits before`;
    assert.ok(tip.includes(line), tip);
    assert.ok(!tip.includes('not run yet'), tip);
    assert.equal(withHeadNews('$(pass-filled) Gearshift: green', model).text, '$(pass-filled) Gearshift: green · HEAD cancelled');

    // The CLI's line for the same history is the same words (cli/headStatus.ts takes the newest run).
    const headRun = headRunOf(model.headNotRun, headComparedRun(model.status, runs[0]), runs[0]);
    assert.deepEqual(headStatusLines({ headNotRun: model.headNotRun, ...(headRun ? { headRun } : {}) }, style(false)), [line]);
  });

  it('interrupted past red (its writer died): "its run was interrupted (…); last red …"', async () => {
    const red = record('run-red', GREEN_SHA, 'red', '2026-12-07T11:00:00.000Z', [{ name: 'Unit Tests', state: 'failed', exitCode: 1, durationMs: 1000 }]);
    const start = { ...record('run-dead', HEAD, 'running', '2026-12-07T11:30:00.000Z', [{ name: 'Unit Tests', state: 'pending', exitCode: null, durationMs: 0 }]), endedAt: undefined };
    const runs = await historyOf([red], rawLine('start', start, { pid: deadPid(), at: '2026-12-07T11:30:00.000Z' }));
    assert.equal(runs[0].state, 'interrupted');
    const model = modelOf(runs, 2);
    assert.equal(model.status.kind, 'red');
    const tip = joined(statusTooltipParts(model, NOW));
    assert.match(tip, /HEAD 0cfadbd1: its run was interrupted \(Unit Tests: [^)]+\); last red 30ef5010, 2 commits before/);
    assert.ok(!tip.includes('not run yet'), tip);
  });

  it('a HEAD that never ran still says "not run yet", with Run pipeline', async () => {
    const runs = await historyOf([green]);
    const model = modelOf(runs, 1);
    const tip = joined(statusTooltipParts(model, NOW));
    assert.ok(tip.includes('HEAD 0cfadbd1 not run yet (last run: green on 30ef5010) [$(play) Run pipeline]'), tip);
    assert.equal(withHeadNews('$(pass-filled) Gearshift: green', model).text, '$(pass-filled) Gearshift: green · HEAD not run');
  });
});
