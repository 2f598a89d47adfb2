import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployProduction, rollbackProduction } from '../../../src/core/release/index';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/** Issue 13, defect 4: a sha read from deploy.json must never reach git as an option. */
describe('deployCommands: a sha from deploy.json is never a git option', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('rollback without blue/green refuses a recorded sha of `--output=pwned.txt`, runs nothing, writes no file', async () => {
    r = await DeployRepo.create({ blueGreen: false });
    const first = await withDeadline(deployProduction(r.engine), 20_000, 'deploy');
    assert.equal(first.result, 'ok', first.message);
    r.commit('next');
    const second = await withDeadline(deployProduction(r.engine), 20_000, 'deploy');
    assert.equal(second.result, 'ok', second.message);
    const old = first.result === 'ok' ? first.record.sha : '';
    const file = r.f.store.file;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split(old).join('--output=pwned.txt'));
    const deploysBefore = r.read('prod-deploys');

    const o = await withDeadline(rollbackProduction(r.engine), 20_000, 'rollback');
    assert.equal(o.result, 'refused', o.message);
    assert.match(o.message, /no valid commit/);
    assert.equal(fs.existsSync(path.join(r.dir, 'pwned.txt')), false, 'git wrote the file');
    assert.equal(fs.existsSync(path.join(process.cwd(), 'pwned.txt')), false);
    assert.equal(r.read('prod-deploys'), deploysBefore, 'no stage ran');
  });
});
