import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runMain, type MainResult } from '../cli/runMain';
import { figuresOf } from '../cli/keptGauge';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * `gearshift status` says when a release waits for Keep / Roll Back (production deploys are
 * refused until then), as the editor's status bar does, and `status --json` has it in `decision`.
 * The pause is made the real way: a production deploy whose monitoring is inconclusive (the
 * first deploy has no slot live before it to compare with: a probe error, consecutiveErrorLimit 1).
 * In-process CLI on a real repository with the blue/green fixture.
 */
describe('gearshift status: a release waiting for a decision (in-process CLI)', function () {
  this.timeout(90_000);
  let r: DeployRepo;
  const run = (args: string[]): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir }), 40_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  const MESSAGE = /slots: 1 probe errors in a row \(consecutiveErrorLimit 1\); last: nothing measured in interval 1: nothing to compare: blue is live, and no slot was live before it/;

  async function pausedRepo(): Promise<{ sha: string; runId: string }> {
    r = await DeployRepo.create({
      monitor: {
        window: '1s', interval: '100ms', baseline: '0', extra: ['  consecutiveErrorLimit: 1'],
        probes: (f) => ['    - name: slots', '      compare: previous-slot', '      timeout: 300ms', `      urls: { blue: "${f.url('blue')}", green: "${f.url('green')}" }`],
      },
    });
    const deployed = await run(['deploy', 'production', '--yes']);
    assert.equal(deployed.code, 3, deployed.stderr);
    const [paused] = await r.runs();
    return { sha: paused.sha, runId: paused.id };
  }

  async function status(args: string[] = []): Promise<MainResult> {
    const res = await run(['status', ...args]);
    assert.equal(res.code, 0, res.stderr);
    return res;
  }
  const jsonOf = async (): Promise<Record<string, unknown>> => JSON.parse((await status(['--json'])).stdout) as Record<string, unknown>;

  it('says which release waits, why, and what to do; --json has it in `decision`; after `gearshift keep` neither does', async () => {
    const { sha, runId } = await pausedRepo();
    const text = (await status()).stdout;
    const line = text.split('\n').find((l) => l.startsWith('release needs a decision'));
    assert.ok(line, text);
    assert.match(line, new RegExp(`^release needs a decision {2}${sha.slice(0, 8)} in blue: monitoring was inconclusive \\(`));
    assert.match(line, MESSAGE);
    assert.match(line, /production deploys wait: keep it with `gearshift keep`, or roll back with `gearshift rollback`$/);

    const json = await jsonOf();
    const decision = json.decision as Record<string, unknown>;
    assert.deepEqual([decision.sha, decision.slot, decision.runId], [sha, 'blue', runId]);
    assert.match(decision.message as string, MESSAGE);
    assert.equal(typeof decision.at, 'string');
    assert.equal(json.decisionUnknown, null);

    assert.equal((await run(['keep'])).code, 0);
    assert.doesNotMatch((await status()).stdout, /release needs a decision/);
    assert.equal((await jsonOf()).decision, null);
  });

  it('nothing waits: no line, `decision` null', async () => {
    r = await DeployRepo.create();
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    const text = (await status()).stdout;
    assert.match(text, /^green /);
    assert.doesNotMatch(text, /release (needs a decision|decision unknown)/);
    const json = await jsonOf();
    assert.deepEqual([json.decision, json.decisionUnknown], [null, null]);
  });

  it('status --json answered from the kept figures still reads the decision now', async () => {
    const { sha } = await pausedRepo();
    for (let i = 0; i < 3 && !fs.existsSync(figuresOf(r.dir)); i++) { await jsonOf(); }
    assert.ok(fs.existsSync(figuresOf(r.dir)), 'the figures were kept');
    // A marker in the kept figures shows that they answered.
    const kept = JSON.parse(fs.readFileSync(figuresOf(r.dir), 'utf8')) as { gauge: { gear: { why: string } } };
    kept.gauge.gear.why = 'from-the-kept-figures';
    fs.writeFileSync(figuresOf(r.dir), JSON.stringify(kept));
    const paused = await jsonOf();
    assert.equal((paused.gear as { why: string }).why, 'from-the-kept-figures');
    assert.equal((paused.decision as { sha: string }).sha, sha);
    // Decided elsewhere (deploy.json only, history untouched: the figures still answer).
    await r.f.store.update((s) => { delete s.decision; });
    const decided = await jsonOf();
    assert.equal((decided.gear as { why: string }).why, 'from-the-kept-figures');
    assert.equal(decided.decision, null);
  });

  it('an unreadable record (dropped by the next write, not corrupt) does not hide the waiting release', async () => {
    const { sha } = await pausedRepo();
    const state = JSON.parse(fs.readFileSync(r.f.store.file, 'utf8')) as { records: unknown[] };
    state.records.push({ id: 42 });
    fs.writeFileSync(r.f.store.file, JSON.stringify(state));
    assert.match((await status()).stdout, new RegExp(`\nrelease needs a decision {2}${sha.slice(0, 8)} in blue: `));
    assert.deepEqual([((await jsonOf()).decision as { sha: string }).sha, (await r.f.store.read()).corrupt], [sha, undefined]);
    assert.equal(fs.existsSync(`${r.f.store.file}.corrupt`), false, 'a question writes no copy of a file that is whole');
  });

  it('a corrupt deploy.json: status says whether a release waits cannot be told, and why; --json in `decisionUnknown`', async () => {
    await pausedRepo();
    fs.writeFileSync(r.f.store.file, '{"version":1,"slots":{\n');
    const text = (await status()).stdout;
    assert.match(text, /\nrelease decision unknown: .*deploy\.json is corrupt \(not valid JSON: .*\), so the live slot and the rollback target are unknown; its text is kept in .*deploy\.json\.corrupt\. Repair deploy\.json, or delete it .*; until then production deploys, switch, rollback and keep refuse\n/);
    const json = await jsonOf();
    assert.equal(json.decision, null);
    assert.match(json.decisionUnknown as string, /deploy\.json is corrupt \(not valid JSON/);
  });
});
