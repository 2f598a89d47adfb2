import * as assert from 'node:assert';
import { main } from '../../../src/cli/main';
import { FakeIo } from './fakeIo';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';

/** main(argv, io) called directly: the prompt, colour and signal paths a child process can't easily reach. */
describe('gearshift main() in-process', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const GATED = pipeline([{ name: 'Deploy', run: 'echo deploying', extra: ['approval: manual'] }]);

  it('asks at a terminal and runs the gated stage on "y"', async () => {
    const repo = ws.repo(GATED);
    const io = new FakeIo(repo, { USER: 'dev' }, ['y']);
    io.stdinIsTTY = true;
    assert.strictEqual(await main(['run'], io), 0, io.err);
    assert.deepStrictEqual(io.questions, ['Approve stage "Deploy"? [y/N] ']);
    assert.match(io.out, /deploying/);
    // Who said yes is on the stage's record (git user.name, else the login name: the deploy commands' rule).
    const end = JSON.parse(historyLines(repo).at(-1) ?? '{}') as { run?: { stages?: { name: string; approvedBy?: string }[] } };
    const approvedBy = end.run?.stages?.find((st) => st.name === 'Deploy')?.approvedBy;
    assert.ok(approvedBy !== undefined && approvedBy.length > 0, JSON.stringify(end));
  });

  for (const answer of ['n', '', null]) {
    it(`declines the gate on ${JSON.stringify(answer)} and exits 130`, async () => {
      const io = new FakeIo(ws.repo(GATED), {}, [answer]);
      io.stdinIsTTY = true;
      assert.strictEqual(await main(['run'], io), 130);
      assert.strictEqual(io.questions.length, 1);
      assert.match(io.out, /Deploy cancelled: approval declined/);
    });
  }

  it('never asks under CI, even at a terminal', async () => {
    const io = new FakeIo(ws.repo(GATED), { CI: 'true' });
    io.stdinIsTTY = true;
    assert.strictEqual(await main(['run'], io), 130);
    assert.deepStrictEqual(io.questions, []);
    assert.match(io.err, /needs approval: rerun with --yes .*CI is set/);
  });

  it('colours output for a terminal unless NO_COLOR is set', async () => {
    const repo = ws.repo(pipeline([{ name: 'A', run: 'true' }]));
    const tty = new FakeIo(repo, {});
    (tty.stdout as { isTTY: boolean }).isTTY = true;
    assert.strictEqual(await main(['run'], tty), 0);
    assert.ok(tty.out.includes('\x1b[32m'));
    const vetoed = new FakeIo(repo, { NO_COLOR: '1' });
    (vetoed.stdout as { isTTY: boolean }).isTTY = true;
    assert.strictEqual(await main(['run'], vetoed), 0);
    assert.ok(!vetoed.out.includes('\x1b['));
  });

  it('cancels on an interrupt, exits 130, and stops listening for signals afterwards', async () => {
    const io = new FakeIo(ws.repo(pipeline([{ name: 'Slow', run: 'echo started; exec sleep 30' }])));
    const done = main(['run'], io);
    for (let i = 0; !io.out.includes('started'); i++) {
      assert.ok(i < 500, 'the stage never started');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    io.interrupt('SIGINT');
    assert.strictEqual(await done, 130);
    assert.strictEqual(io.exitedWith, undefined);
    assert.strictEqual(io.listening, 0);
  });

  it('an interrupt that comes before the run starts still cancels it', async () => {
    const repo = ws.repo(pipeline([{ name: 'Slow', run: 'sleep 30' }]));
    const io = new FakeIo(repo);
    io.interruptOnSubscribe = 'SIGTERM';
    const done = main(['run'], io);
    assert.strictEqual(await done, 130);
    assert.match(io.err, /SIGTERM: cancelling the run/);
    assert.strictEqual(io.out, '', 'nothing may start');
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('init reports a folder it cannot write to, exit 2', async () => {
    const io = new FakeIo('/nonexistent-gearshift-dir');
    const code = await main(['init'], io);
    assert.strictEqual(code, 2);
    assert.match(io.err, /could not write/);
  });
});
