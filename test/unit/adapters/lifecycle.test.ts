import * as assert from 'node:assert/strict';
import { Disposable, disposeAll, toDisposable } from '../../../src/vscode/lifecycle';

/** src/vscode/lifecycle.ts imports vscode's types only, so its rules are checked in plain node. */
class Owner extends Disposable {
  constructor(private readonly log: string[]) { super(); }
  add(name: string, fail = false): void {
    this._register(toDisposable(() => { this.log.push(name); if (fail) { throw new Error(`${name} failed`); } }));
  }
}

describe('adapters: lifecycle', () => {
  it('disposes everything registered, newest first, once', () => {
    const log: string[] = [];
    const owner = new Owner(log);
    owner.add('listener');
    owner.add('watcher');
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['watcher', 'listener']);
  });

  it('one that throws does not stop the others, and the error is not lost', () => {
    const log: string[] = [];
    const owner = new Owner(log);
    owner.add('a');
    owner.add('b', true);
    owner.add('c');
    assert.throws(() => owner.dispose(), /b failed/);
    assert.deepEqual(log, ['c', 'b', 'a']);
  });

  it('registered after disposal: disposed at once, never leaked', () => {
    const log: string[] = [];
    const owner = new Owner(log);
    owner.dispose();
    owner.add('late');
    assert.deepEqual(log, ['late']);
  });

  it('disposeAll reports several failures together', () => {
    const boom = (n: string) => toDisposable(() => { throw new Error(n); });
    assert.throws(() => disposeAll([boom('x'), boom('y')]), (e: unknown) => e instanceof AggregateError && e.errors.length === 2);
  });
});
