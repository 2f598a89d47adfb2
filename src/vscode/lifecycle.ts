import type * as vscode from 'vscode';

/**
 * Disposal for the adapters, as in vscode-pull-request-github's `common/lifecycle.ts`: an object
 * registers what it creates (listeners, watchers, emitters, timers) as it creates it, and one
 * `dispose()` releases all of it, newest first, even when one of them throws.
 */

export function toDisposable(dispose: () => void): vscode.Disposable {
  let done = false;
  return { dispose: () => { if (!done) { done = true; dispose(); } } };
}

export function disposeAll(disposables: vscode.Disposable[]): void {
  const errors: unknown[] = [];
  while (disposables.length > 0) {
    try { disposables.pop()?.dispose(); } catch (e) { errors.push(e); }
  }
  if (errors.length === 1) { throw errors[0]; }
  if (errors.length > 1) { throw new AggregateError(errors, 'several disposables failed'); }
}

export abstract class Disposable implements vscode.Disposable {
  private readonly _disposables: vscode.Disposable[] = [];
  private _isDisposed = false;

  protected get isDisposed(): boolean { return this._isDisposed; }

  /** Keeps `value` until this object is disposed; registered after disposal, it is disposed at once. */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this._isDisposed) {
      value.dispose();
    } else {
      this._disposables.push(value);
    }
    return value;
  }

  /** For `event(listener, thisArgs, disposables)`: the array the listeners are registered into. */
  protected get _store(): vscode.Disposable[] { return this._disposables; }

  dispose(): void {
    if (this._isDisposed) { return; }
    this._isDisposed = true;
    disposeAll(this._disposables);
  }
}
