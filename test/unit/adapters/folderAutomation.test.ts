import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployRunHooks } from '../../../src/core/deploy';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { EscalationEvent } from '../../../src/core/redgreen/escalation';
import { Repos } from '../engine/engineFixture';
import { git } from '../../support/git';

/** Node's Module (CommonJS), whose resolver the stub hooks. */
const Module = module.constructor as unknown as { _resolveFilename: (...a: unknown[]) => string };

/** Just enough of `vscode` for FolderAutomation (a mock: no VS Code runs in the unit tier): a window with no workspace folders. */
const vscodeStandIn = { workspace: { workspaceFolders: undefined } };

/** Unit Tests is red while the file `broken` exists in the repo. */
const PIPELINE = 'version: 1\nstages:\n  - name: Build\n    run: echo built\n  - name: Unit Tests\n    run: test ! -e broken\n';

/**
 * The editor follows runs another process writes (a `gearshift run` in a terminal) from its
 * history watch, which calls every 250 ms while that run writes. Two catch-ups at once both saw
 * "not red" before either adopted the red period, and the developer got "went red" twice (review35 F3).
 * Real engines on a real repository; only `vscode` is stood in for.
 */
describe('FolderAutomation: following another process\'s runs (review35 F3)', function () {
  this.timeout(60_000);
  const resolve = Module._resolveFilename;
  const repos = new Repos();
  const engines: PipelineEngine[] = [];
  before(() => {
    Module._resolveFilename = function (request: unknown, ...rest: unknown[]) {
      return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
    };
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStandIn } as unknown as NodeJS.Module;
  });
  after(() => {
    Module._resolveFilename = resolve;
    delete require.cache.vscode;
    // The adapters loaded here hold this stand-in: a later file in the same worker (folderName.test) must load its own.
    for (const key of Object.keys(require.cache)) {
      if (key.includes(`${path.sep}src${path.sep}vscode${path.sep}`)) { delete require.cache[key]; }
    }
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    repos.cleanup();
  });

  function engineFor(repo: string): PipelineEngine {
    const engine = new PipelineEngine({ hooks: deployRunHooks(), folder: repo, color: false, killGraceMs: 500 });
    engines.push(engine);
    return engine;
  }

  it('two catch-ups called at once after a red run elsewhere: "went red" once', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FolderAutomation } = require('../../../src/vscode/automation/folderAutomation') as typeof import('../../../src/vscode/automation/folderAutomation');
    const repo = repos.make(PIPELINE);
    const engine = engineFor(repo);
    const escalations: EscalationEvent[] = [];
    const warnings: string[] = [];
    const infos: string[] = [];
    const log = { info: (line: string) => infos.push(line), warn: (line: string) => warnings.push(line), error: (line: string) => warnings.push(line) };
    const folder = { name: 'app', index: 0, uri: { scheme: 'file', fsPath: repo } };
    const automation = new FolderAutomation({ folder, engine } as never, {
      log: log as never, reminderMs: 0, trackCommits: false,
      onEscalation: (_fp, e) => escalations.push(e), onTrigger: () => undefined, onForeignRun: () => undefined, onDeployState: () => undefined,
    });
    try {
      await automation.alerts.start();
      fs.writeFileSync(path.join(repo, 'broken'), '');
      const other = engineFor(repo); // a `gearshift run` in a terminal
      const outcome = await other.start({ trigger: 'test' });
      assert.equal(outcome.kind, 'started');
      assert.equal((await (outcome as { done: Promise<{ state: string }> }).done).state, 'red');
      await other.settle();
      await Promise.all([automation.follow(), automation.follow()]); // two history events, the second before the first is done
      assert.deepEqual(warnings, []);
      assert.deepEqual(escalations.map((e) => [e.type, e.failedStage]), [['wentRed', 'Unit Tests']]);
      // Once: the second catch-up found that run read already.
      assert.deepEqual(infos.filter((l) => l.includes('another process wrote')), [`[app] read run ${other.lastRun?.id.slice(0, 8)} another process wrote (a terminal, a git hook): red`]);
    } finally {
      await automation.dispose();
    }
  });
  it('a run another process writes while our run is still current (its bookkeeping) is read once ours is over', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FolderAutomation } = require('../../../src/vscode/automation/folderAutomation') as typeof import('../../../src/vscode/automation/folderAutomation');
    const repo = repos.make(PIPELINE);
    const base = deployRunHooks();
    let release: () => void = () => undefined;
    const bookkeeping = new Promise<void>((resolve) => { release = resolve; });
    // Our run's end held in its bookkeeping, as a slow fsync holds it on a loaded machine.
    const engine = new PipelineEngine({ hooks: { ...base, afterRun: async (r, c) => { await bookkeeping; await base.afterRun?.(r, c); } }, folder: repo, color: false, killGraceMs: 500 });
    engines.push(engine);
    const foreign: string[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const folder = { name: 'app', index: 0, uri: { scheme: 'file', fsPath: repo } };
    const automation = new FolderAutomation({ folder, engine } as never, {
      log: log as never, reminderMs: 0, trackCommits: false,
      onEscalation: () => undefined, onTrigger: () => undefined, onForeignRun: () => foreign.push('read'), onDeployState: () => undefined,
    });
    try {
      await automation.alerts.start();
      const ours = await engine.start({ trigger: 'manual' });
      assert.equal(ours.kind, 'started');
      await new Promise<void>((resolve) => { const off = engine.onEvent((e) => { if (e.type === 'runEnded') { off(); resolve(); } }); });
      assert.ok(engine.current, 'precondition: our run is still current');
      const other = engineFor(repo); // another process records a switch meanwhile (no run lock needed)
      const sha = git(repo, 'rev-parse', 'HEAD').trim();
      await other.recordRun({ id: 'cli-switch-1', sha, branch: 'main', trigger: 'switch', state: 'green', startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), stages: [] } as never);
      await automation.follow(); // its history event, while ours is current: nothing read yet
      assert.deepEqual(foreign, []);
      release();
      await engine.settle();
      const deadline = Date.now() + 10_000;
      while (foreign.length === 0 && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 20)); }
      assert.deepEqual(foreign, ['read'], 'the other process\'s record was never read: no later change to history woke the window');
    } finally {
      await automation.dispose();
    }
  });

  it('a green and then a red run elsewhere, read in one catch-up while red: the new red period is said (flaky36)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FolderAutomation } = require('../../../src/vscode/automation/folderAutomation') as typeof import('../../../src/vscode/automation/folderAutomation');
    const repo = repos.make(PIPELINE);
    const engine = engineFor(repo);
    const escalations: EscalationEvent[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const folder = { name: 'app', index: 0, uri: { scheme: 'file', fsPath: repo } };
    const automation = new FolderAutomation({ folder, engine } as never, {
      log: log as never, reminderMs: 0, trackCommits: false,
      onEscalation: (_fp, e) => escalations.push(e), onTrigger: () => undefined, onForeignRun: () => undefined, onDeployState: () => undefined,
    });
    const other = engineFor(repo); // `gearshift run` from git hooks, commit after commit
    const run = async (state: string): Promise<string> => {
      const outcome = await other.start({ trigger: 'test' });
      assert.equal(outcome.kind, 'started');
      const record = await (outcome as { done: Promise<{ id: string; state: string }> }).done;
      assert.equal(record.state, state);
      await other.settle();
      return record.id;
    };
    try {
      await automation.alerts.start();
      fs.writeFileSync(path.join(repo, 'broken'), '');
      await run('red');
      await automation.follow();
      fs.rmSync(path.join(repo, 'broken'));
      await run('green'); // its history events are still waiting for the catch-up…
      fs.writeFileSync(path.join(repo, 'broken'), '');
      const secondRed = await run('red'); // …when this one is written too
      await automation.follow();
      assert.deepEqual(escalations.filter((e) => e.type === 'wentRed').map((e) => e.type === 'wentRed' && e.run.id), [escalations[0].type === 'wentRed' && escalations[0].run.id, secondRed],
        'the red after the green is a new red period: the developer must hear of it');
    } finally {
      await automation.dispose();
    }
  });
});
