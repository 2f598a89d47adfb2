/**
 * "History is the record": a switch by hand and an instant rollback leave a history record like
 * a run's (who, what, when, result), which `gearshift history` lists and `--json` gives back,
 * masked with every secret that is set — not only the ones the operation itself used. The real
 * bundled CLI (dist/cli.js) in a real git repository, as a user runs it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { git } from '../../support/git';
import { CliProcess, ensureCliBuilt, runCli, waitForFile, type CliResult } from '../cli/cliProcess';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';

/** A stage's secret, not the switch's: the branch is named like it. */
const STAGE_VALUE = 'stage-rec-T0ken-4a7c9e21';
const secretStage = (): string[] => ['  - name: Announce', '    run: echo "announced"', '    environment: production', '    env:', '      NOTE: "${{ secrets.NOTE_TOKEN }}"'];
const env = { GEARSHIFT_SECRET_NOTE_TOKEN: STAGE_VALUE, GIT_AUTHOR_NAME: 'Kim Example', GIT_COMMITTER_NAME: 'Kim Example' };

describe('history: a switch by hand and an instant rollback are recorded, masked (real CLI)', function () {
  this.timeout(90_000);
  let r: DeployRepo;
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(async () => { await r?.dispose(); });

  const cli = (args: string[]): Promise<CliResult> => runCli(args, { cwd: r.dir, env });
  const historyFile = (): string => fs.readFileSync(path.join(r.dir, '.git', 'gearshift', 'history.jsonl'), 'utf8');
  async function jsonHistory(): Promise<RunRecord[]> {
    const h = await cli(['history', '--json']);
    assert.equal(h.code, 0, h.stderr);
    return JSON.parse(h.stdout) as RunRecord[];
  }

  /** A switch script that says it started (switch-started), then waits (bounded) until the test lets it go (go-switch). */
  function holdingSwitchScript(): void {
    fs.writeFileSync(path.join(r.dir, 'switch.sh'), `#!/bin/sh\ntouch switch-started\ni=0; while [ ! -e go-switch ] && [ $i -lt 500 ]; do i=$((i+1)); sleep 0.02; done\n`, { mode: 0o755 });
  }

  /** Two releases deployed (blue, then green live) from a branch named like the stage's secret. */
  async function twoReleases(): Promise<void> {
    r = await DeployRepo.create({ after: secretStage });
    git(r.dir, 'checkout', '-q', '-b', STAGE_VALUE);
    for (const name of ['one', 'two']) {
      if (name === 'two') { r.commit(name); }
      const d = await cli(['deploy', 'production', '--yes']);
      assert.equal(d.code, 0, d.stdout + d.stderr);
    }
    assert.equal(r.f.liveSlot(), 'green');
  }

  it('gearshift switch: a `switch` record (who, slot, result) in history and history --json, the branch masked', async () => {
    await twoReleases();
    const sw = await cli(['switch', '--yes']);
    assert.equal(sw.code, 0, sw.stderr);
    assert.equal(r.f.liveSlot(), 'blue');

    const [rec] = await jsonHistory();
    assert.deepEqual(
      [rec.trigger, rec.state, rec.slot, rec.environment, rec.branch, (rec.deploy as { result: string }).result],
      ['switch', 'green', 'blue', 'production', '***', 'ok'],
    );
    assert.equal(typeof rec.approvedBy, 'string');
    assert.ok(rec.endedAt !== undefined && rec.stages.every((s) => s.state === 'skipped' && /^not selected/.test(s.reason ?? '')), JSON.stringify(rec));
    const table = await cli(['history', '--limit', '1']);
    assert.match(table.stdout.split('\n')[1], /^green\s+\w{8}\s+\*\*\*\s+switch\s/);
    assert.ok(!historyFile().includes(STAGE_VALUE), 'the history file holds the secret');
  });

  it('a failed switch is recorded red, with the script\'s message; a refused one (nothing to switch to) is not recorded', async () => {
    await twoReleases();
    r.f.switchFails(true);
    const sw = await cli(['switch', '--yes']);
    assert.equal(sw.code, 1, sw.stderr);
    const [rec] = await jsonHistory();
    assert.deepEqual([rec.trigger, rec.state, (rec.deploy as { result: string }).result], ['switch', 'red', 'failed']);
    assert.match((rec.deploy as { message: string }).message, /^switch to blue failed/);
    const count = (await jsonHistory()).length;
    await r.f.store.update((s) => { s.slots.blue.status = 'failed'; });
    assert.equal((await cli(['switch', '--yes'])).code, 2);
    assert.equal((await jsonHistory()).length, count, 'a refusal changed nothing: nothing to record');
  });

  it('a failed switch keeps the pipeline red until production is shown to work: not by a green --stage run, by a switch that works', async () => {
    await twoReleases();
    r.f.switchFails(true);
    assert.equal((await cli(['switch', '--yes'])).code, 1);
    const redSince = async (): Promise<string | null> => (JSON.parse((await cli(['status', '--json'])).stdout) as { redSince: string | null }).redSince;
    const since = await redSince();
    assert.notEqual(since, null, 'red after the failed switch');
    const unit = await cli(['run', '--stage', 'Unit Tests']);
    assert.equal(unit.code, 0, unit.stdout + unit.stderr);
    assert.equal(await redSince(), since, 'a green Unit Tests run says nothing about production');
    assert.match((await cli(['status'])).stdout, /^red\b[^\n]*\n\s*red for /);
    r.f.switchFails(false);
    assert.equal((await cli(['switch', '--yes'])).code, 0);
    assert.equal(await redSince(), null, 'green: the switch worked');
  });

  it('gearshift switch killed (kill -9) while its script runs: history still shows it, `interrupted`', async () => {
    await twoReleases();
    holdingSwitchScript();
    const sw = new CliProcess(['switch', '--yes'], { cwd: r.dir, env, input: '' });
    try {
      await waitForFile(path.join(r.dir, 'switch-started'), /^/);
      sw.child.kill('SIGKILL');
    } finally {
      r.touch('go-switch'); // the orphaned script ends (it holds the killed CLI's stdout open until then)
    }
    assert.equal((await sw.done).signal, 'SIGKILL');
    const [rec] = await jsonHistory();
    assert.deepEqual([rec.trigger, rec.state, rec.slot, rec.branch], ['switch', 'interrupted', 'blue', '***'], JSON.stringify(rec));
  });

  it('gearshift rollback stopped with Ctrl+C while its script runs: recorded `cancelled` (exit 130), not left out', async () => {
    await twoReleases();
    holdingSwitchScript();
    const back = new CliProcess(['rollback', '--yes'], { cwd: r.dir, env, input: '' });
    try {
      await waitForFile(path.join(r.dir, 'switch-started'), /^/);
      back.child.kill('SIGINT');
      assert.equal((await back.done).code, 130, back.stderr);
    } finally {
      r.touch('go-switch');
    }
    const [rec] = await jsonHistory();
    assert.deepEqual([rec.trigger, rec.rollback, rec.state, (rec.deploy as { result: string }).result], ['rollback', true, 'cancelled', 'cancelled'], JSON.stringify(rec));
    assert.equal(r.f.liveSlot(), 'green', 'still the slot that was live');
  });

  it('gearshift rollback: its record is masked with a stage\'s secret too, not only the switch\'s', async () => {
    await twoReleases();
    const back = await cli(['rollback', '--yes', '--json']);
    assert.equal(back.code, 0, back.stderr);
    assert.equal((JSON.parse(back.stdout) as { run: RunRecord }).run.branch, '***');
    const [rec] = await jsonHistory();
    assert.deepEqual([rec.trigger, rec.rollback, rec.branch], ['rollback', true, '***']);
    assert.ok(!historyFile().includes(STAGE_VALUE), 'the history file holds the secret');
  });
});
