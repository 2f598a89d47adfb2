import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** review22 M2: `queue: all` with the default `checkout: workspace` runs only the newest commit of a burst, and nothing said so. */
describe('gearshift validate: queue: all without checkout: clean', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const file = (head: string): string => `version: 1\n${head}stages:\n  - name: Test\n    run: "true"\n`;

  it('warns (still valid, exit 0) under checkout: workspace; says nothing with checkout: clean or queue: latest', async () => {
    const repo = ws.repo(file('trigger: commit\nqueue: all\n'));
    const warned = await runMain(['validate'], { cwd: repo });
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stdout, /is valid: 1 stage\n! queue: all runs each commit only with checkout: clean: under checkout: workspace the stages test HEAD's tree, so a waiting commit HEAD moved past \(the older commits of a burst\) is not run; add `checkout: clean`, or use queue: latest\n/);
    for (const head of ['trigger: commit\nqueue: latest\n', 'trigger: manual\nqueue: all\n']) {
      fs.writeFileSync(path.join(repo, '.gearshift.yml'), file(head));
      const quiet = await runMain(['validate'], { cwd: repo });
      assert.equal(quiet.code, 0, quiet.stderr);
      assert.doesNotMatch(quiet.stdout, /queue: all/, head);
    }
  });
});
