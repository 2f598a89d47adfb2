import * as assert from 'node:assert/strict';
import { pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';
import { hasScript, PtyCli } from './ptyCli';

/**
 * review39 L7: a deploy refused because a run of this pipeline, in another terminal, waits at a manual gate says it
 * waits for approval of that gate and how to get on, not only "in progress". The bundled CLI, a real pty, real git.
 */
describe('gearshift deploy while another terminal\'s run waits at a gate (real pty)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  before(function () {
    this.timeout(300_000);
    if (!hasScript()) { this.skip(); }
    ensureCliBuilt();
  });
  afterEach(() => ws.cleanup());

  it('names the gate, the terminal\'s pid and the way out; exit 2', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Unit Tests', run: 'echo tested' },
      { name: 'Deploy Staging', run: 'echo staged', extra: ['environment: non-prod'] },
      { name: 'Release Gate', run: 'echo released', extra: ['approval: manual'] },
    ]));
    const term = new PtyCli(['run'], { cwd: repo });
    try {
      await term.waitFor(/Approve stage "Release Gate"\? \[y\/N\] /);
      const r = await runCli(['deploy', 'non-prod'], { cwd: repo });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /^gearshift deploy: another run of this pipeline is in progress: .*: it waits for approval of "Release Gate": answer it in the terminal running it \(pid \d+\), or stop it there with Ctrl\+C$/m);
    } finally {
      term.type('n\r');
      await term.done;
    }
  });
});
