import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

const ID = /run ([0-9a-f]{8})/;

/**
 * `gearshift logs` agrees with `status` and the editor's red item (review20 M2, M3, L4, L5, L8):
 * with no RUN it shows the run that holds the open red period, and a red with no failed stage
 * (a failed blue/green switch) shows what failed and what the script said, never a green run's log.
 */
describe('gearshift logs: the red run, production failures, and plain words', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('after a partial green run while red, prints the red run\'s failed stage, not the partial run\'s', async () => {
    const repo = ws.repo(pipeline([{ name: 'Compile', run: "printf 'compiled\\n'" }, { name: 'Unit Tests', run: "printf 'expected 2\\n'; exit 1" }]));
    assert.equal((await runMain(['run'], { cwd: repo })).code, 1);
    assert.equal((await runMain(['run', '--stage', 'Compile'], { cwd: repo })).code, 0);
    const status = await runMain(['status'], { cwd: repo });
    const red = /run\s+([0-9a-f-]{36})/.exec(status.stdout) ?? assert.fail(status.stdout);
    const shown = await runMain(['logs'], { cwd: repo });
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, 'expected 2\n[gearshift: failed: exited with code 1]\n');
    assert.match(shown.stderr, /stage "Unit Tests" failed \(exit 1\)/);
    assert.equal(ID.exec(shown.stderr)?.[1], red[1].slice(0, 8));
  });

  it('red from a failed blue/green switch: what failed on stderr, what the script said on stdout; no green run\'s log', async () => {
    const repo = ws.repo([
      'version: 1', 'stages:', '  - name: Deploy Prod', '    run: echo deploying', '    environment: production',
      'deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./switch.sh', '',
    ].join('\n'));
    fs.writeFileSync(path.join(repo, 'switch.sh'), '#!/bin/sh\necho "switching to $GEARSHIFT_SLOT"\n[ -f fail ] && { echo "LB refused" >&2; exit 7; }\nexit 0\n', { mode: 0o755 });
    fs.writeFileSync(path.join(repo, '.gitignore'), 'fail\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'switch script');
    assert.equal((await runMain(['deploy', 'production', '--yes'], { cwd: repo })).code, 0);
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'second');
    assert.equal((await runMain(['deploy', 'production', '--yes'], { cwd: repo })).code, 0);
    fs.writeFileSync(path.join(repo, 'fail'), '');
    assert.equal((await runMain(['switch', '--yes'], { cwd: repo })).code, 1);
    const shown = await runMain(['logs'], { cwd: repo });
    assert.equal(shown.code, 0, shown.stderr);
    assert.ok(!shown.stdout.includes('deploying'), shown.stdout);
    assert.match(shown.stdout, /^switch to blue failed \(exited with code 7\); green is still live\n[^]*LB refused\n$/);
    assert.match(shown.stderr, /red in production: the blue\/green switch failed; no stage failed, so no stage output was saved/);
    // The switch's id, as status prints it, shows the same.
    const id = ID.exec(shown.stderr)?.[1] ?? assert.fail(shown.stderr);
    assert.equal((await runMain(['logs', id], { cwd: repo })).stdout, shown.stdout);
  });

  it('a RUN of fewer than 4 characters says the rule; a pruned run says it was pruned', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'echo unit' }]));
    assert.equal((await runMain(['run'], { cwd: repo })).code, 0);
    assert.equal((await runMain(['run'], { cwd: repo })).code, 0);
    const root = path.join(repo, '.git', 'gearshift', 'runlogs');
    const list = (await runMain(['logs', '--list'], { cwd: repo })).stdout;
    const ids = [...list.matchAll(/^([0-9a-f]{8}) /gm)].map((m) => m[1]);
    assert.equal(ids.length, 2, list);
    const short = await runMain(['logs', ids[0].slice(0, 3)], { cwd: repo });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /give at least 4 characters/);
    // What a prune does to the oldest run: its folder goes, its history stays.
    const oldest = fs.readdirSync(root).find((d) => d.startsWith(ids[1])) ?? assert.fail('no folder');
    fs.rmSync(path.join(root, oldest), { recursive: true });
    const pruned = await runMain(['logs', ids[1]], { cwd: repo });
    assert.equal(pruned.code, 2);
    assert.match(pruned.stderr, new RegExp(`run ${ids[1]}'s output was pruned: the last 50 runs' output is kept`));
  });

  it('a timed-out stage says "timed out" in the saved log and on stderr', async () => {
    const repo = ws.repo(pipeline([{ name: 'Hang', run: 'echo waiting; sleep 20', extra: ['timeout: 1s'] }]));
    assert.equal((await runMain(['run'], { cwd: repo })).code, 1);
    const shown = await runMain(['logs'], { cwd: repo });
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^waiting\n\[gearshift: timed out after 1s\]\n$/);
    assert.match(shown.stderr, /stage "Hang" timed out\n/);
    assert.ok(!(shown.stdout + shown.stderr).includes('timedOut'));
  });

  it('on a colour terminal keeps colours but drops blink and conceal', async () => {
    const repo = ws.repo(pipeline([{ name: 'Show', run: "printf '\\033[8mhidden\\033[0m \\033[5;31mblink\\033[0m \\033[38;5;196mcolour\\033[0m\\n'" }]));
    assert.equal((await runMain(['run'], { cwd: repo })).code, 0);
    const shown = await runMain(['logs'], { cwd: repo, env: { FORCE_COLOR: '1' } });
    assert.equal(shown.stdout, 'hidden\u001b[0m \u001b[31mblink\u001b[0m \u001b[38;5;196mcolour\u001b[0m\n');
  });
});
