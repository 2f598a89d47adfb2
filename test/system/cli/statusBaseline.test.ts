import * as assert from 'node:assert/strict';
import { TSC_CLI, runCli } from './cliProcess';
import { HeldProbes, heldProbeCommand } from '../reliability/heldProbe';

/** One production stage, a `command:` probe held while the test holds it, and a baseline of a minute. */
function pipeline(dir: string): string {
  return [
    'version: 1', 'stages:',
    '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  slots: [blue, green]', '  switch: "true"',
    'monitor:', '  window: 2m', '  interval: 1m', '  baseline: 1m', '  probes:',
    `    - command: ${JSON.stringify(heldProbeCommand(dir))}`, '      timeout: 120s', '',
  ].join('\n');
}

/**
 * rereview38b F6: while a `deploy production` samples its monitoring baseline (no stage has begun), another
 * terminal's `status` said the stage ahead waited for "an approval or the deploy lock": the pipeline has no
 * approval, and the lock is the run's own. The baseline is named now.
 */
describe('status during a production deploy\'s monitoring baseline', function () {
  this.timeout(90_000);
  const held = new HeldProbes();
  afterEach(() => held.cleanup());

  it('names the monitoring baseline among what the stage ahead waits for', async () => {
    const { repo } = await held.start(['deploy', 'production', '--yes'], pipeline);
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.match(status.stdout, /^running {2}/, status.stdout);
    assert.match(status.stdout, /\n {2}next {6}Deploy Prod, not started yet \(waiting: the monitoring baseline, an approval or the deploy lock\)\n/, status.stdout);
  });
});
