/**
 * A secret holding a lone UTF-16 surrogate (half an emoji pasted into the editor's password box)
 * must neither crash a run nor leak. A stage gets it in its environment as UTF-8, where the lone
 * surrogate became U+FFFD (EF BF BD): that is the text its output can hold. A JS string holding
 * the exact value (a record field) is masked too, and a lone U+FFFD elsewhere is left alone.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MASK, MaskRules, StreamMasker, maskDeep, maskForms, maskText } from '../../../src/core/secrets';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { StageLogs } from '../../../src/core/engine';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';

const HIGH = '\uD83D';
const SECRET = `tok-${HIGH}-en/42`;
/** What a stage sees in its environment, and so what its output holds. */
const AS_STAGE_SEES = Buffer.from(SECRET, 'utf8');

function streamed(rules: MaskRules, chunks: Buffer[]): string {
  let out = '';
  const stream = new StreamMasker(rules, (text) => { out += text; });
  for (const chunk of chunks) { stream.write(chunk); }
  stream.end();
  return out;
}

describe('secrets: a secret holding a lone surrogate', () => {
  it('has forms, and none of them holds the lone surrogate itself', () => {
    const forms = maskForms([SECRET, `${'\uDE00'}abcd`, `abcd${HIGH}`]);
    assert.ok(forms.length > 0);
    for (const form of forms) { assert.strictEqual(Buffer.from(form, 'utf8').toString('utf8'), form, `well-formed: ${JSON.stringify(form)}`); }
    assert.ok(forms.includes(`tok-\uFFFD-en/42`), forms.join(' | '));
    assert.ok(forms.includes(encodeURIComponent(`tok-\uFFFD-en/42`)), 'URL-encoded as a stage would encode its env value');
  });

  it('is masked in a record field, by its exact text and as decoded from output, and a lone U+FFFD elsewhere stays', () => {
    const rules = new MaskRules([SECRET]);
    const record = { message: `failed: ${SECRET} was refused`, output: `${AS_STAGE_SEES.toString('utf8')} \uFFFD ok`, sha: 'abc' };
    assert.deepStrictEqual(maskDeep(record, rules), { message: `failed: ${MASK} was refused`, output: `${MASK} \uFFFD ok`, sha: 'abc' });
    assert.strictEqual(maskText('binary \uFFFD\uFFFD and tok- then -en/42', rules), 'binary \uFFFD\uFFFD and tok- then -en/42');
  });

  it('is masked in byte output, whole and cut at every byte, also inside the replacement character', () => {
    const output = Buffer.concat([Buffer.from('a \uFFFD b '), AS_STAGE_SEES, Buffer.from(' c\n')]);
    const expected = `a \uFFFD b ${MASK} c\n`;
    assert.strictEqual(streamed(new MaskRules([SECRET]), [output]), expected);
    for (let cut = 1; cut < output.length; cut++) {
      assert.strictEqual(streamed(new MaskRules([SECRET]), [output.subarray(0, cut), output.subarray(cut)]), expected, `cut at ${cut}`);
    }
    assert.strictEqual(streamed(new MaskRules([SECRET]), [...output].map((b) => Buffer.from([b]))), expected, 'byte by byte');
  });

  describe('in a real run', function () {
    this.timeout(30_000);
    const ws = new Workspaces();
    afterEach(() => ws.cleanup());

    it('the run ends (no crash), the stage got the value as UTF-8, and terminal, log and history hold *** instead', async () => {
      const run = 'printf "%s" "$TOKEN" > token.bin; echo "plain: $TOKEN"; printf "%s" "$TOKEN" | head -c 6; sleep 0.01; printf "%s\\n" "$TOKEN" | tail -c +7; exit 3';
      const repo = ws.repo(pipeline([{ name: 'Deploy', run, extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] }]));
      const engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 200, secrets: (name) => (name === 'DEPLOY_TOKEN' ? SECRET : undefined) });
      const logs = new StageLogs();
      engine.onEvent((e) => logs.onEvent(e));
      const outcome = await engine.start({ trigger: 'manual' });
      const record = outcome.kind === 'started' ? await outcome.done : assert.fail(`not started: ${outcome.kind}`);
      await engine.dispose();
      assert.strictEqual(record.state, 'red');
      assert.deepStrictEqual(fs.readFileSync(path.join(repo, 'token.bin')), AS_STAGE_SEES);
      const log = logs.get('Deploy') ?? '';
      assert.strictEqual(log, `plain: ${MASK}\n${MASK}\n`);
      const history = historyLines(repo).join('\n');
      assert.ok(!history.includes('tok-') && !history.includes('\\ud83d'), history);
    });
  });
});
