import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FLAG_COMMANDS } from '../../../src/vscode/flags/commandIds';
import { lazyCommands, type CommandRegistry, type Disposable } from '../../../src/vscode/lazyCommands';

/**
 * A command registry with VS Code's rules (an id registered twice throws, running an unknown id
 * rejects "not found"): the editor cannot run in the unit tier, the ordering logic can.
 */
class Registry implements CommandRegistry {
  readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    if (this.handlers.has(id)) { throw new Error(`command '${id}' already exists`); }
    this.handlers.set(id, handler);
    return { dispose: () => { if (this.handlers.get(id) === handler) { this.handlers.delete(id); } } };
  }
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(id);
    if (!handler) { throw new Error(`command '${id}' not found`); }
    return handler(...args);
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('flags commands exist before their lazy chunk has loaded', () => {
  it('a command run before the chunk is in waits and is answered by the real command, with its arguments', async () => {
    const registry = new Registry();
    const chunk = deferred<{ answer: string }>();
    const { ready } = lazyCommands(registry, ['gearshift.toggleFeature'], chunk.promise, ({ answer }) => {
      registry.registerCommand('gearshift.toggleFeature', (arg) => `${answer} ${JSON.stringify(arg)}`);
    });
    const early = registry.executeCommand('gearshift.toggleFeature', { key: 'new-checkout' });
    let settled = false;
    void early.then(() => { settled = true; });
    await new Promise((r) => setImmediate(r));
    assert.strictEqual(settled, false, 'answered before the chunk loaded');
    chunk.resolve({ answer: 'real' });
    assert.strictEqual(await early, 'real {"key":"new-checkout"}');
    await ready;
    assert.strictEqual(await registry.executeCommand('gearshift.toggleFeature', 1), 'real 1', 'later calls go straight to the real command');
  });

  it('a chunk that fails to load makes a waiting call fail with its error and leaves no stand-in', async () => {
    const registry = new Registry();
    const chunk = deferred<unknown>();
    const { ready } = lazyCommands(registry, ['gearshift.undoToggle'], chunk.promise, () => assert.fail('started'));
    const early = registry.executeCommand('gearshift.undoToggle');
    chunk.reject(new Error('chunk missing'));
    await assert.rejects(early, /chunk missing/);
    await assert.rejects(ready, /chunk missing/);
    assert.strictEqual(registry.handlers.size, 0);
  });

  it('disposing before the chunk loads removes the stand-ins', async () => {
    const registry = new Registry();
    const { stubs } = lazyCommands(registry, FLAG_COMMANDS, new Promise<never>(() => undefined), () => undefined);
    assert.strictEqual(registry.handlers.size, FLAG_COMMANDS.length);
    stubs.dispose();
    assert.strictEqual(registry.handlers.size, 0);
  });

  it('stands in for exactly the commands the flags feature registers', () => {
    const dir = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'vscode', 'flags');
    const registered = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]));
    assert.deepStrictEqual([...registered].sort(), [...FLAG_COMMANDS].sort());
  });
});
