/**
 * Defect 3, the renderer's share: with stages in parallel, output is prefixed line by line and a
 * line's unfinished end is held back. A stage printing megabytes with no newline must not make
 * that held-back part grow with it: past a bound it is written out as a (continued) line.
 */
import * as assert from 'node:assert/strict';
import type { EngineEvent } from '../../../src/core/engine/events';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { MAX_HELD_LINE_CHARS, RunRenderer } from '../../../src/core/render/runRenderer';

describe('RunRenderer holds back a bounded part of a line', () => {
  const run: RunRecord = { id: 'r', sha: 'none', branch: '', trigger: 'test', startedAt: new Date().toISOString(), state: 'running', stages: [] };
  const started = (stage: string, index: number): EngineEvent => ({ type: 'stageStarted', run, stage, index, total: 2 });
  const out = (stage: string, chunk: string): EngineEvent => ({ type: 'stageOutput', run, stage, stream: 'stdout', chunk });

  it('10 MB without a newline from one of two parallel stages comes out as it arrives, prefixed', () => {
    const r = new RunRenderer({ color: false });
    r.render(started('A', 1));
    r.render(started('B', 2));
    let written = 0;
    let sent = 0;
    for (let i = 0; i < 160; i++) {
      const text = r.render(out('A', 'x'.repeat(64 * 1024)));
      sent += 64 * 1024;
      written += text.replace(/\[A\] /g, '').replace(/\n/g, '').length;
      assert.ok(sent - written <= MAX_HELD_LINE_CHARS, `held back ${sent - written} chars`);
    }
    assert.match(r.render(out('A', 'end\n')), /^\[A\] x*end\n$/);
  });
});
