import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { blueGreenPipeline } from '../support/blueGreenPipeline';
import { api, patchWindow, readableTooltip, usePipeline, waitFor } from './helpers';

type Probe = 'alert' | 'healthy' | 'none';

/** Blue/green, "live" a file the switch writes; a command probe that always fails (`alert`, no auto-rollback) or always passes; `slow` a first stage that waits. */
function blueGreen(liveFile: string, probe: Probe, opts: { baseline?: string; slow?: boolean } = {}): string {
  return blueGreenPipeline({
    liveFile,
    ...(opts.slow ? { unitTests: 'echo red story slow stage; sleep 30' } : {}),
    ...(probe === 'none' ? {} : { monitor: { baseline: opts.baseline ?? '0', autoRollback: false, probe: { command: probe === 'alert' ? 'exit 1' : 'exit 0' } } }),
  });
}

interface Outcome { result: string; message: string; record?: RunRecord }
interface Said { level: string; message: string; items: string[] }

/** The Open log link's run id in the tooltip's Markdown. */
function openLogRun(tooltip: string): unknown {
  const args = /\(command:gearshift\.showTerminal\?([^)\s]*)\)/.exec(tooltip)?.[1];
  return args === undefined ? undefined : (JSON.parse(decodeURIComponent(args)) as unknown[])[1];
}

/**
 * The words after monitoring and a rollback, as a person meets them in a real VS Code (walkedit33 M1,
 * review33 L1, prodtruth33, walkedit33 L2): the toasts, the status item and its tooltip.
 */
