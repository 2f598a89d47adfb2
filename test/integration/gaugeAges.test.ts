import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, cliRun, usePipeline, waitFor } from './helpers';

const ONE_STAGE = 'version: 1\nstages:\n  - name: Compile\n    run: echo compiled\n';

/** The run's age in "manual run, 12s ago" / "cli run, 1m ago", in seconds (minutes count 60). */
const ageOf = (text: string | null | undefined): number | undefined => {
  const m = /, (\d+)([sm]) ago$/.exec(text ?? '');
  return m ? Number(m[1]) * (m[2] === 'm' ? 60 : 1) : undefined;
};

/** review39 L5: the gauge's "… ago" texts tick after the state was drawn, on the ages' own clock, with no recompute. */
describe('the gauge\'s ages in the real extension host', () => {
  it('the last run\'s "… ago" moves on after the gauge was computed, without a new state', async () => {
    const gearshift = await api();
    const restore = usePipeline(ONE_STAGE);
    try {
      assert.strictEqual(await cliRun(), 0);
      await waitFor('the window to see the green run', () => gearshift.status().text.includes('green'));
      await vscode.commands.executeCommand('gearshift.showGauge');
      const state = await gearshift.gaugeState();
      const drawn = state.type === 'state' ? state.view?.lastRun?.when : undefined;
      const first = ageOf(drawn);
      assert.ok(first !== undefined, `the state's last run line: ${drawn}`);
      // Seconds tick in the first minute: the ages' ticker posts a later age, no state in between (gaugeState would refresh it).
      await waitFor('an ages tick with a later age of the last run', () => (ageOf(gearshift.gaugeAges()?.lastRun) ?? -1) > first, 20_000);
    } finally {
      restore();
    }
  });
});
