/**
 * A green `gearshift run --stage` that leaves the pipeline red says so under its verdict, in the
 * words `status` would back up: the real bundled CLI (dist/cli.js) in a real repository, once
 * after a failed stage and once after a failed blue/green switch (a production failure).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { git } from '../../support/git';
import { Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli, type CliResult } from './cliProcess';

/** The line printed right under the summary's verdict, if any. */
function lineUnderVerdict(output: string): string | undefined {
  const lines = output.split('\n');
  const verdict = lines.findIndex((l) => l.startsWith('Pipeline GREEN'));
  assert.ok(verdict >= 0, output);
  return lines[verdict + 1] || undefined;
}

type Cli = (args: string[], env?: Record<string, string>) => Promise<CliResult>;

async function newestRun(cli: Cli): Promise<RunRecord> {
  return (JSON.parse((await cli(['history', '--json', '--limit', '1'])).stdout) as RunRecord[])[0];
}

describe('gearshift run: a green run that leaves the pipeline red says so (real CLI)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  it('after a failed stage: --stage of another stage says what is still red; a run of the failed stage ends it', async () => {
    const repo = ws.repo(['version: 1', 'stages:', '  - name: Unit', '    run: "true"', '  - name: Acceptance Tests', '    run: test "$ACCEPT" != no', ''].join('\n'));
    const cli: Cli = (args, env = {}) => runCli(args, { cwd: repo, env });
    assert.equal((await cli(['run'], { ACCEPT: 'no' })).code, 1);
    const red = await newestRun(cli);

    const unit = await cli(['run', '--stage', 'Unit']);
    assert.equal(unit.code, 0, unit.stdout + unit.stderr);
    const line = lineUnderVerdict(unit.stdout);
    assert.match(line ?? '', new RegExp(`^ {2}the pipeline is still red since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(Acceptance Tests failed in run ${red.id.slice(0, 8)}\\): `
      + 'Acceptance Tests was not in this run; to end it, run Acceptance Tests \\(or the whole pipeline\\) green$'), unit.stdout);
    assert.match((await cli(['status'])).stdout, /^red {2}/, 'status agrees');

    const json = await cli(['run', '--stage', 'Unit', '--json']);
    const record = JSON.parse(json.stdout) as RunRecord & { stillRed?: Record<string, unknown> };
    assert.equal(record.state, 'green');
    assert.deepEqual({ ...record.stillRed, redSince: typeof record.stillRed?.redSince, message: undefined }, {
      redSince: 'string', failedStage: 'Acceptance Tests', redRunId: red.id, mustPass: ['Acceptance Tests'], mustReachProduction: false, message: undefined,
    });
    assert.ok(json.stderr.includes(`\n  ${String(record.stillRed?.message)}\n`), json.stderr);

    const fixed = await cli(['run', '--stage', 'Acceptance Tests']);
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.equal(lineUnderVerdict(fixed.stdout), undefined, 'the run of the failed stage ended it');
    assert.match((await cli(['status'])).stdout, /^green {2}/);
    assert.equal((JSON.parse((await cli(['run', '--stage', 'Unit', '--json'])).stdout) as { stillRed?: unknown }).stillRed, undefined);
  });

  it('after a failed switch: --stage Unit says only production can end it; a switch that works does', async () => {
    const repo = ws.repo([
      'version: 1', 'stages:', '  - name: Unit', '    run: "true"', '  - name: Deploy', '    run: "true"', '    environment: production',
      'deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./switch.sh', '',
    ].join('\n'));
    fs.writeFileSync(path.join(repo, 'switch.sh'), '#!/bin/sh\nif [ -e "$HOME_FAIL" ]; then echo "load balancer said no" >&2; exit 4; fi\n', { mode: 0o755 });
    git(repo, 'add', 'switch.sh');
    git(repo, 'commit', '-q', '-m', 'switch script');
    const fail = path.join(repo, '.git', 'fail-switch'); // outside the tree: the runs stay clean
    const cli: Cli = (args, env = {}) => runCli(args, { cwd: repo, env: { HOME_FAIL: fail, ...env } });
    for (const n of [1, 2]) {
      if (n === 2) { git(repo, 'commit', '-q', '--allow-empty', '-m', 'second release'); }
      const d = await cli(['deploy', 'production', '--yes']);
      assert.equal(d.code, 0, d.stdout + d.stderr);
    }
    fs.writeFileSync(fail, '');
    assert.equal((await cli(['switch', '--yes'])).code, 1);
    const red = await newestRun(cli);

    const unit = await cli(['run', '--stage', 'Unit']);
    assert.equal(unit.code, 0, unit.stdout + unit.stderr);
    assert.match(lineUnderVerdict(unit.stdout) ?? '', new RegExp(`^ {2}the pipeline is still red since .* \\(the blue/green switch failed in run ${red.id.slice(0, 8)}\\): `
      + 'this run did not deploy to production; to end it, run the whole pipeline green, or switch or roll back successfully$'), unit.stdout);
    const json = JSON.parse((await cli(['run', '--stage', 'Unit', '--json'])).stdout) as { stillRed?: Record<string, unknown> };
    assert.deepEqual([json.stillRed?.mustPass, json.stillRed?.mustReachProduction, json.stillRed?.failedStage], [[], true, 'the blue/green switch']);

    fs.rmSync(fail);
    assert.equal((await cli(['switch', '--yes'])).code, 0);
    const after = await cli(['run', '--stage', 'Unit']);
    assert.equal(lineUnderVerdict(after.stdout), undefined, after.stdout);
    assert.match((await cli(['status'])).stdout, /^green {2}/);
  });
});
