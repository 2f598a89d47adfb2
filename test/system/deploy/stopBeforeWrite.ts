/**
 * A preload for kill tests (`node -r <this> cli.js …`), never part of the product: the process
 * stops itself (SIGSTOP) just before its Nth durable write, N = STOP_BEFORE_WRITE, after
 * creating STOP_MARKER. A durable write is a rename onto deploy.json, a write to
 * history.jsonl, or the link() naming a copy of a corrupt deploy.json (`deploy.json.corrupt…`).
 * The test then kills it with SIGKILL: a crash exactly between two writes, with no seam in the
 * code under test. A process that makes fewer writes runs to its end.
 */
import * as path from 'node:path';

// The module object itself (an `import * as` namespace is read-only): the CLI's fs calls go through its properties.
const fs = require('node:fs') as typeof import('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports -- patched, see above

const stopAt = Number(process.env.STOP_BEFORE_WRITE);
const marker = process.env.STOP_MARKER ?? '';
let writes = 0;

function beforeDurableWrite(what: string): void {
  writes += 1;
  if (writes !== stopAt) { return; }
  fs.writeFileSync(marker, `${writes} ${what}\n`);
  process.kill(process.pid, 'SIGSTOP'); // takes effect before this call returns: the write below never happens
}

function isHistory(fd: unknown): boolean {
  try { return typeof fd === 'number' && fs.readlinkSync(`/proc/self/fd/${fd}`).endsWith(`${path.sep}history.jsonl`); } catch { return false; }
}

type Fn = (...args: unknown[]) => unknown;
function wrap(name: 'renameSync' | 'rename' | 'writeSync' | 'write' | 'linkSync' | 'link', durable: (args: unknown[]) => string | undefined): void {
  const original = fs[name] as unknown as Fn;
  (fs as unknown as Record<string, Fn>)[name] = function (this: unknown, ...args: unknown[]) {
    const what = durable(args);
    if (what !== undefined) { beforeDurableWrite(what); }
    return original.apply(this, args);
  };
}

if (stopAt > 0 && marker !== '') {
  const deployJson = (args: unknown[]): string | undefined => (path.basename(String(args[1])) === 'deploy.json' ? 'deploy.json' : undefined);
  const history = (args: unknown[]): string | undefined => (isHistory(args[0]) ? 'history.jsonl' : undefined);
  wrap('renameSync', deployJson);
  wrap('rename', deployJson);
  wrap('writeSync', history);
  wrap('write', history);
  const corruptCopy = (args: unknown[]): string | undefined => (path.basename(String(args[1])).startsWith('deploy.json.corrupt') ? 'deploy.json.corrupt' : undefined);
  wrap('linkSync', corruptCopy);
  wrap('link', corruptCopy);
}
