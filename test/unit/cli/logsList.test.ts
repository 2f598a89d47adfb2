import * as assert from 'node:assert/strict';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** The STATE column of a `logs --list` or `history` table, top to bottom. */
function states(table: string, column: number): string[] {
  return table.trim().split('\n').slice(1).map((line) => line.split(/\s{2,}/)[column]);
}

/**
 * `gearshift logs --list` lists the runs `gearshift history` lists, also one that saved no output
 * (a run whose manual gate nobody could answer never started a stage), with a note saying so.
 */
describe('gearshift logs --list: every recent run, those with no saved output too', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('a run that saved no output is listed with "no output", and the list matches history', async () => {
    const repo = ws.repo(pipeline([{ name: 'Quiet', run: 'true', extra: ['approval: manual'] }, { name: 'Loud', run: 'echo loud' }]));
    assert.equal((await runMain(['run', '--yes'], { cwd: repo })).code, 0);
    assert.equal((await runMain(['run'], { cwd: repo, env: { CI: 'true' } })).code, 130);
    assert.equal((await runMain(['run', '--yes'], { cwd: repo })).code, 0);
    const list = await runMain(['logs', '--list'], { cwd: repo });
    assert.equal(list.code, 0, list.stderr);
    const history = await runMain(['history'], { cwd: repo });
    assert.deepEqual(states(list.stdout, 2), states(history.stdout, 0), `${list.stdout}\n${history.stdout}`);
    assert.deepEqual(states(list.stdout, 2), ['green', 'cancelled', 'green']);
    const rows = list.stdout.trim().split('\n');
    assert.match(rows[0], /^RUN\s+SHA\s+STATE\s+STARTED\s+FAILED\s+NOTE$/);
    assert.match(rows[2], /^[0-9a-f]{8}\s+[0-9a-f]{8}\s+cancelled\s+\S+ \S+\s+no output$/);
    assert.match(rows[1], /^[0-9a-f]{8}\s+[0-9a-f]{8}\s+green\s+\S+ \S+$/);
    // The unsaved run is one `logs RUN` answers, saying why it has nothing to print.
    const id = rows[2].split(/\s+/)[0];
    const shown = await runMain(['logs', id], { cwd: repo });
    assert.equal(shown.code, 2);
    assert.match(shown.stderr, new RegExp(`run ${id} saved no stage output \\(cancelled; no stage had ended\\)`));
  });

  it('only runs with no saved output (nothing ever ran a stage): they are listed, not "no saved run output yet"', async () => {
    const repo = ws.repo(pipeline([{ name: 'Gate', run: 'true', extra: ['approval: manual'] }]));
    assert.equal((await runMain(['run'], { cwd: repo, env: { CI: 'true' } })).code, 130);
    const list = await runMain(['logs', '--list'], { cwd: repo });
    assert.deepEqual(states(list.stdout, 2), ['cancelled'], list.stdout);
    assert.match(list.stdout, /no output\n$/);
  });
});
