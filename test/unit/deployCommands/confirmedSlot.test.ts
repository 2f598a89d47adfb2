import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { useSyncFileIo } from '../../../src/core/fileio';
import { deployProduction } from '../../../src/core/release';
import { DeployStateStore } from '../../../src/core/deploy/stateStore';
import { cleanEnv } from '../../support/git';
import { FakeIo } from '../cli/fakeIo';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/** A terminal whose y/N question stays open until the test answers it: what a person does meanwhile, the test does. */
class WaitingTerminal extends FakeIo {
  private answer: ((a: string) => void) | undefined;
  readonly asked: Promise<string>;
  private asking!: (q: string) => void;

  constructor(cwd: string) {
    super(cwd, cleanEnv());
    this.stdinIsTTY = true;
    this.asked = new Promise((resolve) => { this.asking = resolve; });
  }

  override prompt(question: string): Promise<string | null> {
    this.questions.push(question);
    this.asking(question);
    return new Promise((resolve) => { this.answer = resolve; });
  }

  reply(text: string): void { this.answer?.(text); }
}

function startCli(args: string[], io: FakeIo): Promise<number> {
  useSyncFileIo(true); // as src/cli.ts
  return main(args, io).finally(() => useSyncFileIo(false));
}

/**
 * `switch` and `rollback` ask first and act after; while the question is open, another process
 * (the editor, `watch`) can deploy. The answer was given to the question asked: if production
 * changed meanwhile, the command must not move traffic somewhere the person never agreed to.
 */
describe('switch / rollback do what was confirmed, or nothing', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  /** blue holds the first release, green the second and is live. */
  async function twoReleases(): Promise<DeployStateStore> {
    r = await DeployRepo.create();
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    r.commit('two');
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    const store = new DeployStateStore(await r.engine.dataDir());
    assert.equal((await store.read()).state.live, 'green');
    return store;
  }

  for (const command of ['switch', 'rollback']) {
    it(`${command}: a deploy while the question is open makes the "y" refuse, and the new release stays live`, async () => {
      const store = await twoReleases();
      const io = new WaitingTerminal(r.dir);
      const cli = startCli([command], io);
      const question = await withDeadline(io.asked, 20_000, 'the question');
      assert.match(question, /to blue \(\w{8}( "[^"]*")?\)\?/);
      // Meanwhile the editor deploys a third release: into blue, which becomes live.
      r.commit('three');
      assert.equal((await deployProduction(r.newEngine())).result, 'ok');
      const third = r.head();
      assert.deepEqual([(await store.read()).state.live, (await store.read()).state.slots.blue.sha], ['blue', third]);
      io.reply('y');
      const code = await withDeadline(cli, 20_000, `${command} did not end`);
      const { state } = await store.read();
      assert.deepEqual([state.live, state.slots.blue.sha], ['blue', third], `${command} moved traffic away from the release deployed meanwhile:\n${io.out}${io.err}`);
      assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
      assert.equal(code, 2, io.out + io.err);
      const what = command === 'switch' ? 'not switching: production changed since the switch' : 'not rolling back: production changed since the rollback';
      assert.match(io.err, new RegExp(`${what} was confirmed \\(blue, \\w{8}\\): blue is live \\(\\w{8}\\) now and blue holds \\w{8}; nothing was switched`));
    });
  }

  // race33 M1: the slot is part of what was confirmed ("to green while blue stays live"), not only the commit.
  for (const args of [['deploy', 'production'], ['run']]) {
    it(`${args.join(' ')}: a deploy from elsewhere while the question is open makes the "y" refuse, and the slot it filled stays live`, async () => {
      r = await DeployRepo.create();
      assert.equal((await deployProduction(r.engine)).result, 'ok');
      const store = new DeployStateStore(await r.engine.dataDir());
      assert.equal((await store.read()).state.live, 'blue');
      r.commit('two');
      const io = new WaitingTerminal(r.dir);
      const cli = startCli(args, io);
      assert.match(await withDeadline(io.asked, 20_000, 'the question'), /to production \(slot green\)\? \[y\/N\] $/);
      // Meanwhile the editor deploys the same commit: into green, which becomes live.
      assert.equal((await deployProduction(r.newEngine())).result, 'ok');
      const deployed = (await store.read()).state;
      assert.deepEqual([deployed.live, deployed.slots.green.sha], ['green', r.head()]);
      io.reply('y');
      const code = await withDeadline(cli, 60_000, `${args.join(' ')} did not end`);
      const { state } = await store.read();
      assert.equal(state.live, 'green', `traffic moved to the slot nobody confirmed:\n${io.out}${io.err}`);
      assert.deepEqual(state.slots.blue, deployed.slots.blue, 'blue was overwritten');
      assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
      assert.notEqual(code, 0, io.out + io.err);
      assert.match(io.out + io.err, /production changed since the deploy was confirmed \(to green while blue stays live\): green is live now, so it would go to blue; ask again/);
    });
  }

  it('run --wait: its slot is decided when its turn comes, as a queued run\'s, so a deploy from elsewhere while asked does not refuse it (review33 M1)', async () => {
    r = await DeployRepo.create();
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    const store = new DeployStateStore(await r.engine.dataDir());
    r.commit('two');
    const io = new WaitingTerminal(r.dir);
    const cli = startCli(['run', '--wait'], io);
    await withDeadline(io.asked, 20_000, 'the question');
    assert.equal((await deployProduction(r.newEngine())).result, 'ok'); // green live now
    io.reply('y');
    const code = await withDeadline(cli, 60_000, 'run --wait did not end');
    assert.equal(code, 0, io.out + io.err);
    const { state } = await store.read();
    assert.deepEqual([state.live, state.slots.blue.sha], ['blue', r.head()], 'the waiting run did not deploy into the slot idle at its turn');
  });

  it('rollback without slots: a deploy while the question is open makes the "y" refuse, and nothing is redeployed', async () => {
    r = await DeployRepo.create({ blueGreen: false });
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    const first = r.head();
    r.commit('two');
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    const io = new WaitingTerminal(r.dir);
    const cli = startCli(['rollback'], io);
    assert.match(await withDeadline(io.asked, 20_000, 'the question'), new RegExp(`redeploy ${first.slice(0, 8)} `));
    // Meanwhile the editor deploys a third release: "the release before" is now the second.
    r.commit('three');
    assert.equal((await deployProduction(r.newEngine())).result, 'ok');
    const historyLines = async (): Promise<number> => fs.readFileSync(path.join(await r.engine.dataDir(), 'history.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    const linesBefore = await historyLines();
    io.reply('y');
    const code = await withDeadline(cli, 60_000, 'rollback did not end');
    assert.equal(code, 2, io.out + io.err);
    assert.match(io.err, new RegExp(`not rolling back: production changed since the rollback was confirmed \\(redeploy ${first.slice(0, 8)}\\): the release before is now \\w{8}; nothing was run`));
    assert.equal(await historyLines(), linesBefore, 'a run was started');
  });
});
