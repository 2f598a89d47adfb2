/**
 * A restarted trigger resumes from the reflog's position, not a time (resume38): a commit the
 * last trigger already read is not read again, even one in the second its tracker started (reflog
 * times are whole seconds), and a commit made while none ran is still news. Real repository, real
 * engine, real reflog; two CommitTriggers one after the other.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommitTrigger } from '../../../src/core/automation/commitTrigger';
import { RESUME_FILE } from '../../../src/core/automation/resumeMark';
import type { RunRecord } from '../../../src/core/pipeline';
import { commit, commitAt, git } from '../../support/git';
import { type Harness, Harnesses, markSaved, outLines, pipelineYaml, release, resumeMarks, TriggerLog, WAIT_FOR_RELEASE } from './triggerFixture';

const ECHO_SHA = pipelineYaml([{ name: 'Test', run: 'echo "$GEARSHIFT_SHA" >> "$OUT"' }]);
/** Waits for $RELEASE, then writes the sha: a run that was cancelled writes nothing. */
const WAIT_THEN_ECHO = pipelineYaml([{ name: 'Test', run: `${WAIT_FOR_RELEASE}; echo "$GEARSHIFT_SHA" >> "$OUT"` }]);

function reflogSize(h: Harness): number {
  return fs.statSync(path.join(h.repo, '.git', 'logs', 'HEAD')).size;
}

/** Runs `a` on the harness's trigger, waits for the mark that has read it, and stops the trigger. */
async function runThenStop(h: Harness, subject: string): Promise<string> {
  const before = Date.now();
  const a = commit(h.repo, subject);
  assert.strictEqual((await h.log.ended(a)).run.state, 'green');
  await markSaved(await h.engine.dataDir(), before - 2000, reflogSize(h)); // saved after a (2000: resumeMark's margin)
  await h.trigger.dispose();
  return a;
}

/**
 * The end of the run going now, from the engine itself (no trigger may be listening), once the
 * engine let go of it: a trigger started before that would take the ended run for one going.
 */
async function nextRunEnd(h: Harness): Promise<RunRecord> {
  const run = await new Promise<RunRecord>((resolve) => {
    const off = h.engine.onEvent((e) => { if (e.type === 'runEnded') { off(); resolve(e.run); } });
  });
  await h.engine.settle(10_000);
  return run;
}

/** A second trigger on the same engine, started; disposed by the caller. */
async function restart(h: Harness): Promise<{ next: CommitTrigger; log: TriggerLog }> {
  const next = new CommitTrigger({ engine: h.engine });
  const log = new TriggerLog(next);
  await next.start();
  return { next, log };
}

