import * as assert from 'node:assert/strict';
import { collect, finish, makePipeline, stageRecord, TempDirs } from './helpers';

describe('pipeline/runner: streams', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('a stage that reads stdin gets EOF and passes', async () => {
    const dir = temp.make();
    const { run, output } = collect({
      pipeline: makePipeline(dir, [{ name: 'Cat', run: 'cat; if read line; then echo "got $line"; else echo eof; fi' }]),
    });
    const record = await finish(run);
    assert.equal(stageRecord(record, 'Cat').state, 'passed');
    assert.equal(output.get('Cat'), 'eof\n');
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const dir = temp.make();
    // 3-byte characters: 64 KiB pipe reads cannot all end on a character boundary.
    const script = 'process.stdout.write("\\u20ac".repeat(300000))';
    const { run, output } = collect({
      pipeline: makePipeline(dir, [{ name: 'Euro', run: `"${process.execPath}" -e '${script}'` }]),
    });
    const record = await finish(run);
    assert.equal(stageRecord(record, 'Euro').state, 'passed');
    const text = output.get('Euro') ?? '';
    assert.equal(text.length, 300000);
    assert.equal(text, '\u20ac'.repeat(300000));
  });
});
