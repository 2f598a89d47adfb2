import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { git as gitIn } from '../support/git';
import { api, configPath, flagsCommandsRegistered, workspaceFolder } from './helpers';

const FLAGS = '{\n  "flags": {\n    "kc-checkout": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "on" }\n  }\n}\n';
const PIPELINE = `version: 1
checkout: clean
stages:
  - name: Unit Tests
    run: "true"
  - name: Deploy Flags
    run: sh ./ship-flags.sh
flags:
  file: flags.json
  deployStage: Deploy Flags
`;

interface KillSwitchResult { changes: { key: string }[]; shipped?: { committed?: string; run?: { state: string; checkout?: string; flagsDiffer?: unknown; stages: { name: string; state: string }[] } } }

/**
 * review22 H3 in the real extension host: under checkout: clean the kill switch's offer commits
 * flags.json alone (message naming the flag) before it runs "Deploy Flags", so the stage ships
 * off. `{ ship: true }` presses the offer's button (a notification cannot be clicked from here).
 */
describe('kill switch under checkout: clean in the real extension host', function () {
  this.timeout(60_000);
  const root = (): string => workspaceFolder().uri.fsPath;
  const git = (...args: string[]): string => gitIn(root(), ...args);
  let original = '';

  before(async () => {
    await api();
    await flagsCommandsRegistered();
    original = fs.readFileSync(configPath(), 'utf8');
    fs.writeFileSync(path.join(root(), 'flags.json'), FLAGS);
    fs.writeFileSync(configPath(), PIPELINE);
    fs.writeFileSync(path.join(root(), 'ship-flags.sh'), 'echo "shipping $(grep -o \'defaultVariant": "[a-z]*\' flags.json)"\n');
    git('add', '--', 'flags.json', '.gearshift.yml', 'ship-flags.sh');
    git('commit', '-q', '-m', 'kc: flags and a clean pipeline', '--', 'flags.json', '.gearshift.yml', 'ship-flags.sh');
  });

  after(() => {
    fs.writeFileSync(configPath(), original);
    git('rm', '-q', '-f', '--', 'flags.json', 'ship-flags.sh');
    git('commit', '-q', '-m', 'kc: restore', '--', 'flags.json', 'ship-flags.sh', '.gearshift.yml');
  });

  it('commits flags.json and nothing else, then Deploy Flags ships off (not the committed on)', async () => {
    const before = git('rev-parse', 'HEAD');
    fs.writeFileSync(path.join(root(), 'unrelated.txt'), 'work in progress\n');
    try {
      await vscode.commands.executeCommand('gearshift.flagsSnapshot');
      const result = await vscode.commands.executeCommand<KillSwitchResult>('gearshift.killSwitch', { key: 'kc-checkout', ship: true });
      assert.ok(result?.shipped, JSON.stringify(result));
      assert.match(fs.readFileSync(path.join(root(), 'flags.json'), 'utf8'), /"defaultVariant": "off"/);
      assert.strictEqual(git('rev-parse', 'HEAD^'), before);
      assert.strictEqual(result.shipped.committed, git('rev-parse', 'HEAD'));
      assert.deepStrictEqual(git('show', '--name-only', '--format=', 'HEAD').split('\n'), ['flags.json']);
      assert.strictEqual(git('log', '-1', '--format=%s'), 'Kill switch: kc-checkout off in default');
      assert.strictEqual(git('status', '--porcelain', '--', 'flags.json'), '');
      const run = result.shipped.run;
      assert.deepStrictEqual([run?.state, run?.checkout, run?.flagsDiffer, run?.stages.map((s) => `${s.name}:${s.state}`)], ['green', 'clean', undefined, ['Unit Tests:skipped', 'Deploy Flags:passed']]);
      const terminal = (await api()).terminalText(workspaceFolder());
      assert.match(terminal, /shipping defaultVariant": "off/);
      assert.doesNotMatch(terminal, /shipping defaultVariant": "on/);
    } finally {
      fs.rmSync(path.join(root(), 'unrelated.txt'), { force: true });
    }
  });
});
