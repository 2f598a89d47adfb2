import * as assert from 'node:assert';
import * as path from 'node:path';
import { CliProcess, ensureCliBuilt, isAlive, runCli, waitForFile } from './cliProcess';
import { killMarked, marked, newMarker, waitForMarked } from '../../unit/reliability/markers';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';

async function gone(pid: number, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) { return false; }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

const historyFile = (repo: string): string => path.join(repo, '.git', 'gearshift', 'history.jsonl');

describe('gearshift run: Ctrl+C and SIGTERM (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  // `exec` makes the shell's pid (= the stage's process group id) the sleep's pid.
  const SLEEPY = pipeline([
    { name: 'Sleepy', run: 'echo "sleeping as $$"; exec sleep 30' },
    { name: 'After', run: 'touch after' },
  ]);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while a stage runs cancels the run, kills the stage and exits 130 after writing history`, async () => {
      const repo = ws.repo(SLEEPY);
      const cli = new CliProcess(['run'], { cwd: repo });
      const pid = Number((await cli.waitFor(/sleeping as (\d+)/))[1]);
      assert.ok(isAlive(pid), 'the stage is running');
      const sentAt = Date.now();
      cli.child.kill(signal);
      const r = await cli.done;
      assert.strictEqual(r.code, 130, r.stderr);
      assert.ok(Date.now() - sentAt < 10_000, 'did not wait for sleep 30');
      assert.ok(await gone(pid), `sleep ${pid} survived the cancel`);
      assert.match(r.stderr, new RegExp(`${signal}: cancelling the run`));
      assert.match(r.stdout, new RegExp(`■ Sleepy cancelled: interrupted by ${signal}`));
      assert.match(r.stdout, /Pipeline CANCELLED/);
      const end = JSON.parse(historyLines(repo).at(-1)!) as { kind: string; run: { state: string; stages: Array<{ state: string }> } };
      assert.strictEqual(end.kind, 'end');
      assert.strictEqual(end.run.state, 'cancelled');
      assert.deepStrictEqual(end.run.stages.map((s) => s.state), ['cancelled', 'cancelled']);
    });
  }

  it('a second Ctrl+C exits at once and kills a stage that ignores SIGTERM', async () => {
    // '' ignores TERM in the shell and in sleep (ignored signals survive exec): only KILL works.
    const repo = ws.repo(pipeline([{ name: 'Stubborn', run: 'trap "" TERM; echo "stubborn as $$"; exec sleep 30' }]));
    const cli = new CliProcess(['run'], { cwd: repo });
    const pid = Number((await cli.waitFor(/stubborn as (\d+)/))[1]);
    cli.child.kill('SIGINT');
    await cli.waitFor(/cancelling the run/);
    const sentAt = Date.now();
    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.strictEqual(r.code, 130);
    assert.ok(Date.now() - sentAt < 4000, 'waited for the kill grace instead of exiting at once');
    assert.match(r.stderr, /SIGINT again: killing the stages and exiting now/);
    assert.ok(await gone(pid), `sleep ${pid} survived the second Ctrl+C`);
  });
  it('Ctrl+C twice: the run reads cancelled, not interrupted (the first one said so in history), and nothing is left running (walk29 L5)', async () => {
    const marker = newMarker();
    try {
      // TERM ignored by the stage and by what it runs: only the second Ctrl+C's KILL ends them.
      const repo = ws.repo(pipeline([{ name: 'Stubborn', run: `trap "" TERM; echo "stubborn as $$"; ${marked(marker)}` }, { name: 'After', run: 'true' }]));
      const cli = new CliProcess(['run'], { cwd: repo });
      await cli.waitFor(/stubborn as \d+/);
      assert.ok((await waitForMarked(marker, (n) => n >= 1)).length >= 1, 'precondition: the stage runs');
      cli.child.kill('SIGINT');
      await cli.waitFor(/cancelling the run/);
      // A person's second Ctrl+C comes after the first one's line is written (queued at once, not waited for).
      await waitForFile(historyFile(repo), /"kind":"cancel"/);
      cli.child.kill('SIGINT');
      const r = await cli.done;
      assert.strictEqual(r.code, 130, r.stderr);
      assert.doesNotMatch(historyLines(repo).at(-1)!, /"kind":"end"/, 'precondition: the CLI exited before its end line');
      const status = await runCli(['status', '--json'], { cwd: repo });
      const said = JSON.parse(status.stdout) as { state: string; run: { state: string; stages: Array<{ name: string; state: string; reason?: string }> } };
      const last = said.run;
      assert.deepStrictEqual([said.state, last.state], ['cancelled', 'cancelled'], status.stdout);
      assert.deepStrictEqual(last.stages.map((s) => [s.name, s.state]), [['Stubborn', 'cancelled'], ['After', 'cancelled']]);
      assert.match(last.stages[0].reason ?? '', /interrupted by SIGINT/);
      const history = await runCli(['history', '--json', '--limit', '1'], { cwd: repo });
      assert.strictEqual((JSON.parse(history.stdout) as Array<{ state: string }>)[0].state, 'cancelled', history.stdout);
      assert.deepStrictEqual(await waitForMarked(marker, (n) => n === 0), [], 'a stage process outlived the second Ctrl+C');
    } finally {
      killMarked(marker);
    }
  });

  it('Ctrl+C still cancels the stages while a history write hangs (a FIFO stands in for a disk that stopped answering)', async () => {
    // The first stage turns history into a FIFO: its end line's write then waits for a reader forever.
    // Renamed into place: between an rm and a mkfifo the CLI's own write could create the file again.
    const repo = ws.repo(pipeline([
      { name: 'Hang', run: 'mkfifo .git/gearshift/fifo && mv -f .git/gearshift/fifo .git/gearshift/history.jsonl' },
      { name: 'After', run: 'echo "after as $$"; exec sleep 30' },
    ]));
    const cli = new CliProcess(['run'], { cwd: repo });
    try {
      const pid = Number((await cli.waitFor(/after as (\d+)/, 20_000))[1]);
      cli.child.kill('SIGINT');
      await cli.waitFor(/SIGINT: cancelling the run/);
      assert.ok(await gone(pid, 10_000), `sleep ${pid} kept running: the signal was not heard while a file call hung`);
    } finally {
      cli.child.kill('SIGKILL'); // the write to the FIFO never ends by itself; a FIFO's open gives way to KILL
      await cli.done;
    }
  });
});
