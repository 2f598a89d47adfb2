/**
 * The config cache (src/core/config/parseStore.ts) keys a checked config by path and text
 * only. That is sound only while the parse reads nothing else: no file, no environment
 * variable, no clock, no randomness, no working directory. This test parses real configs (the
 * docs' examples, the starter template, error cases) with all of those made to throw, and
 * wants the same answer as a normal parse. A check that starts reading the disk or the
 * environment fails here instead of being silently skipped for a cached text.
 */
import * as assert from 'node:assert/strict';
// The module object itself, not a namespace copy: its members can be replaced for the test.
import fs = require('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports
import * as path from 'node:path';
import { parsePipelineText, renderTemplate } from '../../../src/core/config';

const FILE = '/repo/.gearshift.yml';

function yamlBlocks(doc: string): string[] {
  const text = fs.readFileSync(path.join(__dirname, '../../../../docs', doc), 'utf8');
  // Some examples leave out `version: 1` to stay short: they are parsed as a file would hold them.
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => /^version:/m.test(m[1]) ? m[1] : `version: 1\n${m[1]}`);
}

const TEXTS: Record<string, string> = {
  ...Object.fromEntries(yamlBlocks('configuration.md').map((t, i) => [`docs/configuration.md block ${i + 1}`, t])),
  ...Object.fromEntries(yamlBlocks('secrets.md').map((t, i) => [`docs/secrets.md block ${i + 1}`, t])),
  'the starter template': renderTemplate({ unit: { run: 'npm test', from: 'package.json script `test`' } }),
  'an unknown key and a bad duration': 'version: 1\nstages:\n  - name: a\n    run: "true"\n    timeout: 5 parsecs\n    colour: red\n',
  'a secret in the wrong form': 'version: 1\nstages:\n  - name: a\n    run: "true"\n    env:\n      TOKEN: "${{ secret.X }}"\n',
  'needs that form a circle': 'version: 1\nstages:\n  - name: a\n    run: "true"\n    needs: [b]\n  - name: b\n    run: "true"\n    needs: [a]\n',
};

/**
 * The yaml library's node build (tests; the bundles use its browser build) reads two debug
 * switches that only print its tokens: they cannot change an answer.
 */
const DEBUG_ONLY_ENV = new Set(['LOG_TOKENS', 'LOG_STREAM']);

const BAD = new Set(['an unknown key and a bad duration', 'a secret in the wrong form', 'needs that form a circle']);

const thrower = (what: string) => (): never => { throw new Error(`the parse read ${what}`); };

/** Runs `fn` with the file system, environment, clock, randomness and cwd made to throw. */
function withWorldSealed<T>(fn: () => T): T {
  const restore: Array<() => void> = [];
  const seal = (obj: object, key: string, what: string): void => {
    const saved = Object.getOwnPropertyDescriptor(obj, key);
    Object.defineProperty(obj, key, { value: thrower(what), configurable: true, writable: true });
    restore.push(() => { if (saved) { Object.defineProperty(obj, key, saved); } });
  };
  for (const key of Object.keys(fs).filter((k) => typeof (fs as Record<string, unknown>)[k] === 'function' && /Sync$|^(read|stat|lstat|open|access|exists|readdir|realpath)$/.test(k))) {
    seal(fs, key, `fs.${key}`);
  }
  for (const key of ['readFile', 'stat', 'lstat', 'open', 'access', 'readdir', 'realpath']) { seal(fs.promises, key, `fs.promises.${key}`); }
  seal(Date, 'now', 'the clock');
  seal(Math, 'random', 'randomness');
  seal(process, 'cwd', 'the working directory');
  const env = process.env;
  process.env = new Proxy({}, { get: (_t, name) => DEBUG_ONLY_ENV.has(String(name)) ? env[String(name)] : thrower(`process.env.${String(name)}`)(), has: thrower('process.env'), ownKeys: thrower('process.env') });
  restore.push(() => { process.env = env; });
  const RealDate = Date;
  globalThis.Date = new Proxy(RealDate, { construct: (target, args: unknown[]) => args.length === 0 ? thrower('the clock')() : new target(...(args as [string])) });
  restore.push(() => { globalThis.Date = RealDate; });
  try { return fn(); } finally { for (const undo of restore.reverse()) { undo(); } }
}

describe('config: the parse is a pure function of path and text (what the config cache relies on)', () => {
  it('has real texts to check: the docs hold yaml examples', () => {
    assert.ok(Object.keys(TEXTS).filter((k) => k.startsWith('docs/')).length >= 2);
  });

  for (const [why, text] of Object.entries(TEXTS)) {
    it(`${why}: the same answer with no file, env, clock, randomness or cwd to read`, () => {
      const normal = parsePipelineText(text, FILE); // loads every lazy module first
      assert.equal(normal.ok, !BAD.has(why), normal.ok ? 'parsed' : JSON.stringify(normal.errors));
      const sealed = withWorldSealed(() => parsePipelineText(text, FILE));
      assert.deepEqual(sealed, normal);
    });
  }

  it('the seal itself works: a parse that read the environment would fail here', () => {
    assert.throws(() => withWorldSealed(() => process.env.HOME), /the parse read process.env.HOME/);
    assert.throws(() => withWorldSealed(() => fs.readFileSync(FILE)), /the parse read fs.readFileSync/);
    assert.throws(() => withWorldSealed(() => new Date()), /the parse read the clock/);
    assert.ok(withWorldSealed(() => new Date(0)).getTime() === 0);
  });
});
