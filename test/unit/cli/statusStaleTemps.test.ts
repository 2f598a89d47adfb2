/**
 * `status --json` writes four caches beside the history by temp-and-rename (window-cache.v8,
 * gauge-git.json, gauge-facts.v8, gauge-answer.json; the middle two megabytes on long histories). A process killed
 * between a write and its rename leaves the temp: the next write of that file removes the temps
 * of dead writers, never a live writer's, another file's or another tool's (core/history/staleTemps.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { MIN_AGE_MS } from '../../../src/core/history';
import { answer, figuresOf, hasKeptGauge, historyOf, keptOf, stateDir } from './keptGauge';

describe('status --json: temps a killed cache write left beside the history', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function placeAged(dir: string, name: string): void {
    const file = path.join(dir, name);
    fs.writeFileSync(file, 'half a cache');
    const then = new Date(Date.now() - MIN_AGE_MS - 60_000);
    fs.utimesSync(file, then, then);
  }

  it('go at the next write of their file once their writer is dead; a live writer\'s, a young one and other names stay', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]));
    const dead = deadPid();
    let lines = '';
    for (let i = 0; i < 40; i++) {
      const at = new Date(Date.now() - (40 - i) * 3 * 86_400_000).toISOString(); // 120 days: the figures are kept too
      const run = makeRun(`run-${i}`, { startedAt: at, sha: `sha-${i}`, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
      lines += rawLine('start', run, { at, pid: dead }) + rawLine('end', { ...run, state: 'green', endedAt: at, stages: [stage('Build', 'passed', { durationMs: 5 }), stage('Deploy', 'passed', { durationMs: 5 })] }, { at, pid: dead });
    }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    const caches = ['window-cache.v8', 'gauge-git.json', 'gauge-facts.v8', 'gauge-answer.json'];
    const gone = caches.map((c, i) => `.${c}.${dead}.k1ll${i}.tmp`);
    const stay = [...caches.map((c, i) => `.${c}.${process.pid}.l1ve${i}.tmp`), `.history.jsonl.${dead}.abc.tmp`, `.other-tool.${dead}.abc.tmp`, 'gauge-facts.v8.tmp'];
    for (const name of [...gone, ...stay]) { placeAged(stateDir(repo), name); }
    const young = `.gauge-facts.v8.${dead}.y0ung.tmp`;
    fs.writeFileSync(path.join(stateDir(repo), young), 'being written on another host, maybe');
    await answer(repo);
    await answer(repo); // the second call on these bytes keeps the gauge
    assert.ok(hasKeptGauge(keptOf(repo)) && fs.existsSync(figuresOf(repo)), 'all four caches were written');
    const temps = fs.readdirSync(stateDir(repo)).filter((n) => n.endsWith('.tmp')).sort();
    assert.deepEqual(temps, [...stay, young].sort());
  });
});
