/**
 * A commit made while no tracker ran (the window still loading, the editor closed, `gearshift
 * watch` stopped) is run when the next one starts (race33): real repository, real engine, two
 * CommitTriggers one after the other, the commit made by git in between.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommitTrigger } from '../../../src/core/automation/commitTrigger';
import { RESUME_FILE, RESUME_WINDOW_MS } from '../../../src/core/automation/resumeMark';
import { commit } from '../../support/git';
import { Harnesses, markSaved, outLines, pipelineYaml, TriggerLog } from './triggerFixture';

describe('CommitTrigger: commits made while no tracker ran (race33)', function () {
  this.timeout(30_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('a commit made before the trigger starts runs once it starts; one already run is not run again', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'echo "$GEARSHIFT_SHA" >> "$OUT"' }]));
    const before = Date.now();
    const a = commit(h.repo, 'a: run while the first window was open');
    assert.strictEqual((await h.log.ended(a)).run.state, 'green');
    await markSaved(await h.engine.dataDir(), before - 5000);
    await h.trigger.dispose();

    const b = commit(h.repo, 'b: made while the next window was loading');
    const next = new CommitTrigger({ engine: h.engine });
    const log = new TriggerLog(next);
    try {
      await next.start();
      const ended = await log.ended(b);
      assert.strictEqual(ended.run.state, 'green');
      assert.strictEqual(ended.run.trigger, 'commit');
      assert.deepStrictEqual(outLines(h), [a, b], 'b ran once, a was not run again');
      assert.deepStrictEqual(next.tracked().map((t) => t.sha).filter((s) => s === b), [b]);
    } finally {
      await next.dispose();
    }
  });

  it('a mark older than the resume window (the editor closed overnight): the commits made meanwhile stay the past, not run unasked', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'echo "$GEARSHIFT_SHA" >> "$OUT"' }]));
    const before = Date.now();
    const a = commit(h.repo, 'a: the last commit before closing');
    await h.log.ended(a);
    await markSaved(await h.engine.dataDir(), before - 5000);
    await h.trigger.dispose();
    const file = path.join(await h.engine.dataDir(), RESUME_FILE);
    const old = Date.now() - RESUME_WINDOW_MS - 60_000;
    const marks = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
    fs.writeFileSync(file, JSON.stringify(Object.fromEntries(Object.keys(marks).map((k) => [k, old]))));

    commit(h.repo, 'b: made while the editor was closed');
    const next = new CommitTrigger({ engine: h.engine });
    const log = new TriggerLog(next);
    try {
      await next.start();
      const c = commit(h.repo, 'c: made while tracking again');
      await log.ended(c);
      assert.deepStrictEqual(outLines(h), [a, c], 'b was not run');
    } finally {
      await next.dispose();
    }
  });

  it('with no mark (the pipeline never ran here), what is in the reflog at start stays the past', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Test', run: 'echo "$GEARSHIFT_SHA" >> "$OUT"' }]), { start: false });
    commit(h.repo, 'made before any tracker, with no state folder yet');
    await h.trigger.start();
    const c = commit(h.repo, 'c: made while tracking');
    await h.log.ended(c);
    assert.deepStrictEqual(outLines(h), [c]);
  });
});
