import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  killSwitch, listFlags, loadFlagsFiles, nextUndo, setFlagValue, setServedInProduction, setServesInProduction, undoServesInProduction, type FlagsContext,
} from '../../../src/core/flags';
import { cleanupTempDirs, initRepo, tempDir } from '../../support/git';
import { BOOLEAN_FLAG, flagsFile } from './fixtures';

const ON_BY_TARGETING = { if: [{ ends_with: [{ var: 'email' }, '@internal.example'] }, 'off', 'on'] };
const INTERNAL_ONLY = { if: [{ ends_with: [{ var: 'email' }, '@internal.example'] }, 'on', null] };

function repoWith(flags: Record<string, unknown>): FlagsContext {
  const root = initRepo();
  fs.writeFileSync(path.join(root, 'flags.json'), flagsFile(flags));
  return { root, historyFile: path.join(tempDir(), 'history.jsonl') };
}

/** What flagd-core serves now (no context), as `flags list` shows it. */
async function served(ctx: FlagsContext, key: string): Promise<unknown> {
  const listing = await listFlags(ctx, { references: false, gitHistory: false });
  return listing.rows.find((r) => r.key === key)?.value;
}

const asks = async (ctx: FlagsContext, key: string, word: string | undefined, state?: 'ENABLED' | 'DISABLED'): Promise<string | undefined> =>
  setServesInProduction(await loadFlagsFiles(ctx), 'default', key, word, state);

