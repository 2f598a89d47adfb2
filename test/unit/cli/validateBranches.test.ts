import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** review40 M1: `trigger: commit` with no `branches:` deploys a feature branch's first commit to production, and nothing said so. */
describe('gearshift validate: trigger: commit with no branches: reaching production', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const file = (head: string): string => `version: 1\n${head}stages:\n  - name: Test\n    run: "true"\n  - name: Deploy\n    run: "true"\n    environment: production\n`;
  const WARNING = /^! trigger: commit with no branches: every branch's commits \(a feature branch's, a detached HEAD's\) deploy to production; add `branches: \[main\]` \(your release branch\)$/m;

  it('warns once (still valid, exit 0); says nothing with branches: or trigger: manual', async () => {
    const repo = ws.repo(file('trigger: commit\n'));
    const warned = await runMain(['validate'], { cwd: repo });
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.stdout, /is valid: 2 stages\n/);
    assert.match(warned.stdout, WARNING);
    assert.equal(warned.stdout.split('\n').filter((l) => l.startsWith('! ')).length, 1, warned.stdout);
    for (const head of ['trigger: commit\nbranches: [main]\n', 'trigger: manual\n']) {
      fs.writeFileSync(path.join(repo, '.gearshift.yml'), file(head));
      const quiet = await runMain(['validate'], { cwd: repo });
      assert.equal(quiet.code, 0, quiet.stderr);
      assert.doesNotMatch(quiet.stdout, /^! /m, head);
    }
  });
});
