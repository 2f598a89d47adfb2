import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, patchWindow, waitFor, workspaceFolder } from './helpers';

interface Said { message: string; items: string[] }

/** The end of a run that another extension host cancelled at its window's reload, after its switch (walkedit33's history, trimmed). */
function cancelledAfterSwitch(id: string, sha: string): RunRecord {
  const passed = (name: string): RunRecord['stages'][number] => ({ name, state: 'passed', exitCode: 0, durationMs: 50 });
  const started = new Date(Date.now() - 25_000).toISOString();
  return {
    id, sha, branch: 'main', trigger: 'commit', startedAt: started, endedAt: new Date().toISOString(), state: 'cancelled',
    stages: [passed('Unit Tests'), passed('Deploy Prod')], subject: 'fix speed', environment: 'production',
    cancelReason: 'the editor window was closed or reloaded', slot: 'blue',
    deploy: { result: 'cancelled', message: `monitoring cancelled; ${sha.slice(0, 8)} is live in blue`, live: 'blue' },
  } as RunRecord;
}

/**
 * walkedit33 H1: *Reload Window* while a commit's run sampled production. The old extension host
 * carried on, switched blue live, and wrote the run's cancelled end only after this window had
 * activated, so the activation's check saw a running run and said nothing. Here the old host is
 * this test: it writes the switch to deploy.json and the run's lines to history, as that host did.
 */
describe('a release a reloading window left live and unwatched, in the real extension host', () => {
  it('is told when the old host\'s cancelled run ends after activation: the commit, the live slot, Monitor Production Now and Run Pipeline', async () => {
    const gearshift = await api();
    await gearshift.automation();
    const root = workspaceFolder().uri.fsPath;
    const dataDir = path.join(root, '.git', 'gearshift');
    const deployFile = path.join(dataDir, 'deploy.json');
    const original = fs.existsSync(deployFile) ? fs.readFileSync(deployFile, 'utf8') : undefined;
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const id = randomUUID();
    const said: Said[] = [];
    const unpatch = patchWindow({ showWarningMessage: (message: string, ...items: unknown[]) => {
      said.push({ message, items: items.filter((i): i is string => typeof i === 'string') });
      return Promise.resolve(undefined);
    } });
    try {
      const at = new Date().toISOString();
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(deployFile, JSON.stringify({
        version: 1, live: 'blue', slots: { blue: { sha, deployedAt: at, runId: id } },
        records: [{ id: randomUUID(), at, environment: 'production', sha, slot: 'blue', runId: id, kind: 'deploy', result: 'ok' }],
      }));
      const run = cancelledAfterSwitch(id, sha);
      const owner = { v: 1, pid: spawnSync('true').pid, host: os.hostname() }; // a process that is gone, as the old host soon is
      const lines = [{ ...owner, kind: 'start', at: run.startedAt, run: { ...run, state: 'running', endedAt: undefined } }, { ...owner, kind: 'end', at: run.endedAt, run }];
      fs.appendFileSync(path.join(dataDir, 'history.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));

      const told = await waitFor('the notice of the unwatched release', () => said.find((s) => s.message.includes(sha.slice(0, 8))), 30_000);
      assert.strictEqual(told.message, `Gearshift: The run of ${sha.slice(0, 8)} was cancelled when the window closed, after slot blue went live with it; monitoring did not finish.`);
      assert.deepStrictEqual(told.items, ['Monitor Production Now', 'Run Pipeline']);
    } finally {
      unpatch();
      if (original === undefined) { fs.rmSync(deployFile, { force: true }); } else { fs.writeFileSync(deployFile, original); }
      await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'); // a verdict again for the suites after
    }
    assert.strictEqual(said.filter((s) => s.message.includes(sha.slice(0, 8))).length, 1, 'told once');
  });
});
