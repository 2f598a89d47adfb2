import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeRun, rawLine, stage } from '../history/historyFixture';
import { deadPid, killGroups, markedGroup } from '../reliability/procHelpers';
import { killMarked, newMarker, waitForMarked } from '../reliability/markers';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * `status` cleans up after a run whose process died from the runs it reads anyway (one read of
 * the history's end, not two): the dead run's processes are killed and its `interrupted` end line
 * written once, and the answer shows that end line (the history is read again only then).
 */
describe('status: cleaning up after a dead run from the runs it reads', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  afterEach(() => { ws.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } killGroups(); });

  function repoWithDeadRun(older: number, pgid: number, start: string): { repo: string; file: string } {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]));
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const lines: string[] = [];
    const t0 = Date.now() - (older + 1) * 3_600_000;
    for (let i = 0; i < older; i++) {
      const at = new Date(t0 + i * 3_600_000).toISOString();
      const run = makeRun(`old-${i}`, { startedAt: at, state: 'running', stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
      lines.push(rawLine('start', run, { at }), rawLine('end', { ...run, state: 'green', endedAt: at, stages: [stage('Build', 'passed'), stage('Deploy', 'passed')] }, { at }));
    }
    const dead = makeRun('dead-run', { startedAt: new Date().toISOString(), state: 'running', stages: [stage('Build', 'running'), stage('Deploy', 'pending')] });
    lines.push(rawLine('start', dead, { pid: deadPid(), host: os.hostname() }));
    lines.push(`${JSON.stringify({ v: 1, kind: 'stage', at: new Date().toISOString(), pid: 1, host: os.hostname(), run: { id: 'dead-run', state: 'running' }, proc: { stage: 'Build', pgid, start } })}\n`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join(''));
    return { repo, file };
  }

  const endLinesOf = (file: string, id: string): number =>
    fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"kind":"end"') && l.includes(`"id":"${id}"`)).length;

  for (const json of [false, true]) {
    it(`status${json ? ' --json (window cache)' : ''}: the dead run's group is killed, its end line written once and shown`, async () => {
      const m = newMarker();
      markers.push(m);
      const g = markedGroup(m);
      await waitForMarked(m, (n) => n >= 2);
      // 120 older runs: the first window (64) is what status reads; the clean-up looks at the newest 50 of it.
      const { repo, file } = repoWithDeadRun(120, g.pgid, g.start);
      const args = json ? ['status', '--json'] : ['status'];
      const first = await runMain(args, { cwd: repo });
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the dead run\'s processes are gone');
      assert.equal(endLinesOf(file, 'dead-run'), 1, 'one interrupted end line');
      if (json) {
        const run = (JSON.parse(first.stdout) as { run: { id: string; state: string; cleanup?: { note: string } } }).run;
        assert.equal(run.id, 'dead-run');
        assert.equal(run.state, 'interrupted');
        assert.ok(run.cleanup, 'the answer is read after the clean-up wrote its end line');
      } else {
        assert.match(first.stdout, /^interrupted/);
        assert.match(first.stdout, /run {7}dead-run/);
      }
      const second = await runMain(args, { cwd: repo });
      assert.equal(second.code, 0, second.stderr);
      assert.equal(endLinesOf(file, 'dead-run'), 1, 'cleaned once: the second call finds nothing to do');
      assert.match(second.stdout, json ? /"id":"dead-run","[^]*"cleanup":/ : /^interrupted[^]*dead-run/, 'the same answer');
    });
  }
});
