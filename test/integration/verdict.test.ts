import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';

const QUICK = `version: 1
stages:
  - name: Unit Tests
    run: echo "all tests pass"
`;

const SLOW = `version: 1
stages:
  - name: Long Stage
    run: echo "verdict long stage" && sleep 30
`;

const head = (): string => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspaceFolder().uri.fsPath, encoding: 'utf8' }).trim();

describe('verdicts and the revert offer in the real extension host', () => {
  it('a cancelled run leaves a green pipeline green; the tooltip names the cancelled run', async () => {
    const gearshift = await api();
    const folder = workspaceFolder();
    const quick = usePipeline(QUICK);
    try {
      const green = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(green?.state, 'green');
    } finally { quick(); }
    const slow = usePipeline(SLOW);
    try {
      const mark = gearshift.terminalText(folder).length;
      const done = vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      await waitFor('the slow stage to start', () => gearshift.terminalText(folder).slice(mark).includes('verdict long stage'));
      assert.ok(await vscode.commands.executeCommand<boolean>('gearshift.stopPipeline'));
      assert.strictEqual((await done)?.state, 'cancelled');
      const s = await waitFor('the status after the cancelled run', () => { const x = gearshift.status(); return x.text.includes('sync~spin') ? undefined : x; });
      assert.strictEqual(s.text, '$(pass-filled) Gearshift: green');
      assert.strictEqual(s.background, undefined);
      assert.match(readableTooltip(s.tooltip), /Last run \w{8} cancelled \(Long Stage\); it gave no verdict, so the pipeline stays green\./);
    } finally { slow(); }
  });

  it('Revert Last Commit… with a tracked file edited refuses at once, before any question, and changes nothing', async () => {
    await api();
    const readme = path.join(workspaceFolder().uri.fsPath, 'README.md');
    const original = fs.readFileSync(readme, 'utf8');
    const before = head();
    fs.writeFileSync(readme, `${original}my edit\n`);
    try {
      // A modal would leave this pending (nothing answers it here): resolving at all proves none was shown.
      const result = await vscode.commands.executeCommand<string | undefined>('gearshift.revertLastCommit', workspaceFolder());
      assert.strictEqual(result, undefined);
      assert.strictEqual(head(), before);
      assert.strictEqual(fs.readFileSync(readme, 'utf8'), `${original}my edit\n`);
    } finally {
      fs.writeFileSync(readme, original);
    }
  });
});
