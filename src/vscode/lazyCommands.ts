/**
 * Commands of a lazily loaded chunk, registered at once. VS Code activates the extension for a
 * contributed command and runs it as soon as `activate` returns, before an `import()` resolves:
 * without a stand-in the command would be "not found". Each stand-in waits for the chunk, then
 * hands over to the real command, which the chunk registers after the stand-ins are gone.
 * The vscode functions come in as parameters, so this runs without an editor in unit tests.
 */

export interface Disposable { dispose(): void }

export interface CommandRegistry {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable;
  executeCommand(id: string, ...args: unknown[]): PromiseLike<unknown>;
}

/**
 * Registers a stand-in for every id until `load` settles. On success `start` runs right after
 * the stand-ins are disposed (it registers the real commands); a call that arrived meanwhile is
 * then run by the real command. On failure a call rejects with the load error.
 */
export function lazyCommands<T>(registry: CommandRegistry, ids: readonly string[], load: Promise<T>, start: (loaded: T) => void): { ready: Promise<void>; stubs: Disposable } {
  const stubs = ids.map((id) => registry.registerCommand(id, async (...args: unknown[]) => {
    await ready;
    return registry.executeCommand(id, ...args);
  }));
  const disposeStubs = (): void => { for (const s of stubs.splice(0)) { s.dispose(); } };
  const ready = load.then((loaded) => { disposeStubs(); start(loaded); }, (e: unknown) => { disposeStubs(); throw e; });
  return { ready, stubs: { dispose: disposeStubs } };
}
