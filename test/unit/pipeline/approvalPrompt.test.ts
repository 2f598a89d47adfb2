import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answerUntilAborted, lateApprovalMessage } from '../../../src/core/pipeline/approvalPrompt';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { collect, finish, makePipeline, TempDirs, withDeadline } from './helpers';

const APPROVE = 'Approve and Run';

/** A prompt the test answers when it wants to: what a modal the extension cannot close is. */
function prompt(): { answer: Promise<string | undefined>; click(choice: string | undefined): void } {
  let click!: (choice: string | undefined) => void;
  const answer = new Promise<string | undefined>((resolve) => { click = resolve; });
  return { answer, click };
}

describe('pipeline: an approval prompt that outlives the run\'s need for it', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  const gated = (dir: string) => makePipeline(dir, [
    { name: 'Test', run: 'true' },
    { name: 'Deploy', run: `touch '${dir}/deployed'`, approval: 'manual', environment: 'production' },
  ]);

  it('Approve clicked after the run was cancelled runs nothing and is reported as too late', async () => {
    const dir = temp.make();
    const modal = prompt();
    let lateSeen!: (said: string) => void;
    const late = new Promise<string>((resolve) => { lateSeen = resolve; });
    const { run } = collect({
      pipeline: gated(dir),
      approve: async (stage, rec, signal) => (await answerUntilAborted(modal.answer, signal, (answer) => {
        if (answer === APPROVE) { lateSeen(lateApprovalMessage(stage.name, rec)); }
      })) === APPROVE,
    });
    run.onEvent((e) => { if (e.type === 'approvalNeeded') { setImmediate(() => run.cancel('stopped by the user')); } });
    const record: RunRecord = await finish(run);
    assert.equal(record.state, 'cancelled');

    modal.click(APPROVE); // the dialog was still up: the user clicks it now
    const said = await withDeadline(late, 5000, 'the late approval was dropped without a word');
    assert.equal(said, '"Deploy" did not run: the approval came after the run stopped needing it (stopped by the user).');
    assert.equal(fs.existsSync(path.join(dir, 'deployed')), false, 'a late approval ran the stage');
  });

  it('an answer given in time is the answer, and nothing is reported late', async () => {
    const dir = temp.make();
    const modal = prompt();
    const lates: unknown[] = [];
    const { run } = collect({
      pipeline: gated(dir),
      approve: async (_stage, _rec, signal) => (await answerUntilAborted(modal.answer, signal, (a) => lates.push(a))) === APPROVE,
    });
    run.onEvent((e) => { if (e.type === 'approvalNeeded') { modal.click(APPROVE); } });
    assert.equal((await finish(run)).state, 'green');
    assert.ok(fs.existsSync(path.join(dir, 'deployed')));
    assert.deepEqual(lates, []);
  });

  it('a signal aborted before asking answers undefined at once; the later answer goes to `late`', async () => {
    const abort = new AbortController();
    abort.abort();
    const modal = prompt();
    let lateSeen!: (a: string | undefined) => void;
    const late = new Promise<string | undefined>((resolve) => { lateSeen = resolve; });
    assert.equal(await answerUntilAborted(modal.answer, abort.signal, lateSeen), undefined);
    modal.click(APPROVE);
    assert.equal(await withDeadline(late, 5000, 'late answer dropped'), APPROVE);
  });
});
