import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { PipelineRun } from '../../../src/core/pipeline';
import { finish, makePipeline, stageRecord, TempDirs } from '../../unit/pipeline/helpers';

/** A real gc(), exposed at runtime when mocha was not started with --expose-gc. */
function getGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) { return existing; }
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap figures mean something only in a process that runs nothing else meanwhile: the serial system tier. */
describe('pipeline/runner: streams at scale', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('streams 50 MB of output with bounded memory', async function () {
    this.timeout(60_000);
    const dir = temp.make();
    const size = 50 * 1024 * 1024;
    const gc = getGc();
    const run = new PipelineRun({
      pipeline: makePipeline(dir, [{ name: 'Flood', run: `head -c ${size} /dev/zero | tr '\\0' x` }]),
      sha: 's', branch: 'b', trigger: 't',
    });
    let bytes = 0;
    let chunks = 0;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peakRetained = 0;
    run.onEvent((e) => {
      if (e.type !== 'stageOutput') { return; }
      bytes += e.chunk.length;
      chunks += 1;
      // Measure what survives a collection mid-run: that is what the runner keeps.
      if (chunks % 100 === 0) {
        gc();
        peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed - baseline);
      }
    });
    const record = await finish(run, 50_000);
    gc();
    const after = process.memoryUsage().heapUsed - baseline;
    assert.equal(stageRecord(record, 'Flood').state, 'passed');
    assert.equal(bytes, size);
    assert.ok(chunks > 100, `expected streaming in chunks, got ${chunks}`);
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
    assert.ok(peakRetained < 30 * 1024 * 1024, `heap retained mid-run grew by ${mb(peakRetained)}`);
    assert.ok(after < 30 * 1024 * 1024, `heap grew by ${mb(after)} over the run`);
  });
});
