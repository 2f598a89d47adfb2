import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { blueGreenPipeline } from '../support/blueGreenPipeline';
import { api, patchWindow, usePipeline } from './helpers';

type Report = { message?: string; increment?: number };

describe('Monitor Production Now\'s notification in the real extension host', () => {
  // review37a F13: the notification spun with no number for the whole window while the status item counted.
  it('counts the intervals as the status item does, with the last error rate, and fills to 100% (review37a F13)', async () => {
    await api();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-monitor-progress-'));
    const restore = usePipeline(blueGreenPipeline({ liveFile: path.join(dir, 'live'), monitor: { window: '1s', interval: '500ms', probe: { command: 'exit 0' } } }));
    const reports: Report[] = [];
    const titles: string[] = [];
    const quiet = (): Promise<undefined> => Promise.resolve(undefined);
    const cancel = new vscode.CancellationTokenSource();
    const unpatch = patchWindow({
      showInformationMessage: quiet, showWarningMessage: quiet, showErrorMessage: quiet,
      withProgress: (options: { title?: string }, task: (p: vscode.Progress<Report>, t: vscode.CancellationToken) => Promise<unknown>) => {
        titles.push(options.title ?? '');
        return task({ report: (r) => { reports.push(r); } }, cancel.token);
      },
    });
    try {
      const outcome = await vscode.commands.executeCommand<{ result: string; message: string }>('gearshift.monitorProduction');
      assert.strictEqual(outcome?.result, 'ok', outcome?.message);
      assert.deepStrictEqual(titles, ['Gearshift: monitoring production']);
      assert.match(reports.at(-1)?.message ?? '', /^2\/2 intervals · health: 0(\.0)?% errors$/, JSON.stringify(reports));
      assert.strictEqual(Math.round(reports.reduce((n, r) => n + (r.increment ?? 0), 0)), 100, JSON.stringify(reports));
    } finally {
      unpatch();
      cancel.dispose();
      restore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
