import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planRunStart } from '../../../src/core/release';
import { engineTestbed } from '../engine/engineFixture';

const COMMITTED = `version: 1
checkout: clean
stages:
  - name: Test
    run: "true"
  - name: Ship
    run: "true"
    environment: production
`;

/** Under `checkout: clean` the run follows the commit's file: the question before it must read that file too (review18 MEDIUM 2). */
describe('before a run starts under checkout: clean: the question follows the file the run follows', function () {
  this.timeout(30_000);
  const { repos, engineFor } = engineTestbed();

  it('a stage that is production in the commit asks, though the working copy says otherwise', async () => {
    const repo = repos.make(COMMITTED);
    // The working copy no longer marks Ship as production; the commit (which runs) still does.
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), COMMITTED.replace('    environment: production\n', ''));
    const start = await planRunStart(engineFor(repo), { trigger: 'rerun', only: 'Ship' }, { confirmSetting: true, busy: 'refuse' });
    assert.equal(start.kind, 'confirm', JSON.stringify(start));
  });
});
