import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { execFile } from 'child_process';
import { api, configPath, EXTENSION_ID, usePipeline, workspaceFolder } from './helpers';
import { git } from '../support/git';

function gearJson(cwd: string): Promise<string> {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'gear', '--json'], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (e, stdout, stderr) => (e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout)));
  });
}

const WITH_PRODUCTION = `version: 1
stages:
  - name: Unit Tests
    run: echo tested
  - name: Deploy Prod
    run: echo "deployed $GEARSHIFT_SHA"
    environment: production
`;

describe('gear gauge in the real extension host', () => {
  it('after three production runs the view state carries a provisional 4th gear and DORA metrics whose bands say there is too little history', async () => {
    const restore = usePipeline(WITH_PRODUCTION);
    try {
      const gearshift = await api();
      // Earlier suites deployed to production in the same repository: count this suite's three.
      const before = await gearshift.gaugeState();
      const deploysBefore = before.type === 'state' ? before.view?.dora.find((m) => m.key === 'deploymentFrequency')?.sampleSize ?? 0 : 0;
      for (let i = 0; i < 3; i++) {
        const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
        assert.strictEqual(run?.state, 'green');
      }
      const message = await gearshift.gaugeState();
      assert.strictEqual(message.type, 'state');
      if (message.type !== 'state' || !message.view) { throw new Error(`no gauge view: ${JSON.stringify(message)}`); }
      assert.strictEqual(message.view.gear.number, 4, JSON.stringify(message.view.gear));
      assert.ok(message.view.gear.limitingFactor);
      // The 5th gear's own rule leads the practices: trigger: commit is what is missing (review26 F1). Only the
      // limiting factor's own step may come first: earlier suites' failed deploys can make it the failure rate.
      const next = message.view.gear.next;
      const trigger = next.findIndex((step) => /^set `trigger: commit` \(now `trigger: manual`\)/.test(step));
      const own = message.view.gear.limitingFactor === 'deployment failure rate' ? ["make each failed deploy's cause a test the pipeline runs before production"] : [];
      assert.deepStrictEqual(next.slice(0, Math.max(trigger, 0)), own, JSON.stringify(next));
      assert.ok(trigger >= 0, JSON.stringify(next));
      // The suite's history is minutes old (edjourney finding 7): no "elite" from it.
      assert.match(message.view.gear.provisional ?? '', /^provisional: (less than a minute|\d+ (minutes?|hours?)) of deploy history$/);
      const frequency = message.view.dora.find((m) => m.key === 'deploymentFrequency');
      assert.strictEqual(frequency?.band, null);
      assert.match(frequency?.withheld ?? '', /^too little deploy history \(.*; 7 days needed\)$/);
      assert.strictEqual(frequency?.sampleSize, deploysBefore + 3);
      assert.deepStrictEqual(message.view.dora.map((m) => m.key), ['changeLeadTime', 'deploymentFrequency', 'failedDeploymentRecoveryTime', 'changeFailRate', 'deploymentReworkRate']);
      assert.match(message.view.bandSource, /2024/);
      assert.deepStrictEqual(message.view.stages.map((s) => s.name), ['Unit Tests', 'Deploy Prod']);
      assert.strictEqual(message.view.lastRun?.state, 'green');
      // Minutes of history say nothing about a day: not met, saying what was measured.
      const neverRed = message.view.checklist.find((c) => c.id === 'never-red-long');
      assert.strictEqual(neverRed?.status, 'unknown', JSON.stringify(neverRed));
      assert.match(neverRed?.how ?? '', /^(never red|longest red stretch \S+) in (less than a minute|\d+ (minutes?|hours?)) of history: not met until history covers a day$/);
    } finally {
      restore();
    }
  });

  it('shows the same DORA figures as `gearshift gear --json` on the same repository, a deployed revert counted as rework in both', async () => {
    const restore = usePipeline(WITH_PRODUCTION);
    const root = workspaceFolder().uri.fsPath;
    try {
      const gearshift = await api();
      fs.writeFileSync(path.join(root, 'parity.txt'), 'a change that will be reverted\n');
      git(root, 'add', 'parity.txt');
      git(root, 'commit', '-q', '-m', 'Add a change that will be reverted');
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true }))?.state, 'green');
      git(root, 'revert', '--no-edit', 'HEAD');
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true }))?.state, 'green');
      const editor = await gearshift.gaugeState();
      if (editor.type !== 'state' || !editor.view) { throw new Error(`no gauge view: ${JSON.stringify(editor)}`); }
      const cli = JSON.parse(await gearJson(root)) as { metrics: Record<string, { display: string; sampleSize: number }> };
      // A young history's span ("3 deploys in 4 minutes") may tick over between the two calls: the rest must agree.
      const span = (display: string): string => display.replace(/less than a minute|\d+ (minute|hour|day)s?/, 'SPAN');
      const shown = Object.fromEntries(editor.view.dora.map((m) => [m.key, [span(m.display), m.sampleSize]]));
      assert.deepStrictEqual(shown, Object.fromEntries(Object.entries(cli.metrics).map(([k, m]) => [k, [span(m.display), m.sampleSize]])));
      assert.match(shown.deploymentReworkRate[0] as string, /^[1-9]/, 'the revert deployed is rework');
    } finally {
      restore();
    }
  });

  it('a red pipeline is what holds the team back, naming the commit that turned it red; green again, it is not', async () => {
    const restore = usePipeline(WITH_PRODUCTION.replace('run: echo tested', 'run: exit 3'));
    try {
      const gearshift = await api();
      const red = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
      assert.strictEqual(red?.state, 'red');
      const message = await gearshift.gaugeState();
      if (message.type !== 'state' || !message.view) { throw new Error(`no gauge view: ${JSON.stringify(message)}`); }
      assert.strictEqual(message.view.gear.limitingFactor, 'the pipeline is red', JSON.stringify(message.view.gear));
      assert.match(message.view.gear.why, new RegExp(`^red for \\d+[sm] since ${red.sha.slice(0, 8)}: commits are not reaching production`));
      assert.strictEqual(message.view.gear.next[0], 'fix or revert it');
    } finally {
      restore();
    }
    const gearshift = await api();
    const restoreGreen = usePipeline(WITH_PRODUCTION);
    try {
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true }))?.state, 'green');
      const green = await gearshift.gaugeState();
      assert.ok(green.type === 'state' && green.view && green.view.gear.limitingFactor !== 'the pipeline is red', JSON.stringify(green.type === 'state' ? green.view?.gear : green));
    } finally {
      restoreGreen();
    }
  });

  it('a refresh that cannot read history shows the problem in the view instead of going stale', async () => {
    const gearshift = await api();
    const good = await gearshift.gaugeState();
    const file = path.join(workspaceFolder().uri.fsPath, '.git', 'gearshift', 'history.jsonl');
    const aside = `${file}.aside`;
    const had = fs.existsSync(file);
    if (had) { fs.renameSync(file, aside); }
    fs.mkdirSync(file, { recursive: true }); // a folder where history belongs cannot be read, as an unreadable file could not
    try {
      const failed = await gearshift.gaugeState();
      if (failed.type !== 'state') { throw new Error(`not a state message: ${JSON.stringify(failed)}`); }
      assert.match(failed.problem ?? '', /^Could not update the gauge: .*history\.jsonl is a folder, not a file/);
      // A watcher may have refreshed in between (the rename): relative times ("458ms ago", a waiting commit's "22s ago") then differ, nothing else.
      const RELATIVE = new Set(['when', 'age', 'oldestAge']);
      const timeless = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x: unknown) => RELATIVE.has(k) ? undefined : x));
      assert.deepStrictEqual(timeless(failed.view), timeless(good.type === 'state' ? good.view : undefined), 'the last good view stays up, under the problem');
    } finally {
      fs.rmSync(file, { recursive: true, force: true });
      if (had) { fs.renameSync(aside, file); }
    }
    const again = await gearshift.gaugeState();
    assert.ok(again.type === 'state' && again.problem === undefined && again.view, 'the problem stayed after history was readable again');
  });

  // The gauge redrew at a run, a commit, a folder change: a stage added to .gearshift.yml (or the file
  // written by `gearshift init` in a terminal) showed in its checklist only at the next run.
  it('is told when .gearshift.yml changes, and then checks the acceptance stage added', async () => {
    const gearshift = await api();
    const restore = usePipeline(WITH_PRODUCTION);
    try {
      assert.strictEqual(await acceptanceItem(gearshift), 'missing');
      const told = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => { listening.dispose(); reject(new Error('the gauge was not told of the edit within 20 s')); }, 20_000);
        const listening = gearshift.onDidChangeGauge(() => { clearTimeout(timer); listening.dispose(); resolve(); });
      });
      fs.writeFileSync(configPath(), WITH_PRODUCTION.replace('  - name: Deploy Prod', '  - name: Acceptance Tests\n    run: echo accepted\n  - name: Deploy Prod'));
      await told;
      assert.strictEqual(await acceptanceItem(gearshift), 'done');
    } finally {
      restore();
    }
  });
});

/** The gauge checklist's "Automated acceptance test stage" item. */
async function acceptanceItem(gearshift: Awaited<ReturnType<typeof api>>): Promise<string | undefined> {
  const state = await gearshift.gaugeState();
  if (state.type !== 'state' || !state.view) { throw new Error(`no gauge view: ${JSON.stringify(state)}`); }
  return state.view.checklist.find((item) => item.id === 'acceptance-tests')?.status;
}
