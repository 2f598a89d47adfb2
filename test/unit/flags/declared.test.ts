/** review37a F2: where no pipeline names the flags files, only a file that declares flagd's `$schema` is one. */
import * as assert from 'node:assert';
import { listFlags } from '../../../src/core/flags';
import { Workspaces } from '../../support/workspaces';

const FLAGD = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };

describe('flags: a folder without a pipeline claims only files that declare flagd\'s $schema', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('leaves another tool\'s flags.json alone, and reads one that declares the schema', async () => {
    const other = ws.folder({ 'flags.json': JSON.stringify({ flags: { newUI: true } }) });
    const left = await listFlags({ root: other, onlyDeclared: true }, { references: false, gitHistory: false });
    assert.deepStrictEqual({ files: left.files.length, errors: left.errors }, { files: 0, errors: [] });
    const declared = ws.folder({ 'flags.json': JSON.stringify({ $schema: 'https://flagd.dev/schema/v0/flags.json', flags: { beta: FLAGD } }) });
    const read = await listFlags({ root: declared, onlyDeclared: true }, { references: false, gitHistory: false });
    assert.deepStrictEqual(read.rows.map((r) => r.key), ['beta']);
  });
});
