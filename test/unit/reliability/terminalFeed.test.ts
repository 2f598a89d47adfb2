/**
 * Defect 3, the VS Code terminal path: the terminal API has no backpressure, so TerminalFeed
 * paces what it hands on and holds the engine's output flow while its own queue is over budget.
 */
import * as assert from 'node:assert/strict';
import { OutputFlow } from '../../../src/core/pipeline';
import { MAX_CHARS_PER_TICK, MAX_QUEUED_CHARS, TerminalFeed } from '../../../src/vscode/terminal/terminalFeed';

describe('TerminalFeed: bounded buffering for the VS Code terminal', () => {
  it('holds the flow past its budget, hands text on in bounded slices, in order, then lets go', async () => {
    const flow = new OutputFlow();
    const changes: boolean[] = [];
    flow.onChange((paused) => changes.push(paused));
    const slices: string[] = [];
    const feed = new TerminalFeed((t) => slices.push(t), () => flow);
    const chunk = 'abcdefgh'.repeat(8 * 1024); // 64 Ki chars
    let sent = '';
    // Like a runner whose stage keeps printing: push while the flow lets us.
    for (let i = 0; i < 64 && !flow.paused; i++) { feed.push(chunk); sent += chunk; }
    assert.equal(flow.paused, true, 'held once over budget');
    assert.ok(feed.pending <= MAX_QUEUED_CHARS + chunk.length);
    await new Promise<void>((resolve) => { const stop = flow.onChange((p) => { if (!p) { stop(); resolve(); } }); });
    await new Promise<void>((resolve) => { const check = setInterval(() => { if (feed.pending === 0) { clearInterval(check); resolve(); } }, 5); });
    assert.deepEqual(changes, [true, false]);
    assert.ok(slices.every((s) => s.length <= MAX_CHARS_PER_TICK));
    assert.equal(slices.join(''), sent, 'everything, in order');
    feed.dispose();
  });

  it('dispose lets go of a hold, so a closed terminal never stalls a run', () => {
    const flow = new OutputFlow();
    const feed = new TerminalFeed(() => undefined, () => flow);
    feed.push('x'.repeat(MAX_QUEUED_CHARS + 1));
    assert.equal(flow.paused, true);
    feed.dispose();
    assert.equal(flow.paused, false);
  });
});