describe('the red story after monitoring and a rollback in the real extension host (redstory34)', () => {
  let dir = '';
  let live = '';
  const said: Said[] = [];
  let unpatch = (): void => undefined;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-red-story-'));
    live = path.join(dir, 'live');
    const record = (level: string) => (message: string, ...items: unknown[]) => {
      said.push({ level, message, items: items.filter((i): i is string => typeof i === 'string') });
      return Promise.resolve(undefined);
    };
    unpatch = patchWindow({ showErrorMessage: record('error'), showWarningMessage: record('warning'), showInformationMessage: record('info') });
  });
  after(async () => {
    unpatch();
    const restore = usePipeline(blueGreen(live, 'none'));
    try { await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true }); } finally { restore(); }
    if (dir) { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  let red: Promise<string> | undefined;
  let rollback: Promise<Outcome | undefined> | undefined;

  /**
   * Production deployed, then a release whose monitoring alerts: the pipeline red from it; the red run's id.
   * Once for the suite, by the first test that needs it: a GEARSHIFT_TEST_GREP may run any one test alone.
   */
  function redFromAlert(): Promise<string> {
    red ??= (async () => {
      const gearshift = await api();
      await gearshift.automation();
      let restore = usePipeline(blueGreen(live, 'none'));
      try {
        const good = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
        assert.strictEqual(good?.result, 'ok', good?.message);
        restore();
        restore = usePipeline(blueGreen(live, 'alert'));
        const bad = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true });
        assert.strictEqual(bad?.result, 'alert', bad?.message);
        await waitFor('the status item to say red', () => gearshift.status().status.kind === 'red');
        return bad?.record?.id ?? assert.fail('no run');
      } finally {
        restore();
      }
    })();
    return red;
  }

  /** The rollback by hand that ends redFromAlert's red, once for the suite (as redFromAlert); `said` holds only what it said. */
  function rolledBack(): Promise<Outcome | undefined> {
    rollback ??= (async () => {
      await redFromAlert();
      const restore = usePipeline(blueGreen(live, 'alert'));
      try {
        said.length = 0;
        return await vscode.commands.executeCommand<Outcome>('gearshift.rollback', { confirmed: true });
      } finally {
        restore();
      }
    })();
    return rollback;
  }

  it('Monitor Production Now with no alarm while red from monitoring: production is healthy now, why the pipeline stays red, what turns it green', async () => {
    const gearshift = await api();
    await redFromAlert();
    const restore = usePipeline(blueGreen(live, 'healthy'));
    try {
      said.length = 0;
      const watched = await vscode.commands.executeCommand<Outcome>('gearshift.monitorProduction');
      assert.strictEqual(watched?.result, 'ok', watched?.message);
      const toast = await waitFor('the monitoring toast', () => said.find((s) => s.message.startsWith('Gearshift: monitoring:')));
      // Before the fix: "Gearshift: monitoring: no alarm in 2 intervals (1s)" and nothing of the red beside it.
      assert.match(toast.message, /^Gearshift: monitoring: no alarm in \d+ intervals? \([^)]*\)\. Production is healthy now, but the pipeline stays red: a production alert in run \S+ \(\w{8}\)\. Monitoring on its own ends no red: a new run of the pipeline that passes turns it green\.$/);
      assert.deepStrictEqual(toast.items, ['Run Pipeline']);
      assert.strictEqual(gearshift.status().status.kind, 'red');
    } finally {
      restore();
    }
  });

  it('a rollback by hand that ends the red: one toast says both; the tooltip names the slot and release made live, and Open log opens the red run', async () => {
    const gearshift = await api();
    const restore = usePipeline(blueGreen(live, 'alert'));
    try {
      const redRun = await redFromAlert();
      const back = await rolledBack();
      assert.strictEqual(back?.result, 'ok', back?.message);
      const slot = fs.readFileSync(live, 'utf8');
      const s = await waitFor('the status item to say green', () => { const x = gearshift.status(); return x.status.kind === 'green' ? x : undefined; });
      const toast = await waitFor('the rollback\'s toast', () => said.find((x) => x.message.startsWith('Gearshift: roll back:')));
      assert.match(toast.message, new RegExp(`^Gearshift: roll back: slot ${slot} is live again \\(\\w{8}\\)\\. The pipeline is green again after [^:]+: the rollback ended the red \\(a production alert in run \\S+ \\(\\w{8}\\)\\)\\. Newer commits are not live until one deploys\\.$`));
      // Before the fix a second toast came: "Back to green after … by a rollback: …".
      assert.deepStrictEqual(said.filter((x) => /Back to green|roll back:/.test(x.message)).map((x) => x.message), [toast.message]);
      const tip = readableTooltip(s.tooltip);
      assert.match(tip, new RegExp(`After rollback at [^\\n]*, slot ${slot} live with \\w{8}: it ended the red\\.`));
      assert.doesNotMatch(tip, /Triggered by rollback/);
      assert.strictEqual(openLogRun(s.tooltip), redRun, 'Open log opens the red release\'s run, not the rollback record');
    } finally {
      restore();
    }
  });

  it('a run cancelled after the rollback: "Last run" once, the cancelled run', async () => {
    const gearshift = await api();
    const folder = vscode.workspace.workspaceFolders![0];
    assert.strictEqual((await rolledBack())?.result, 'ok', 'the rollback before it');
    const restore = usePipeline(blueGreen(live, 'none', { slow: true }));
    try {
      const mark = gearshift.terminalText(folder).length;
      const done = vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline', { confirmed: true });
      await waitFor('the slow stage to start', () => gearshift.terminalText(folder).slice(mark).includes('red story slow stage'));
      assert.ok(await vscode.commands.executeCommand<boolean>('gearshift.stopPipeline'));
      assert.strictEqual((await done)?.state, 'cancelled');
      const s = await waitFor('the status after the cancelled run', () => { const x = gearshift.status(); return x.text.includes('sync~spin') ? undefined : x; });
      const tip = readableTooltip(s.tooltip);
      assert.strictEqual(tip.match(/Last run/g)?.length, 1, tip);
      assert.match(tip, /Rollback: slot \w+ live with \w{8}/);
      assert.match(tip, /Last run \w{8} cancelled \(Unit Tests\); it gave no verdict, so the pipeline stays green\./);
    } finally {
      restore();
    }
  });

  it('the status item while the production deploy samples its baseline: "monitoring production: baseline", never a bare "starting (n/m)"', async () => {
    const gearshift = await api();
    const restore = usePipeline(blueGreen(live, 'healthy', { baseline: '1500ms' }));
    const texts = new Set<string>();
    // The item has no event a test can hear: its text is read on a short timer for as long as the deploy runs.
    const timer = setInterval(() => texts.add(gearshift.status().text), 10);
    try {
      const o = await vscode.commands.executeCommand<Outcome>('gearshift.deployProduction', { confirmed: true, overrideRed: true });
      assert.strictEqual(o?.result, 'ok', o?.message);
    } finally {
      clearInterval(timer);
      restore();
    }
    const seen = [...texts].join('\n');
    assert.ok(texts.has('$(pulse) Gearshift: monitoring production: baseline'), seen);
    assert.doesNotMatch(seen, /starting \(\d+\/\d+\)/);
  });
});
