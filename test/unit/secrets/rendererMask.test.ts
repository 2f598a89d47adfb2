import * as assert from 'node:assert';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { EngineEvent } from '../../../src/core/engine';
import { RunRenderer } from '../../../src/core/render';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';

/** Also a valid branch name, so the run banner holds it outside any stage output. */
const SECRET = 'banner-s3cret-Value-77';

/**
 * The terminal's own text (banner, deploy messages) goes through the renderer's mask, as the
 * editor's Gearshift terminal and the CLI build it: `mask` is the engine's latest run's secrets.
 */
describe('secrets: the run renderer masks the text Gearshift writes itself', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** A green run on a branch named like the secret, rendered by a renderer masking with the engine's secrets. */
  async function runOnSecretBranch(color: boolean): Promise<{ text: string; renderer: RunRenderer }> {
    const repo = ws.repo(pipeline([{ name: 'Deploy', run: 'echo "got $TOKEN"', extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] }]));
    git(repo, 'checkout', '-q', '-b', `topic/${SECRET}`);
    const engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 200, secrets: (name) => (name === 'DEPLOY_TOKEN' ? SECRET : undefined) });
    const renderer = new RunRenderer({ color, mask: (t) => engine.secrets.mask(t) });
    let text = '';
    engine.onEvent((e) => { text += renderer.render(e); });
    const outcome = await engine.start({ trigger: 'manual' });
    const record = outcome.kind === 'started' ? await outcome.done : assert.fail(JSON.stringify(outcome));
    assert.strictEqual(record.state, 'green');
    await engine.dispose();
    return { text, renderer };
  }

  it('the banner masks a branch named like the secret; stage output stays masked', async () => {
    const { text } = await runOnSecretBranch(true);
    assert.match(text, /on topic\/\*\*\*/);
    assert.match(text, /got \*\*\*/);
    assert.ok(!text.includes(SECRET), text);
  });

  it('deploy messages (an operation result, the switch script\'s output) are masked', async () => {
    const { renderer } = await runOnSecretBranch(false);
    const events: EngineEvent[] = [
      { type: 'deploy', event: { type: 'operationEnded', operation: 'switch', result: 'failed', message: `switch to green failed: token ${SECRET} refused` } },
      { type: 'deploy', event: { type: 'switchOutput', stream: 'stdout', chunk: `switch says ${Buffer.from(SECRET).toString('base64')}\n` } },
    ];
    const text = events.map((e) => renderer.render(e)).join('');
    assert.match(text, /token \*\*\* refused/);
    assert.match(text, /switch says \*\*\*/);
    assert.ok(!text.includes(SECRET) && !text.includes(Buffer.from(SECRET).toString('base64').slice(0, 16)), text);
  });

  it('without a mask (or before a run resolved any secret) the text is unchanged', () => {
    const plain = new RunRenderer({ color: false });
    const e: EngineEvent = { type: 'deploy', event: { type: 'operationEnded', operation: 'switch', result: 'failed', message: `says ${SECRET}` } };
    assert.match(plain.render(e), new RegExp(SECRET));
  });
});