/** review22 L2 and review24 F1: the production question looks at what flagd serves after the change, never at a name or at defaultVariant alone. */
describe('flags: what counts as serving something in production (real files, flagd-core)', () => {
  after(cleanupTempDirs);

  it('list --env production with only flags.json lists that file, which production reads; with production\'s own file, only that (walk29 L3)', async () => {
    const ctx = repoWith({ 'new-checkout': BOOLEAN_FLAG });
    const prod = await listFlags(ctx, { env: 'production', references: false, gitHistory: false });
    assert.deepStrictEqual(prod.rows.map((r) => [r.key, r.environment]), [['new-checkout', 'default']]);
    fs.writeFileSync(path.join(ctx.root, 'flags.production.json'), flagsFile({ 'prod-only': BOOLEAN_FLAG }));
    const own = await listFlags(ctx, { env: 'production', references: false, gitHistory: false });
    assert.deepStrictEqual(own.rows.map((r) => [r.key, r.environment]), [['prod-only', 'production']]);
  });

  it('a variant named off that serves "everyone" is asked; one serving false, null or a disabled flag is not; nor another environment', async () => {
    const ctx = repoWith({ misnamed: { state: 'ENABLED', variants: { off: 'everyone', none: '' }, defaultVariant: 'none' }, live: { ...BOOLEAN_FLAG, defaultVariant: 'on' }, dark: { state: 'ENABLED', variants: { dark: 'x', lit: 'y' }, defaultVariant: 'lit' }, gone: { state: 'DISABLED', variants: { off: 'everyone', none: '' }, defaultVariant: 'none' } });
    assert.strictEqual(await asks(ctx, 'misnamed', 'off'), 'off');
    assert.strictEqual(await asks(ctx, 'live', 'off'), undefined);
    assert.strictEqual(await asks(ctx, 'gone', 'off'), undefined, 'disabled: the code default');
    assert.strictEqual(await asks(ctx, 'misnamed', 'off', 'DISABLED'), undefined);
    assert.strictEqual(await asks(ctx, 'live', 'on'), undefined, 'nothing changes');
    const files = await loadFlagsFiles(ctx);
    assert.strictEqual(setServesInProduction(files.map((f) => ({ ...f, ref: { ...f.ref, environment: 'non-prod' } })), 'non-prod', 'misnamed', 'off', undefined), undefined, 'not production');
  });

  it('enabling a disabled flag whose targeting serves on is asked (defaultVariant off does not decide); so is one whose targeting serves on only to some', async () => {
    const ctx = repoWith({ beta: { ...BOOLEAN_FLAG, state: 'DISABLED', targeting: { if: [{ '!': { var: 'email' } }, 'on', 'off'] } }, dogfood: { ...BOOLEAN_FLAG, state: 'DISABLED', targeting: INTERNAL_ONLY } });
    assert.strictEqual(await asks(ctx, 'beta', undefined, 'ENABLED'), 'on');
    assert.strictEqual(await asks(ctx, 'dogfood', undefined, 'ENABLED'), 'on', 'targeting starts serving on to internal users');
  });

  it('`off` on a flag whose targeting serves on disables it (flagd then serves the code default); one serving off without a context keeps its targeting', async () => {
    const ctx = repoWith({ checkout: { ...BOOLEAN_FLAG, defaultVariant: 'on', targeting: ON_BY_TARGETING }, beta: { ...BOOLEAN_FLAG, targeting: { if: [true, 'on', 'off'] } }, dogfood: { ...BOOLEAN_FLAG, defaultVariant: 'on', targeting: INTERNAL_ONLY } });
    const checkout = await setFlagValue(ctx, 'checkout', 'off', { who: 't' });
    assert.deepStrictEqual(checkout.changes.map((c) => [c.field, c.from, c.to]), [['state', 'ENABLED', 'DISABLED']]);
    assert.strictEqual(await served(ctx, 'checkout'), null);
    const beta = await setFlagValue(ctx, 'beta', 'off', { who: 't' });
    assert.deepStrictEqual(beta.changes.map((c) => [c.field, c.from, c.to]), [['state', 'ENABLED', 'DISABLED']], 'not "nothing to change" while it serves true');
    const dogfood = await setFlagValue(ctx, 'dogfood', 'off', { who: 't' });
    assert.deepStrictEqual(dogfood.changes.map((c) => [c.field, c.from, c.to]), [['defaultVariant', 'on', 'off']]);
    assert.strictEqual(await served(ctx, 'dogfood'), false);
    await assert.rejects(setFlagValue(ctx, 'beta', 'off', { who: 't', state: 'ENABLED' }), /"beta" would still serve true \(its targeting picks "on"\); leave out --state enabled/);
  });

  it('the kill switch is off for every request: disabled when targeting can pick on for anyone, the off variant otherwise, nothing when already off', async () => {
    const ctx = repoWith({ checkout: { ...BOOLEAN_FLAG, defaultVariant: 'on', targeting: ON_BY_TARGETING }, dogfood: { ...BOOLEAN_FLAG, targeting: INTERNAL_ONLY }, plain: { ...BOOLEAN_FLAG, defaultVariant: 'on' }, off: BOOLEAN_FLAG, color: { state: 'ENABLED', variants: { red: '#c00' }, defaultVariant: 'red' } });
    const fields = async (key: string): Promise<unknown[]> => (await killSwitch(ctx, key, { who: 't' })).changes.map((c) => [c.field, c.from, c.to]);
    assert.deepStrictEqual(await fields('checkout'), [['state', 'ENABLED', 'DISABLED']]);
    assert.deepStrictEqual(await fields('dogfood'), [['state', 'ENABLED', 'DISABLED']], 'no context serves off, internal users still got on');
    assert.deepStrictEqual(await fields('plain'), [['defaultVariant', 'on', 'off']]);
    assert.deepStrictEqual(await fields('off'), []);
    assert.deepStrictEqual(await fields('color'), [['state', 'ENABLED', 'DISABLED']]);
    for (const key of ['checkout', 'dogfood', 'plain', 'off', 'color']) { assert.ok([false, null].includes(await served(ctx, key) as boolean | null), key); }
  });

  it('an undo is judged after the undo: re-enabling a killed flag whose targeting serves on asks; an undo edited by hand since is not asked (it refuses)', async () => {
    const ctx = repoWith({ checkout: { ...BOOLEAN_FLAG, targeting: { if: [true, 'on', 'off'] } } });
    await killSwitch(ctx, 'checkout', { who: 't' });
    const change = await nextUndo(ctx);
    assert.ok(change);
    assert.strictEqual(undoServesInProduction(change, await loadFlagsFiles(ctx)), 'on', 'defaultVariant is off, targeting serves on');
    const file = path.join(ctx.root, 'flags.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"DISABLED"', '"ENABLED"'));
    assert.strictEqual(undoServesInProduction(change, await loadFlagsFiles(ctx)), undefined);
  });

  it('re-enabling a flag whose targeting decides says to whom, by flagd\'s evaluation after it (review33 L6)', async () => {
    const devOnly = { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'on', 'off'] };
    const ctx = repoWith({ dev: { ...BOOLEAN_FLAG, state: 'DISABLED', targeting: devOnly }, most: { ...BOOLEAN_FLAG, state: 'DISABLED', targeting: ON_BY_TARGETING }, plain: { ...BOOLEAN_FLAG, state: 'DISABLED', defaultVariant: 'on' } });
    const files = await loadFlagsFiles(ctx);
    const enable = (key: string): unknown => setServedInProduction(files, 'default', key, undefined, 'ENABLED');
    assert.deepStrictEqual(enable('dev'), { variant: 'on', toSome: true, others: ['off'], names: ['dev@example.com'] }, 'a request with no context gets off: on only where the targeting picks it');
    assert.deepStrictEqual(enable('most'), { variant: 'on', toSome: false, others: ['off'], names: [] }, 'a request with no context gets on, the targeting picks off for some');
    assert.deepStrictEqual(enable('plain'), { variant: 'on', toSome: false, others: [], names: [] }, 'no targeting: everyone');
  });
});
