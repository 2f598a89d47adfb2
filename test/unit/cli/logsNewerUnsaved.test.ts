import * as assert from 'node:assert/strict';
import { newerUnsaved } from '../../../src/cli/commands/logsTarget';
import type { RunRecord } from '../../../src/core/pipeline';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * `gearshift logs` with no RUN shows the newest run that saved output. A newer run that saved
 * none (a gate nobody answered, a run cancelled before its first stage ended) is named on stderr,
 * so the log shown is not read as the latest run's.
 */
describe('gearshift logs: newer runs that saved no output are named, not skipped in silence', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** The RUN column of `logs --list`, newest first. */
  async function listedIds(repo: string): Promise<string[]> {
    const list = await runMain(['logs', '--list'], { cwd: repo });
    return list.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/)[0]);
  }

  it('a run cancelled at its gate after a green one: stderr names it, then the run shown; stdout is the older log', async () => {
    const repo = ws.repo(pipeline([{ name: 'Quiet', run: 'true', extra: ['approval: manual'] }, { name: 'Loud', run: 'echo loud' }]));
    assert.equal((await runMain(['run', '--yes'], { cwd: repo })).code, 0);
    assert.equal((await runMain(['run'], { cwd: repo, env: { CI: 'true' } })).code, 130);
    assert.equal((await runMain(['run'], { cwd: repo, env: { CI: 'true' } })).code, 130);
    const [newest, second, shown] = await listedIds(repo);
    const logs = await runMain(['logs'], { cwd: repo });
    assert.equal(logs.code, 0, logs.stderr);
    assert.equal(logs.stdout, 'loud\n');
    const [first, describe] = logs.stderr.split('\n');
    assert.equal(first, `runs ${newest} (cancelled at "Quiet"), ${second} (cancelled at "Quiet") saved no output; showing run ${shown}, the newest that did (gearshift logs --list shows them all)`);
    assert.match(describe, new RegExp(`^run ${shown} · `));
  });

  it('says nothing when the newest run saved output, or a RUN was asked for', async () => {
    const repo = ws.repo(pipeline([{ name: 'Quiet', run: 'true', extra: ['approval: manual'] }, { name: 'Loud', run: 'echo loud' }]));
    assert.equal((await runMain(['run'], { cwd: repo, env: { CI: 'true' } })).code, 130);
    assert.equal((await runMain(['run', '--yes'], { cwd: repo })).code, 0);
    assert.doesNotMatch((await runMain(['logs'], { cwd: repo })).stderr, /saved no output/);
    assert.equal((await runMain(['run'], { cwd: repo, env: { CI: 'true' } })).code, 130);
    const [, shown] = await listedIds(repo);
    assert.doesNotMatch((await runMain(['logs', shown], { cwd: repo })).stderr, /saved no output/);
  });
});

describe('newerUnsaved: which history records count', () => {
  const saved = { meta: { id: 'aaaa0000-0000-0000-0000-000000000000', sha: 'a'.repeat(40), startedAt: '2026-12-05T16:00:00.000Z', state: 'green' }, dir: '/x' } as never;
  function record(id: string, minute: number, trigger: string, state: RunRecord['state'], stages: RunRecord['stages']): RunRecord {
    return { id: `${id}-0000-0000-0000-000000000000`, sha: 'a'.repeat(40), branch: 'main', trigger, startedAt: `2026-12-05T16:0${minute}:00.000Z`, state, stages };
  }
  const skipped = [{ name: 'Deploy', state: 'skipped' as const, exitCode: null, durationMs: 0 }];

  it('a switch or a release decision (no stage was to run) is not named; a run still going is, as "yet"', () => {
    const history = [
      record('dddd4444', 4, 'cli', 'running', [{ name: 'Build', state: 'running', exitCode: null, durationMs: 0 }]),
      record('cccc3333', 3, 'decision', 'green', skipped),
      record('bbbb2222', 2, 'switch', 'green', skipped),
    ];
    assert.equal(newerUnsaved({ saved }, history), 'run dddd4444 (running; no stage has ended yet) saved no output yet; showing run aaaa0000, the newest that did (gearshift logs --list shows them all)');
    assert.equal(newerUnsaved({ saved }, history.slice(1)), undefined);
    assert.equal(newerUnsaved({ saved, red: true }, history), undefined, 'the red run is shown on purpose');
  });

  it('names three at most, and counts the rest', () => {
    const cancelled = [1, 2, 3, 4, 5].map((m) => record(`bbbb000${m}`, m, 'cli', 'cancelled', [{ name: 'Gate', state: 'cancelled', exitCode: null, durationMs: 0 }])).reverse();
    assert.match(newerUnsaved({ saved }, cancelled) ?? '', /^runs bbbb0005 \(cancelled at "Gate"\), bbbb0004 \(cancelled at "Gate"\), bbbb0003 \(cancelled at "Gate"\) and 2 more saved no output; showing run aaaa0000/);
  });
});
