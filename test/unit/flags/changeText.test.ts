import * as assert from 'node:assert/strict';
import { alreadyText, flagChangesText, newBooleanFlag, type FlagChange } from '../../../src/core/flags';

const change = (over: Partial<FlagChange>): FlagChange => ({
  id: 'c1', key: 'beta-search', environment: 'production', file: 'flags.production.json', field: 'defaultVariant',
  from: 'on', to: 'off', who: 'Dev', at: '2026-12-06T09:00:00.000Z', ...over,
});

// walk30 L5/L6: Add Feature Toggle said each file's definition as JSON; an unchanged flag was not named.
describe('flag changes in words, for the editor\'s notification', () => {
  it('a toggle added to every flags file: said once, with what it serves, naming the files', () => {
    const at = (s: number) => newBooleanFlag(new Date(Date.UTC(2026, 11, 6, 9, 0, s)));
    const added = [
      change({ field: 'added', environment: 'default', file: 'flags.json', from: null, to: at(1) }),
      change({ field: 'added', environment: 'production', file: 'flags.production.json', from: null, to: at(2) }),
    ];
    assert.equal(flagChangesText(added), 'added beta-search (off) to flags.json and flags.production.json');
  });
  it('removed, a disabled definition, an undo, and a variant change (its exact before → after kept)', () => {
    assert.equal(flagChangesText([change({ field: 'removed', from: newBooleanFlag(new Date()), to: null })]), 'removed beta-search from flags.production.json');
    assert.equal(flagChangesText([change({ field: 'added', from: null, to: { state: 'DISABLED', variants: {}, defaultVariant: 'on' }, undoOf: 'c0' })]), 'added beta-search (disabled) to flags.production.json (undo)');
    assert.equal(flagChangesText([change({})]), 'beta-search (production): defaultVariant "on" → "off"');
  });
  it('names are data: one printable line', () => {
    assert.equal(flagChangesText([change({ field: 'removed', key: 'a\nb', file: 'x\u202ey.json', from: null, to: null })]), 'removed a b from x y.json');
  });
  it('nothing changed: the flag, what it already is, and where', () => {
    assert.equal(alreadyText('beta-search', 'off', 'production'), 'beta-search is already off in production');
    assert.equal(alreadyText('beta-search', 'off', 'default'), 'beta-search is already off', 'flags.json alone: no "in default" (review31 L2)');
  });
});
