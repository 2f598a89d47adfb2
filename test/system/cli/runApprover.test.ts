import * as assert from 'node:assert/strict';
import { deployHistory } from '../../../src/core/release';
import { IDENTITY } from '../../support/git';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';
import { ensureCliBuilt, runCli } from './cliProcess';

/**
 * Who approved a production deploy made by `gearshift run` (the bundled binary, dist/cli.js):
 * a manual gate answered (here by --yes) records its approver on the gated stage, and the
 * deploy record takes that name; a run nobody was asked about records nobody (docs/deploys.md).
 */
describe('gearshift run: who approved the production deploy (real process)', function () {
  this.timeout(90_000);
  let r: DeployRepo | undefined;
  before(() => ensureCliBuilt());
  afterEach(async () => { await r?.dispose(); r = undefined; });

  const smokeGate = (): string[] => ['  - name: Smoke', '    run: echo smoke', '    environment: production', '    approval: manual'];

  it('--yes on a production gate: the stage and the deploy record name the approver (git user.name)', async () => {
    r = await DeployRepo.create({ after: smokeGate });
    const ran = await runCli(['run', '--yes'], { cwd: r.dir });
    assert.equal(ran.code, 0, ran.stdout + ran.stderr);
    const [run] = await r.runs();
    assert.equal(run.stages.find((s) => s.name === 'Smoke')?.approvedBy, IDENTITY.name);
    assert.equal(run.stages.find((s) => s.name === 'Deploy Prod')?.approvedBy, undefined, 'a stage with no gate approves nothing');
    assert.equal(run.approvedBy, undefined, 'nobody was asked at the start of a CLI run');
    const deploy = (await deployHistory(r.engine)).records.find((d) => d.runId === run.id && d.environment === 'production');
    assert.equal(deploy?.approvedBy, IDENTITY.name);
  });

  it('no gate and no question: the production deploy records no approver', async () => {
    r = await DeployRepo.create();
    const ran = await runCli(['run'], { cwd: r.dir });
    assert.equal(ran.code, 0, ran.stdout + ran.stderr);
    const [run] = await r.runs();
    const deploy = (await deployHistory(r.engine)).records.find((d) => d.runId === run.id && d.environment === 'production');
    assert.ok(deploy, 'the run deployed');
    assert.equal(deploy.approvedBy, undefined);
    assert.equal(run.approvedBy, undefined);
  });
});
