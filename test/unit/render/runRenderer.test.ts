import * as assert from 'node:assert';
import { RunRenderer } from '../../../src/core/render/runRenderer';
import type { EngineEvent } from '../../../src/core/engine/events';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline/types';

function makeRun(stages: StageRecord[], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id: '12345678-aaaa-bbbb-cccc-dddddddddddd', sha: 'abcdef1234567890abcdef1234567890abcdef12', branch: 'main', trigger: 'cli',
    startedAt: '2024-05-01T10:00:00.000Z', state: 'running', stages, ...extra,
  };
}

function stage(name: string, state: StageRecord['state'], extra: Partial<StageRecord> = {}): StageRecord {
  return { name, state, exitCode: state === 'passed' ? 0 : null, durationMs: 12, ...extra };
}

/** Feeds events to one renderer and returns everything it wrote. */
function renderAll(events: EngineEvent[], color = false): string {
  const r = new RunRenderer({ color });
  return events.map((e) => r.render(e)).join('');
}

describe('RunRenderer', () => {
  const run = makeRun([stage('A', 'pending'), stage('B', 'pending')]);
  const out = (name: string, chunk: string): EngineEvent => ({ type: 'stageOutput', run, stage: name, stream: 'stdout', chunk });
  const started = (name: string, index: number): EngineEvent => ({ type: 'stageStarted', run, stage: name, index, total: 2 });

  it('prints a banner with short sha, branch, trigger and run id; warns about a dirty tree', () => {
    assert.strictEqual(renderAll([{ type: 'runStarted', run }]), '━━ Gearshift pipeline · abcdef12 on main · cli · run 12345678\n');
    const dirty = renderAll([{ type: 'runStarted', run: makeRun([], { sha: 'none', branch: '', dirty: true }) }]);
    assert.match(dirty, /^━━ Gearshift pipeline · no commit · cli · run 12345678\n! The working tree has uncommitted changes/);
  });

  it('passes a lone stage\'s output through untouched, between its banner and its result line', () => {
    const text = renderAll([
      started('A', 1), out('A', '\x1b[32mcolour\x1b[39m and a progress'), out('A', ' bar\r50%\n'),
      { type: 'stageEnded', run, stage: stage('A', 'passed', { durationMs: 1500 }) },
    ]);
    assert.strictEqual(text, '\n▶ [1/2] A\n\x1b[32mcolour\x1b[39m and a progress bar\r50%\n✔ A passed in 1.5s\n');
  });

  it('starts its own line after a lone stage\'s output that did not end with a newline (review24 #8)', () => {
    const text = renderAll([
      started('A', 1), out('A', 'downloading... done'),
      { type: 'stageEnded', run, stage: stage('A', 'passed', { durationMs: 1500 }) },
      started('B', 2), out('B', 'ok\n'), out('B', ''),
      { type: 'stageEnded', run, stage: stage('B', 'passed', { durationMs: 1500 }) },
    ]);
    assert.strictEqual(text, '\n▶ [1/2] A\ndownloading... done\n✔ A passed in 1.5s\n\n▶ [2/2] B\nok\n✔ B passed in 1.5s\n');
  });

  it('starts its own line after switch-script output that did not end with a newline (review25 F4)', () => {
    const text = renderAll([
      { type: 'deploy', runId: run.id, event: { type: 'switchOutput', stream: 'stdout', chunk: 'switching... done' } },
      { type: 'deploy', runId: run.id, event: { type: 'slotSwitched', to: 'green', kind: 'deploy' } },
    ]);
    assert.match(text, /^switching\.\.\. done\n\S/);
  });

  it('prefixes parallel stages\' lines with [name] and never splits a partial line', () => {
    const text = renderAll([
      started('A', 1), started('B', 2),
      out('A', 'par'), out('B', 'b1\nb'), out('A', 'tial\nsecond'), out('B', '2\n'),
      { type: 'stageEnded', run, stage: stage('B', 'passed') },
      // A still runs alone, but its lines stay attributed to it, and its last partial line is flushed.
      out('A', ' line\nlast without newline'),
      { type: 'stageEnded', run, stage: stage('A', 'failed', { exitCode: 2, reason: 'exited with code 2', durationMs: 2000 }) },
    ]);
    assert.strictEqual(text, [
      '', '▶ [1/2] A', '', '▶ [2/2] B',
      '[B] b1', '[A] partial', '[B] b2',
      '✔ B passed in 12ms',
      '[A] second line', '[A] last without newline',
      '✖ A failed (exit 2) after 2.0s', '',
    ].join('\n'));
  });

  it('states why a stage did not pass', () => {
    const text = renderAll([
      { type: 'stageEnded', run, stage: stage('T', 'timedOut', { reason: 'timed out after 10m' }) },
      { type: 'stageEnded', run, stage: stage('S', 'skipped', { reason: 'needs T, which timed out' }) },
      { type: 'stageEnded', run, stage: stage('C', 'cancelled', { reason: 'interrupted by SIGINT' }) },
      { type: 'approvalNeeded', run, stage: 'Deploy' },
      // The reason last: "after 45ms" once read as the end of the path.
      { type: 'stageEnded', run, stage: stage('W', 'failed', { reason: 'working directory not found: /tmp/x/nope', durationMs: 45 }) },
      { type: 'stageEnded', run, stage: stage('K', 'failed', { reason: 'killed by SIGSEGV', durationMs: 3 }) },
    ]);
    assert.strictEqual(text, '⏱ T timed out after 10m\n⊘ S skipped: needs T, which timed out\n■ C cancelled: interrupted by SIGINT\n? Deploy waits for manual approval\n'
      + '✖ W failed after 45ms: working directory not found: /tmp/x/nope\n✖ K failed after 3ms: killed by SIGSEGV\n');
  });

  it('the summary says a timed-out stage in words, as its line does', () => {
    const done = makeRun([stage('Slow', 'timedOut', { durationMs: 7000 })], { state: 'red', endedAt: '2024-05-01T10:00:07.000Z' });
    assert.match(renderAll([{ type: 'runEnded', run: done }]), /^ {2}⏱ Slow {3}timed out {2}7\.0s$/m);
  });

  it('ends with a summary table and the verdict', () => {
    const done = makeRun([
      stage('Unit Tests', 'passed', { durationMs: 1200 }),
      stage('Build', 'failed', { exitCode: 1, durationMs: 300 }),
      stage('Deploy', 'skipped'),
    ], { state: 'red', endedAt: '2024-05-01T10:00:02.000Z' });
    assert.strictEqual(renderAll([{ type: 'runEnded', run: done }]), [
      '',
      '  Stage         Result     Time',
      '  ✔ Unit Tests  passed     1.2s',
      '  ✖ Build       failed     300ms',
      '  ⊘ Deploy      skipped    ',
      '',
      'Pipeline RED in 2.0s',
      '',
    ].join('\n'));
    const green = renderAll([{ type: 'runEnded', run: { ...done, state: 'green' } }]);
    assert.match(green, /Pipeline GREEN in 2\.0s\n$/);
  });

  it('the summary clips a stage name past 40 characters, so one long name does not wrap every row', () => {
    const long = `Integration Tests against ${'the staging cluster '.repeat(5)}`;
    const done = makeRun([stage(long, 'passed', { durationMs: 1200 }), stage('Build', 'passed', { durationMs: 300 })], { state: 'green', endedAt: '2024-05-01T10:00:02.000Z' });
    const rows = renderAll([{ type: 'runEnded', run: done }]).split('\n').filter((l) => /^ {2}[✔S]/.test(l));
    assert.deepStrictEqual(rows, [
      `  Stage${' '.repeat(37)}  Result     Time`,
      `  ✔ ${long.slice(0, 39)}…  passed     1.2s`,
      `  ✔ Build${' '.repeat(35)}  passed     300ms`,
    ]);
  });

  it('uses ANSI only when color is on', () => {
    const events: EngineEvent[] = [
      { type: 'runStarted', run }, started('A', 1), out('A', 'x\n'),
      { type: 'stageEnded', run, stage: stage('A', 'passed') },
      { type: 'runEnded', run: makeRun([stage('A', 'passed')], { state: 'green', endedAt: run.startedAt }) },
      { type: 'configInvalid', errors: [{ file: '/r/.gearshift.yml', line: 3, col: 5, offset: 0, endOffset: 1, message: 'bad' }] },
    ];
    assert.ok(!renderAll(events, false).includes('\x1b['));
    const coloured = renderAll(events, true);
    assert.ok(coloured.includes('\x1b[32m✔ A passed'), coloured);
    assert.ok(coloured.includes('\x1b[1m'));
  });

  it('lists config errors as file:line:col and renders nothing for lastRunChanged', () => {
    const text = renderAll([
      { type: 'configInvalid', errors: [{ file: '/r/.gearshift.yml', line: 3, col: 5, offset: 0, endOffset: 1, message: 'unknown key "timout"' }] },
      { type: 'lastRunChanged', run: undefined },
    ]);
    assert.strictEqual(text, '✖ .gearshift.yml is invalid; nothing ran:\n  /r/.gearshift.yml:3:5: unknown key "timout"\n');
  });
});
