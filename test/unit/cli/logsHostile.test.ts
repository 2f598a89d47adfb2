import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMain } from './runMain';
import { pipeline, Workspaces } from '../../support/workspaces';

/**
 * Saved logs live in .git, which anyone who can write there may edit: `gearshift logs` makes every
 * field it prints from them printable, on stderr's description line too (review19b 4).
 */
describe('gearshift logs: edited saved files never put an escape sequence on the terminal', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('a stage header and run.json holding OSC 52, a title change and a clear screen print as visible text', async () => {
    const repo = ws.repo(pipeline([{ name: 'A', run: 'echo hi; exit 3' }]));
    assert.equal((await runMain(['run'], { cwd: repo })).code, 1);
    const root = path.join(repo, '.git', 'gearshift', 'runlogs');
    const [id] = fs.readdirSync(root).filter((f) => f !== '.prune-index.json'); // the run's folder, not the prune's memo
    const stageFile = path.join(root, id, 'stage-0.log');
    const [header, ...body] = fs.readFileSync(stageFile, 'utf8').split('\n');
    const hostile = '\u001b]52;c;aGk=\u0007\u001b]0;owned\u0007\u001b[2J';
    fs.writeFileSync(stageFile, [JSON.stringify({ ...JSON.parse(header), state: `failed${hostile}` }), ...body].join('\n'));
    const runFile = path.join(root, id, 'run.json');
    fs.writeFileSync(runFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(runFile, 'utf8')), sha: `${hostile}abcdef` }));
    const shown = await runMain(['logs', '--stage', 'A', id], { cwd: repo });
    assert.equal(shown.code, 0, shown.stderr);
    assert.ok(!(shown.stderr + shown.stdout).includes('\u001b') && !(shown.stderr + shown.stdout).includes('\u0007'), JSON.stringify(shown.stderr));
    assert.match(shown.stderr, /\\x1b\]52/);
  });
});
