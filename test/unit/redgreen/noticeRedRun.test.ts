import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rawLine } from '../history/historyFixture';
import { noticeRedRunId, redNoticeOver } from '../../../src/core/redgreen';
import { HistoryStore } from '../../../src/core/history';
import type { RunRecord } from '../../../src/core/pipeline';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { run } from './runs';

/** A real history file, appended to as the engine and other processes do (start and end lines). */
function history(): { read: (limit: number) => ReturnType<HistoryStore['readNewest']>; write: (...runs: RunRecord[]) => void; file: string } {
  const store = new HistoryStore(path.join(tempDir(), 'history.jsonl'));
  const lines = (r: RunRecord): string => rawLine('start', { ...r, state: 'running' }) + rawLine('end', r);
  return { read: (limit) => store.readNewest(limit), write: (...runs) => fs.appendFileSync(store.file, runs.map(lines).join('')), file: store.file };
}

/** The red a deploy command's red notice is about (deploy/deployCommandSupport.ts report, deployNotifier.ts): read right after the failure. */
describe('noticeRedRunId: the red a red notice shown now is about', () => {
  afterEach(cleanupTempDirs);

  it('a failed deploy on a green pipeline: its own run; a failed deploy while red: the run that started that red, not the deploy', async () => {
    const h = history();
    const deploy = run('red', 1, { trigger: 'deploy' });
    h.write(run('green', 0), deploy);
    assert.strictEqual(await noticeRedRunId(h.read), deploy.id);
    h.write(run('red', 5, { trigger: 'deploy' }), run('cancelled', 6));
    assert.strictEqual(await noticeRedRunId(h.read), deploy.id, 'still the red period the first failure started');
  });

  it('its notice is over once a green run ends that red (review40 H3 for the deploy commands\' notices), and not while it is open', async () => {
    const h = history();
    const deploy = run('red', 1, { trigger: 'deploy' });
    h.write(run('green', 0), deploy);
    const redRunId = await noticeRedRunId(h.read) ?? assert.fail('no red');
    assert.strictEqual(await redNoticeOver(h.read, redRunId, 'revert'), undefined);
    const green = run('green', 2);
    h.write(green);
    assert.match(await redNoticeOver(h.read, redRunId, 'revert') ?? '', new RegExp(`^the pipeline is green again \\(run ${green.id.slice(0, 8)}\\): nothing to revert`));
  });

  it('green in history: the run still in progress whose failure the notice tells (its red end starts the red), else none', async () => {
    const h = history();
    h.write(run('green', 0));
    assert.strictEqual(await noticeRedRunId(h.read, 'run-in-progress'), 'run-in-progress');
    assert.strictEqual(await noticeRedRunId(h.read), undefined);
    const red = run('red', 1);
    h.write(red);
    assert.strictEqual(await noticeRedRunId(h.read, 'run-in-progress'), red.id, 'a red already open is the one its failure is part of');
  });

  it('a history that cannot be read: none, whatever runs (the notice\'s buttons act as they always did)', async () => {
    const h = history();
    fs.mkdirSync(h.file); // a folder where the file should be: every read fails
    assert.strictEqual(await noticeRedRunId(h.read, 'run-in-progress'), undefined);
    assert.strictEqual(await noticeRedRunId(() => Promise.reject(new Error('EACCES'))), undefined);
  });
});
