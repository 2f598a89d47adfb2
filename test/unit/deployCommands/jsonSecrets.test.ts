import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { git } from '../../support/git';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * docs/secrets.md: history records and the `--json` record are masked field by field, a branch
 * named like a secret included. `gearshift run --json` was; the deploy commands' JSON and an
 * instant rollback's history record were not. Each value is also a valid branch name.
 */
const LB_VALUE = 'lb-json-T0ken-5e1f0a9c';
const NOTE_VALUE = 'note-json-T0ken-7b2d';
const SWITCH = `#!/bin/sh
echo "token is $LB_TOKEN"
printf '%s\\n' "$GEARSHIFT_SLOT" > live-slot.tmp && mv live-slot.tmp live-slot
`;

describe('secrets in the deploy commands\' --json and an instant rollback\'s history (in-process main)', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const run = (args: string[], env: Record<string, string>): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir, env }), 40_000, `gearshift ${args.join(' ')} did not end`);
  const gearshiftFiles = (): string => ['history.jsonl', 'deploy.json'].map((f) => fs.readFileSync(path.join(r.dir, '.git', 'gearshift', f), 'utf8')).join('\n');
  afterEach(async () => { await r?.dispose(); });

  async function blueGreenOnSecretBranch(): Promise<DeployRepo> {
    const made = await DeployRepo.create({ deployExtra: ['  env:', '    LB_TOKEN: "${{ secrets.LB_TOKEN }}"'] });
    fs.writeFileSync(path.join(made.dir, 'switch.sh'), SWITCH, { mode: 0o755 });
    git(made.dir, 'checkout', '-q', '-b', LB_VALUE);
    return made;
  }
  const lb = { GEARSHIFT_SECRET_LB_TOKEN: LB_VALUE };

  it('deploy production --json: the run record on stdout is masked as run --json\'s is', async () => {
    r = await blueGreenOnSecretBranch();
    const deploy = await run(['deploy', 'production', '--yes', '--json'], lb);
    assert.equal(deploy.code, 0, deploy.stderr);
    const out = JSON.parse(deploy.stdout) as { run: RunRecord };
    assert.equal(out.run.branch, '***');
    assert.ok(!deploy.stdout.includes(LB_VALUE) && !deploy.stderr.includes(LB_VALUE), deploy.stdout);
  });

  it('rollback --json with blue/green: neither the JSON nor the rollback\'s history record holds the switch secret', async () => {
    r = await blueGreenOnSecretBranch();
    assert.equal((await run(['deploy', 'production', '--yes'], lb)).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'], lb)).code, 0);
    const back = await run(['rollback', '--yes', '--json'], lb);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(r.f.liveSlot(), 'blue');
    assert.equal((JSON.parse(back.stdout) as { run: RunRecord }).run.branch, '***');
    assert.ok(!back.stdout.includes(LB_VALUE) && !back.stderr.includes(LB_VALUE), back.stdout);
    assert.ok(!gearshiftFiles().includes(LB_VALUE), 'history or deploy.json holds the secret');
  });

  it('rollback --json without blue/green (a redeploy run): the run record on stdout is masked', async () => {
    const announce = (): string[] => ['  - name: Announce', '    run: echo "announcing with $NOTE"', '    environment: production', '    env:', '      NOTE: "${{ secrets.NOTE_TOKEN }}"'];
    r = await DeployRepo.create({ blueGreen: false, after: announce });
    git(r.dir, 'checkout', '-q', '-b', NOTE_VALUE);
    const note = { GEARSHIFT_SECRET_NOTE_TOKEN: NOTE_VALUE };
    assert.equal((await run(['deploy', 'production', '--yes'], note)).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'], note)).code, 0);
    const back = await run(['rollback', '--yes', '--json'], note);
    assert.equal(back.code, 0, back.stderr);
    assert.equal((JSON.parse(back.stdout) as { record: RunRecord }).record.branch, '***', 'the redeploy run\'s record');
    assert.ok(!back.stdout.includes(NOTE_VALUE) && !back.stderr.includes(NOTE_VALUE), back.stdout);
    assert.ok(!gearshiftFiles().includes(NOTE_VALUE));
  });
  it('keep --json: neither the JSON nor the decision\'s history record holds the switch secret', async () => {
    r = await blueGreenOnSecretBranch();
    assert.equal((await run(['deploy', 'production', '--yes'], lb)).code, 0);
    // A release left inconclusive by monitoring, as deploy.json records it.
    const file = path.join(r.dir, '.git', 'gearshift', 'deploy.json');
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { live: string; records: { runId: string; id: string }[]; decision?: unknown };
    const last = state.records[state.records.length - 1];
    state.decision = { runId: last.runId, recordId: last.id, sha: r.head(), at: new Date().toISOString(), message: 'inconclusive', slot: state.live };
    fs.writeFileSync(file, JSON.stringify(state));
    const kept = await run(['keep', '--json'], lb);
    assert.equal(kept.code, 0, kept.stderr);
    assert.equal((JSON.parse(kept.stdout) as { run: RunRecord }).run.branch, '***');
    assert.ok(!kept.stdout.includes(LB_VALUE) && !kept.stderr.includes(LB_VALUE), kept.stdout);
    assert.ok(!gearshiftFiles().includes(LB_VALUE), 'history or deploy.json holds the secret');
  });
});
