/**
 * Backpressure inside the runner (defect 3): a held OutputFlow stops the stage's pipes being
 * read, so the stage blocks on its own write; released, every byte arrives, even the tail a
 * stage left in the pipe before it exited while output was paused.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { OutputFlow, PipelineRun, type RunRecord } from '../../../src/core/pipeline';
import { STOPPED_TAIL_BYTES } from '../../../src/core/pipeline/outputPipe';
import { makePipeline, TempDirs } from '../pipeline/helpers';
import { until } from '../../support/until';

const wchan = (pid: number): string => { try { return fs.readFileSync(`/proc/${pid}/wchan`, 'utf8'); } catch { return ''; } };
const childOf = (pid: number): number => { try { return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]) || 0; } catch { return 0; } };
const alive = (pid: number): boolean => fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));

interface HeldRun {
  run: PipelineRun;
  /** Lets the output flow again. */
  release: () => void;
  done: Promise<RunRecord>;
  /** The stage's output so far (its chunks, their length in chars) and its pid once it started (0 before). */
  seen: { chunks: string[]; chars: number; pid: number };
}

/** A one-stage run (`name` runs `script` in `root`) whose output flow is held from the start, started. */
function heldRun(root: string, name: string, script: string, killGraceMs?: number): HeldRun {
  const flow = new OutputFlow();
  const release = flow.hold();
  const run = new PipelineRun({ pipeline: makePipeline(root, [{ name, run: script }]), sha: 'none', branch: '', trigger: 'test', flow, ...(killGraceMs === undefined ? {} : { killGraceMs }) });
  const seen: HeldRun['seen'] = { chunks: [], chars: 0, pid: 0 };
  run.onEvent((e) => {
    if (e.type === 'stageOutput') { seen.chunks.push(e.chunk); seen.chars += e.chunk.length; }
    if (e.type === 'stageStarted') { seen.pid = e.pid ?? 0; }
  });
  return { run, release, done: run.start(), seen };
}

describe('runner output flow (real processes)', function () {
  this.timeout(30_000);
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('a held flow keeps a stage blocked on its pipe; released, all its output arrives', async () => {
    const root = temp.make();
    // 4 MB: far more than a pipe and a stream buffer hold, so the stage must block.
    const { release, done, seen } = heldRun(root, 'Big', 'head -c 4000000 /dev/zero | tr "\\0" x; echo; echo END');
    await until('the stage to start', () => seen.pid > 0, 5000);
    // Watched for 0.5 s (the stage could print the 4 MB in a few ms): only what was in flight
    // when the hold began may arrive, never the 4 MB.
    const watchUntil = Date.now() + 500;
    await until('the watch window', () => Date.now() > watchUntil || seen.chars >= 256 * 1024, 1000);
    assert.ok(seen.chars < 256 * 1024, `${seen.chars} chars read while held`);
    assert.ok(alive(seen.pid), 'the stage waits on its full pipe');
    release();
    const record = await done;
    assert.equal(record.state, 'green');
    assert.equal(seen.chars, 4_000_000 + 5);
  });

  it('a stage that exits while output is held keeps its last output past the pipe-close grace', async () => {
    const root = temp.make();
    // 40 kB fits in the pipe: the shell exits at once, its output unread.
    const { release, done, seen } = heldRun(root, 'Small', 'head -c 40000 /dev/zero | tr "\\0" y; echo TAIL');
    await until('the stage to start', () => seen.pid > 0, 5000);
    await until('the shell to exit', () => !alive(seen.pid), 5000);
    // Longer than the 2 s after which pipes held by escaped processes are given up.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    release();
    await done;
    const text = seen.chunks.join('');
    assert.equal(text.length, 40_000 + 5);
    assert.ok(text.endsWith('TAIL\n'));
  });

  // review41 F9: `gearshift run | slow-reader`, then Ctrl+C. The stage's SIGTERM trap prints its last
  // line into a pipe the held flow no longer read: the echo blocked until the SIGKILL, and the line was lost.
  it('a stage stopped while output is held still gets its SIGTERM trap\'s last line out, without waiting for the reader', async () => {
    const root = temp.make();
    const stage = "trap 'echo TRAPPED-LAST-LINE; exit 3' TERM; while :; do echo line-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done";
    const { run, done, seen } = heldRun(root, 'Chatty', stage, 3000); // held: a reader that does not catch up during the test
    await until('the stage blocks on its full pipe', () => seen.pid > 0 && /pipe_write|sock_alloc_send|unix_stream/.test(wchan(seen.pid)), 10_000);
    run.cancel();
    const record = await done;
    const text = seen.chunks.join('');
    assert.equal(record.state, 'cancelled');
    assert.match(text, /TRAPPED-LAST-LINE\n$/, 'the trap\'s line was lost: the stage was killed while blocked on its pipe');
    // Whole lines before it (a socket pair's buffer may hold more or less than the kept tail: a skip is said when there was one).
    assert.match(text, /(\n… \d+ bytes of output skipped after the stop: the reader was behind …)?\n(line-x+\n)*TRAPPED-LAST-LINE\n$/);
    assert.equal(record.stages[0].exitCode, 3, 'the trap ran to its exit, no SIGKILL');
  });

  it('a stopped stage that ignores SIGTERM and floods while output is held: what is read is bounded until its SIGKILL', async () => {
    const root = temp.make();
    // The ignored SIGTERM is inherited by cat, which floods until the SIGKILL after the grace.
    const { run, done, seen } = heldRun(root, 'Flood', "trap '' TERM; cat /dev/zero", 1500);
    await until('the stage to start', () => seen.pid > 0, 5000);
    await until('the flood fills its pipe', () => /pipe_write|sock_alloc_send|unix_stream/.test(wchan(childOf(seen.pid))), 10_000);
    const beforeStop = seen.chars;
    run.cancel();
    assert.equal((await done).state, 'cancelled');
    const received = seen.chars;
    const said = seen.chunks.filter((c) => /bytes of output skipped after the stop/.test(c)).pop() ?? '';
    assert.ok(received - beforeStop <= (STOPPED_TAIL_BYTES + 200) * 2, `${received - beforeStop} chars read after the stop (each pipe keeps at most ${STOPPED_TAIL_BYTES} and a line saying what it skipped)`);
    assert.match(said, /\n… \d+ bytes of output skipped after the stop: the reader was behind …\n/, 'what was skipped is said');
  });
});
