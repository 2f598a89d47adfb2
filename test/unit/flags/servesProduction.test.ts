import * as assert from 'node:assert';
import { setServesInProduction, undoServesInProduction, type FlagChange, type FlagServing } from '../../../src/core/flags';

const ENVS = ['default'];
const named = (variants: FlagServing['variants'], defaultVariant: string | null, state: FlagServing['state'] = 'ENABLED'): FlagServing => ({ state, variants, defaultVariant });
const change = (over: Partial<FlagChange>): FlagChange => ({ id: 'c1', key: 'b', environment: 'default', file: 'flags.json', field: 'defaultVariant', from: 'off', to: 'none', who: 't', at: '2026-12-05T00:00:00.000Z', ...over });

/** review22 L2: the production question looks at what is served, never at a variant's name. */
describe('flags: what counts as serving something in production', () => {
  it('a variant named off that serves "everyone" is asked; one serving false, null or a disabled flag is not', () => {
    const misnamed = named({ off: 'everyone', none: '' }, 'none');
    assert.strictEqual(setServesInProduction(misnamed, 'default', ENVS, 'off', undefined), 'off');
    assert.strictEqual(setServesInProduction(named({ on: true, off: false }, 'on'), 'default', ENVS, 'off', undefined), undefined);
    assert.strictEqual(setServesInProduction(named({ dark: null, lit: 'x' }, 'lit'), 'default', ENVS, 'dark', undefined), undefined);
    assert.strictEqual(setServesInProduction(named({ off: 'everyone', none: '' }, 'none', 'DISABLED'), 'default', ENVS, 'off', undefined), undefined);
    assert.strictEqual(setServesInProduction(misnamed, 'default', ENVS, 'off', 'DISABLED'), undefined);
    assert.strictEqual(setServesInProduction(misnamed, 'non-prod', ['non-prod', 'production'], 'off', undefined), undefined, 'not production');
  });

  it('an undo back to a variant named off asks when that variant serves something; back to false it does not', () => {
    const now = { variants: { off: 'everyone', none: '' }, defaultVariant: 'none' };
    assert.strictEqual(undoServesInProduction(change({}), ENVS, now), 'off');
    assert.strictEqual(undoServesInProduction(change({}), ENVS, { variants: { on: true, off: false }, defaultVariant: 'on' }), undefined);
    assert.strictEqual(undoServesInProduction(change({ field: 'state', from: 'ENABLED', to: 'DISABLED' }), ENVS, { variants: { off: 'everyone' }, defaultVariant: 'off' }), 'off');
    const removed = { state: 'ENABLED', variants: { off: 'everyone', on: 'x' }, defaultVariant: 'off' };
    assert.strictEqual(undoServesInProduction(change({ field: 'removed', from: removed, to: null }), ENVS, undefined), 'off');
    assert.strictEqual(undoServesInProduction(change({ field: 'removed', from: { ...removed, variants: { off: false, on: true } }, to: null }), ENVS, undefined), undefined);
  });
});