describe('CommitTrigger: a restart resumes from the reflog position (resume38)', function () {
  this.timeout(30_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('restarted at once: neither a commit from the start\'s own second nor the one already run is read again; nothing runs for them', async () => {
    const h = await harnesses.make(ECHO_SHA, { start: false });
    // Made before watching began, dated a second ahead so that, however slow the machine, it lies in
    // or after the second the tracker starts in: a time mark cannot tell it from news.
    const before = commitAt(h.repo, 'made before watching began', Date.now() + 1000);
    await h.trigger.start();
    const a = await runThenStop(h, 'a: run by the first trigger');

    const { next, log } = await restart(h);
    try {
      const c = commit(h.repo, 'c: made after the restart');
      assert.strictEqual((await log.ended(c)).run.state, 'green');
      assert.deepStrictEqual(log.of('commitSeen').map((e) => e.commit.sha), [c], 'only c was seen');
      assert.deepStrictEqual(outLines(h), [a, c], `no run for ${before} (made before watching) nor for a again`);
    } finally {
      await next.dispose();
    }
  });

  it('the reflog rewritten meanwhile (git reflog expire): its old position is not used; commits made meanwhile run once', async () => {
    const h = await harnesses.make(ECHO_SHA);
    const a = await runThenStop(h, 'a: run before the reflog was expired');
    const offset = reflogSize(h);
    git(h.repo, 'reflog', 'expire', '--expire=all', '--all');
    assert.strictEqual(reflogSize(h), 0, 'precondition: expire emptied logs/HEAD');
    // Enough new lines to reach past the old offset: read from there, they would be cut mid-line.
    const made: string[] = [];
    while (reflogSize(h) <= offset + 200) { made.push(commit(h.repo, `b${made.length}: made while nothing watched`)); }

    const { next, log } = await restart(h);
    try {
      const last = made[made.length - 1];
      assert.strictEqual((await log.ended(last)).run.state, 'green');
      assert.deepStrictEqual(log.of('commitSeen').map((e) => e.commit.sha), made, 'every commit made meanwhile seen, in order');
      assert.deepStrictEqual(outLines(h), [a, last], 'one run for them (queue: latest), a not again');
    } finally {
      await next.dispose();
    }
  });

  it('a commits-seen.json of an older version (a time per git dir) still resumes: a commit made meanwhile runs', async () => {
    const h = await harnesses.make(ECHO_SHA);
    const a = await runThenStop(h, 'a: run before the upgrade');
    const dataDir = await h.engine.dataDir();
    const old = Object.fromEntries(Object.entries(resumeMarks(dataDir)).map(([dir, m]) => [dir, typeof m === 'number' ? m : m.at]));
    fs.writeFileSync(path.join(dataDir, RESUME_FILE), `${JSON.stringify(old)}\n`);

    const beforeB = Date.now();
    const b = commit(h.repo, 'b: made while nothing watched');
    const { next, log } = await restart(h);
    try {
      assert.strictEqual((await log.ended(b)).run.state, 'green');
      assert.deepStrictEqual(outLines(h), [a, b], 'b ran once, a not again');
      const saved = await markSaved(dataDir, beforeB - 2000, reflogSize(h));
      assert.strictEqual(typeof saved.offset, 'number', 'the new form is written from then on');
      assert.strictEqual(typeof saved.tail, 'string');
    } finally {
      await next.dispose();
    }
  });

  // rereview38 F1: the position was saved once a commit was announced, before it ran: a commit
  // queued behind a run when the watch stopped was never run after the restart, and nothing said so.
  it('a commit still queued when the trigger stopped runs after the restart; the run that was going is not run again', async () => {
    const h = await harnesses.make(WAIT_THEN_ECHO);
    const a = commit(h.repo, 'a: running when the trigger stops');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const b = commit(h.repo, 'b: queued behind a');
    await h.log.waitFor('commitSeen', (e) => e.commit.sha === b);
    const ended = nextRunEnd(h);
    await h.trigger.dispose();
    release(h);
    assert.strictEqual((await ended).state, 'green', 'a ends green with nothing watching');

    const { next, log } = await restart(h);
    try {
      assert.strictEqual((await log.ended(b)).run.state, 'green', 'b ran after the restart');
      assert.deepStrictEqual(outLines(h), [a, b], 'a once, b once');
    } finally {
      await next.dispose();
    }
  });

  // rereview38 F2: docs/configuration.md promises that a commit whose run was interrupted (the watch
  // stopped, the window reloaded) runs again on the next start, as it did with the time mark.
  it('a commit whose run was cancelled when the trigger stopped runs again after the restart', async () => {
    const h = await harnesses.make(WAIT_THEN_ECHO);
    const a = commit(h.repo, 'a: cancelled by the stop');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    // As `gearshift watch` stops on Ctrl+C: the run is cancelled, then the trigger disposed.
    const ended = nextRunEnd(h);
    h.engine.cancel('the watch stopped');
    assert.strictEqual((await ended).state, 'cancelled');
    await h.trigger.dispose();
    release(h);

    const { next, log } = await restart(h);
    try {
      assert.strictEqual((await log.ended(a)).run.state, 'green', 'a ran again after the restart');
      assert.deepStrictEqual(outLines(h), [a]);
    } finally {
      await next.dispose();
    }
  });
});
