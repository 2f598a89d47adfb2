/** review37a F2: where no pipeline names the flags files, only a file that declares flagd's `$schema` is one. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileMayDeclareFlagdSchema, mayDeclareFlagdSchema } from '../../../src/core/config';
import { listFlags, undeclaredFlagsFiles } from '../../../src/core/flags';
import { Workspaces } from '../../support/workspaces';

const FLAGD = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
const SCHEMA = 'https://flagd.dev/schema/v0/flags.json';
/** A declared file nested deeper than jsonc-parser's recursion reaches (rereview37b F6). */
const deepDeclared = (depth: number): string => `{"$schema":"${SCHEMA}","$evaluators":{"E":${'['.repeat(depth)}${']'.repeat(depth)}},"flags":{}}`;

describe('flags: a folder without a pipeline claims only files that declare flagd\'s $schema', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('leaves another tool\'s flags.json alone, and reads one that declares the schema', async () => {
    const other = ws.folder({ 'flags.json': JSON.stringify({ flags: { newUI: true } }) });
    const left = await listFlags({ root: other, onlyDeclared: true }, { references: false, gitHistory: false });
    assert.deepStrictEqual({ files: left.files.length, errors: left.errors }, { files: 0, errors: [] });
    const declared = ws.folder({ 'flags.json': JSON.stringify({ $schema: SCHEMA, flags: { beta: FLAGD } }) });
    const read = await listFlags({ root: declared, onlyDeclared: true }, { references: false, gitHistory: false });
    assert.deepStrictEqual(read.rows.map((r) => r.key), ['beta']);
  });

  it('reads a file too deep to tell, and says where it is too deep, not "no flags file" (rereview37b F6)', async () => {
    assert.strictEqual(mayDeclareFlagdSchema(deepDeclared(20_000)), true, 'cannot tell: the file is read');
    assert.strictEqual(mayDeclareFlagdSchema(JSON.stringify({ flags: { newUI: true } })), false);
    const root = ws.folder({ 'flags.json': deepDeclared(20_000) });
    const listing = await listFlags({ root, onlyDeclared: true }, { references: false, gitHistory: false });
    assert.strictEqual(listing.files.length, 1);
    assert.deepStrictEqual(listing.errors.map((e) => `${e.file.slice(root.length)}:${e.line}:${e.col}: ${e.message}`),
      ['/flags.json:1:198: nesting too deep: objects and arrays may be nested at most 128 levels; flatten the structure']);
    assert.deepStrictEqual(await undeclaredFlagsFiles({ root, onlyDeclared: true }), [], 'not named as another tool\'s file');
  });

  it('reads a declared file whose $refs nest too deep once copied in, and says where (rereview37b F6)', async () => {
    // Each evaluator is within the nesting bound; the chain of $refs copies them into one another 60 deep.
    const evaluators: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) {
      let value: unknown = i < 59 ? { $ref: `E${i + 1}` } : true;
      for (let level = 0; level < 60; level++) { value = { and: [value] }; }
      evaluators[`E${i}`] = value;
    }
    const root = ws.folder({ 'flags.json': JSON.stringify({ $schema: SCHEMA, $evaluators: evaluators, flags: { beta: { ...FLAGD, targeting: { if: [{ $ref: 'E0' }, 'on', 'off'] } } } }) });
    const listing = await listFlags({ root, onlyDeclared: true }, { references: false, gitHistory: false });
    assert.deepStrictEqual(listing.errors.map((e) => `${e.file.slice(root.length)}:${e.line}:${e.col}: ${e.message}`),
      ['/flags.json:1:68: evaluator "E0": its $refs, copied in, nest more than 256 levels deep (at $ref "E3"); flagd would run out of stack: name fewer evaluators inside one another']);
  });

  it('asks a file again once it was rewritten in place with its old mtime put back (faults40 F4)', async () => {
    const declared = JSON.stringify({ $schema: SCHEMA, flags: {} });
    const other = JSON.stringify({ $schema: SCHEMA.replace('flagd.dev', 'flagx.dev'), flags: {} });
    assert.strictEqual(other.length, declared.length, 'the same size');
    const file = path.join(ws.folder(), 'flags.json');
    const old = new Date(Date.now() - 60_000); // older than the racy window: the answer is kept
    fs.writeFileSync(file, declared);
    fs.utimesSync(file, old, old);
    const before = fs.statSync(file);
    assert.strictEqual(await fileMayDeclareFlagdSchema(file), true);
    // As `cp -p` or `touch -r` do: the same inode, the same size, the old mtime; only the ctime moves.
    fs.writeFileSync(file, other);
    fs.utimesSync(file, old, old);
    // The ctime ticks coarsely (a few ms): set the times again until it shows the change (bounded).
    for (const until = Date.now() + 5000; fs.statSync(file).ctimeMs === before.ctimeMs && Date.now() < until;) { fs.utimesSync(file, old, old); }
    const after = fs.statSync(file);
    assert.deepStrictEqual([after.ino, after.size, after.mtimeMs], [before.ino, before.size, before.mtimeMs]);
    assert.notStrictEqual(after.ctimeMs, before.ctimeMs);
    assert.strictEqual(await fileMayDeclareFlagdSchema(file), false, 'the kept answer is not the file\'s');
  });
});
