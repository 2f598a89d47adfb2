/**
 * Processes that find the same corrupt deploy.json at once each keep its text, and must end
 * with one copy of it between them: never a second copy (`.corrupt.1` holding the same text),
 * never a clobbered or half-written one, no temporary file left. Seen with a 4 MB text: one
 * process read another's copy while it was still being written, found a different text, and
 * made its own. Real child processes (the CLI's synchronous file calls and the editor's
 * asynchronous ones), started together.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyName, type KeptCopy } from '../../../src/core/deploy/corruptCopy';
import { Workspaces } from '../../support/workspaces';
import { corruptText } from './corruptCopyChild';

const CHILD = path.join(__dirname, 'corruptCopyChild.js');
const BYTES = 4 * 1024 * 1024;
const PROCESSES = 6;
const ROUNDS = 5;

/** Starts `n` children, each ready and waiting; then says go to all at once and collects what each kept. */
async function race(file: string, n: number, links: 'links' | 'no-links' = 'links'): Promise<KeptCopy[]> {
  const children = Array.from({ length: n }, (_, i) => spawn(process.execPath, [CHILD, file, String(BYTES), i % 2 === 0 ? 'sync' : 'async', links], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const outputs = children.map((child) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; });
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => { if (out.startsWith('ready\n')) { resolve(); } });
      child.on('exit', (code) => reject(new Error(`a child exited ${code} before it was ready`)));
    });
    const done = new Promise<string>((resolve) => child.on('close', () => resolve(out)));
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) { child.stdin.end('go\n'); }
  const texts = await Promise.all(outputs.map((o) => o.done));
  return texts.map((t) => JSON.parse(t.split('\n')[1]) as KeptCopy);
}

describe('deploy.json.corrupt: processes copying the same corrupt text at once', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it(`make one copy between them (${PROCESSES} processes, a 4 MB text, ${ROUNDS} rounds), whole, and leave no temporary file`, async () => {
    const text = corruptText(BYTES);
    for (let round = 1; round <= ROUNDS; round++) {
      const dir = ws.folder({ 'deploy.json': text });
      const file = path.join(dir, 'deploy.json');
      const kept = await race(file, PROCESSES);
      const names = fs.readdirSync(dir).sort();
      assert.deepEqual(names, ['deploy.json', 'deploy.json.corrupt'], `round ${round}: ${names.join(', ')}`);
      assert.ok(fs.readFileSync(copyName(file, 0), 'utf8') === text, `round ${round}: the copy is not the text`);
      assert.deepEqual(kept, Array.from({ length: PROCESSES }, () => ({ kept: true, copy: copyName(file, 0) })), `round ${round}`);
    }
  });

  it('on a file system without hard links the copy is still made, under its name, and the same text is not copied again', async () => {
    const text = corruptText(BYTES);
    const dir = ws.folder({ 'deploy.json': text });
    const file = path.join(dir, 'deploy.json');
    for (const mode of ['first', 'again']) {
      const kept = await race(file, 1, 'no-links');
      assert.deepEqual(kept, [{ kept: true, copy: copyName(file, 0) }], mode);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['deploy.json', 'deploy.json.corrupt'], mode);
      assert.ok(fs.readFileSync(copyName(file, 0), 'utf8') === text, `${mode}: the copy is not the text`);
    }
  });
});
