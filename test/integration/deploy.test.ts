import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, deployProductionTwice, historyLines, patchWindow, readableTooltip, usePipeline, waitFor } from './helpers';

/** Blue/green where "live" is a file outside the repo the switch command writes (path by env var). */
function blueGreen(liveFile: string, testCommand = 'echo tested'): string {
  return `version: 1
stages:
  - name: Unit Tests
    run: ${testCommand}
  - name: Deploy Prod
    run: echo "release $GEARSHIFT_SHA into $GEARSHIFT_SLOT"
    environment: production
    env: { LIVE_FILE: "${liveFile}" }
deploy:
  strategy: blue-green
  slots: [blue, green]
  switch: printf '%s' "$GEARSHIFT_SLOT" > "${liveFile}"
`;
}

interface Outcome { result: string; message: string; record?: RunRecord }

describe('deploy commands in the real extension host', () => {
  // Made in a hook, not when the file loads: a run whose grep leaves these tests out runs no `after` either.
  let dir = '';
  let liveFile = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-live-')); liveFile = path.join(dir, 'live'); });
  after(() => { if (dir) { fs.rmSync(dir, { recursive: true, force: true }); } });

  it('Deploy to Production goes to the idle slot, switches, and the sidebar and tooltip show the live slot', async () => {
    const restore = usePipeline(blueGreen(liveFile));
    try {
      const gearshift = await api();
      await gearshift.automation();
      const first = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(first?.result, 'ok', first?.message);
      const live1 = fs.readFileSync(liveFile, 'utf8');
      assert.ok(live1 === 'blue' || live1 === 'green', live1);
      assert.strictEqual(first.record?.environment, 'production');
      assert.strictEqual(first.record?.slot, live1);
      assert.ok(typeof first.record?.approvedBy === 'string' && first.record.approvedBy.length > 0, 'approver not recorded');
      const second = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
      assert.strictEqual(second?.result, 'ok', second?.message);
      const live2 = fs.readFileSync(liveFile, 'utf8');
      assert.notStrictEqual(live2, live1, 'the second deploy went to the live slot');
      await waitFor('the status bar to leave running once the deploy ends', () => gearshift.status().status.kind === 'green');
      const state = await gearshift.gaugeState();
      assert.ok(state.type === 'state' && state.view);
      assert.strictEqual(state.view.liveSlot, live2);
      await waitFor('the tooltip to name the live slot', () => readableTooltip(gearshift.status().tooltip).includes(`Live slot: ${live2}`));

      const back = await vscode.commands.executeCommand<Outcome>('gearshift.rollback', { confirmed: true });
      assert.strictEqual(back?.result, 'ok', back?.message);
      assert.strictEqual(fs.readFileSync(liveFile, 'utf8'), live1, 'rollback did not switch back');
      const rollbackRun = historyLines().reverse().find((l) => (l.run as { rollback?: boolean } | undefined)?.rollback === true);
      assert.ok(rollbackRun, 'the rollback is not in history');
      // No ping-pong: the release just rolled back is no target; a stale Roll Back says so, short and true (walk30 L3).
      const again = await vscode.commands.executeCommand<Outcome>('gearshift.rollback', { confirmed: true });
      assert.strictEqual(again?.result, 'refused', again?.message);
      assert.match(again.message, new RegExp(`^already rolled back: ${live1} is live \\(\\w{8}\\)$`));
      assert.strictEqual(fs.readFileSync(liveFile, 'utf8'), live1, 'the second rollback switched back again');
    } finally {
      restore();
    }
  });

  it('a failed Switch Blue/Green turns this window red at once, named as the switch; a green run ends it', async () => {
    const gearshift = await api();
    const restore = usePipeline(blueGreen(liveFile));
    try {
      await gearshift.automation();
      await deployProductionTwice();
      await waitFor('green after the deploys', () => gearshift.status().status.kind === 'green');
    } finally {
      restore();
    }
    const failing = usePipeline(blueGreen(liveFile).replace(/^ {2}switch: .*$/m, '  switch: exit 3'));
    try {
      const sw = await vscode.commands.executeCommand<Outcome>('gearshift.switchSlot', { confirmed: true });
      assert.strictEqual(sw?.result, 'failed', sw?.message);
      // This window's history watch skips its own lines: before the fix it stayed green until a reload.
      await waitFor('the status bar to turn red', () => gearshift.status().status.kind === 'red');
      assert.match(gearshift.status().text, /the blue\/green switch/);
    } finally {
      failing();
    }
    const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
    assert.strictEqual(run?.state, 'green');
    await waitFor('green again after a green run', () => gearshift.status().status.kind === 'green');
  });

  it('refuses a production deploy while the pipeline is red, and records an explicit override', async () => {
    const red = usePipeline(blueGreen(liveFile, 'exit 1'));
    try {
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
      assert.strictEqual(run?.state, 'red');
    } finally {
      red();
    }
    const restore = usePipeline(blueGreen(liveFile));
    try {
      const before = fs.readFileSync(liveFile, 'utf8');
      const refused = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { overrideRed: false, confirmed: true });
      assert.strictEqual(refused?.result, 'refused');
      assert.match(refused.message, /red/);
      assert.strictEqual(fs.readFileSync(liveFile, 'utf8'), before, 'a refused deploy switched');
      const forced = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { overrideRed: true, confirmed: true });
      assert.strictEqual(forced?.result, 'ok', forced?.message);
      assert.strictEqual(forced.record?.overrideRed, true);
      assert.notStrictEqual(fs.readFileSync(liveFile, 'utf8'), before);
    } finally {
      restore();
    }
  });

  it('Run Pipeline → Run and Deploy records who confirmed, an approved gate records its approver, and Show Deploy History says "by"', async () => {
    const gated = blueGreen(liveFile).replace('    environment: production\n', '    environment: production\n    approval: manual\n');
    const restore = usePipeline(gated);
    const asked: string[] = [];
    const answer = (message: string, ...rest: unknown[]): Promise<string | undefined> => {
      const buttons = rest.filter((x): x is string => typeof x === 'string');
      asked.push(message);
      return Promise.resolve(buttons.find((b) => b === 'Run and Deploy' || b === 'Approve and Run'));
    };
    let picked: { description?: string }[] = [];
    const unpatch = patchWindow({
      showWarningMessage: answer,
      showQuickPick: (items: { description?: string }[]) => { picked = items; return Promise.resolve(undefined); },
    });
    try {
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(run?.state, 'green', asked.join('\n'));
      assert.ok(asked.some((m) => /^Deploy \w{8} .* to production/.test(m)) && asked.some((m) => /needs manual approval/.test(m)), asked.join('\n'));
      const who = run.approvedBy;
      assert.ok(typeof who === 'string' && who.length > 0, 'the run records no approver');
      assert.strictEqual(run.stages.find((st) => st.name === 'Deploy Prod')?.approvedBy, who, 'the gate records no approver');
      const h = await vscode.commands.executeCommand<{ records: { runId?: string; approvedBy?: string }[] }>('gearshift.showDeployHistory');
      assert.strictEqual(h.records.find((r) => r.runId === run.id)?.approvedBy, who, 'the deploy record names nobody');
      assert.ok(picked.some((i) => i.description?.endsWith(` · by ${who}`)), JSON.stringify(picked));
    } finally {
      unpatch();
      restore();
    }
  });

  it('Show Deploy History: picking a deploy opens its run\'s output (review37a F16)', async () => {
    const restore = usePipeline(blueGreen(liveFile));
    const picks: { title?: string; labels: string[] }[] = [];
    const unpatch = patchWindow({
      showQuickPick: (items: { label: string; runId?: string; name?: string }[], options?: { title?: string }) => {
        picks.push({ title: options?.title, labels: items.map((i) => i.label) });
        // The deploys first (the newest), then Show Run Log's stages: the deploy stage's output.
        return Promise.resolve(picks.length === 1 ? items[0] : items.find((i) => i.name === 'Deploy Prod'));
      },
    });
    try {
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
      assert.strictEqual(run?.state, 'green');
      await vscode.commands.executeCommand('gearshift.showDeployHistory');
      const doc = await waitFor('the picked deploy\'s run output to open', () => {
        const d = vscode.window.activeTextEditor?.document;
        return d?.uri.scheme === 'gearshift-log' ? d : undefined;
      });
      assert.strictEqual(picks[1]?.title, `Run ${run.id.slice(0, 8)}`, JSON.stringify(picks));
      assert.match(doc.getText(), /release/);
    } finally {
      unpatch();
      restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
