import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** review26 F3: a red run that tested uncommitted changes is not its commit's verdict, and `status` says so. */
describe('status: red from a run of uncommitted changes', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('the headline says the commit plus uncommitted changes, not the commit alone', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Provision', run: 'echo "TODO: put provisioning here" && exit 1' }]));
    const red = makeRun('dirty-red', {
      sha: 'aaaa1111', state: 'red', dirty: true, endedAt: '2024-05-01T10:01:00.000Z',
      stages: [stage('Build', 'passed'), stage('Provision', 'failed', { exitCode: 1 })],
    });
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const pid = deadPid();
    fs.writeFileSync(file, rawLine('start', { ...red, state: 'running' }, { pid }) + rawLine('end', red, { pid }));
    const res = await runMain(['status'], { cwd: repo });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^red {2}aaaa1111 \+ uncommitted changes on main\n/);
  });
});
