/**
 * What a launch reads before its first stage (issue 14, `gearshift run`'s fixed cost): the config
 * is parsed once while its text is unchanged, and git is asked while history and the config are
 * read — without changing what a run records.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processStartTime, type RunRecord } from '../../../src/core/pipeline';
import { deadPid, killGroups } from '../reliability/procHelpers';
import { historyFile, engineTestbed } from './engineFixture';

const ONE = 'version: 1\nstages:\n  - name: First\n    run: echo first\n';
const OTHER = 'version: 1\nstages:\n  - name: Second\n    run: echo second\n';

describe('PipelineEngine: what a launch reads before its first stage', function () {
  this.timeout(30_000);
  const { repos, engineFor } = engineTestbed();
  afterEach(() => killGroups());

  it('a config changed between validate() and start() runs as changed (the parse is reused only for the same text)', async () => {
    const repo = repos.make(ONE);
    const engine = engineFor(repo);
    const checked = await engine.validate();
    assert.ok(checked.ok && checked.pipeline.stages[0].name === 'First');
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), OTHER);
    const outcome = await engine.start({ trigger: 'test' });
    assert.equal(outcome.kind, 'started');
    const record = outcome.kind === 'started' ? await outcome.done : undefined;
    assert.deepEqual(record?.stages.map((s) => s.name), ['Second']);
  });

  it('validate() twice on the same text gives equal results, each the caller\'s own copy', async () => {
    const repo = repos.make(ONE);
    const engine = engineFor(repo);
    const first = await engine.validate();
    assert.ok(first.ok);
    (first.pipeline.stages[0] as { name: string }).name = 'changed by a caller';
    const second = await engine.validate();
    assert.ok(second.ok);
    assert.equal(second.pipeline.stages[0].name, 'First', 'a caller\'s change leaked into the next validate()');
    const fresh = await engineFor(repo).validate();
    assert.deepEqual(second, fresh);
  });

  it('a run after a prefetch records HEAD and the tree as they are', async () => {
    const repo = repos.make(ONE);
    const engine = engineFor(repo);
    await engine.prefetchRepoInfo();
    const outcome = await engine.start({ trigger: 'test' });
    const record = outcome.kind === 'started' ? await outcome.done : undefined;
    assert.equal(record?.state, 'green');
    assert.equal(record?.subject, 'Add Gearshift pipeline');
    assert.equal(record?.dirty, undefined, 'a clean tree is not recorded dirty');
  });

  it('a dead run\'s leftover that changes the tree as it is killed: the new run records the tree after the cleanup', async () => {
    const repo = repos.make(ONE);
    const left = path.join(repo, 'left-behind.txt');
    // Writes into the work tree only once SIGTERM came (the cleanup), well after git was first asked.
    const group = spawn('/bin/sh', ['-c', `trap 'sleep 0.3; echo x > "$0"; exit 0' TERM; echo ready; while :; do sleep 0.05; done`, left], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    group.unref();
    // Only once the trap is set: a SIGTERM before it (a loaded machine) would kill the shell with nothing written.
    await new Promise<void>((resolve) => group.stdout!.once('data', () => resolve()));
    group.stdout!.destroy();
    const pgid = group.pid!;
    const start = processStartTime(pgid);
    const at = new Date().toISOString();
    const run = { id: 'dead-run', sha: 'abc', branch: 'main', trigger: 'cli', startedAt: at, state: 'running', stages: [{ name: 'First', state: 'running', exitCode: null, durationMs: 0 }] };
    fs.mkdirSync(path.dirname(historyFile(repo)), { recursive: true });
    fs.writeFileSync(historyFile(repo), [
      { v: 1, kind: 'start', at, pid: deadPid(), host: os.hostname(), run },
      { v: 1, kind: 'stage', at, pid: 1, host: os.hostname(), run: { id: 'dead-run', state: 'running' }, proc: { stage: 'First', pgid, start } },
    ].map((l) => `${JSON.stringify(l)}\n`).join(''));
    const engine = engineFor(repo);
    await engine.prefetchRepoInfo();
    const outcome = await engine.start({ trigger: 'test' });
    const record: RunRecord | undefined = outcome.kind === 'started' ? await outcome.done : undefined;
    assert.ok(fs.existsSync(left), 'the leftover was not stopped by the cleanup');
    assert.equal(record?.dirty, true, 'the run recorded the tree as git saw it before the cleanup changed it');
  });
});
