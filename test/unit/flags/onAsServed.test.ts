import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlagChangeError, listFlags, loadFlagsFiles, readFlagChanges, setFlagValue, setServesInProduction, type FlagsContext } from '../../../src/core/flags';
import { cleanupTempDirs, initRepo, tempDir } from '../../support/git';
import { BOOLEAN_FLAG, flagsFile } from './fixtures';

/** The usual "internal users only" rule: dev@ gets on, everyone else off (walkedit33 H2). */
const DEV_ONLY = { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'on', 'off'] };
/** Targeting that falls back to the default variant for everyone it does not match: the default is served. */
const DEV_OR_DEFAULT = { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'on', null] };

function repoWith(file: string, flags: Record<string, unknown>): FlagsContext {
  const root = initRepo();
  fs.writeFileSync(path.join(root, file), flagsFile(flags));
  return { root, historyFile: path.join(tempDir(), 'history.jsonl') };
}

async function served(ctx: FlagsContext, key: string): Promise<unknown> {
  return (await listFlags(ctx, { references: false, gitHistory: false })).rows.find((r) => r.key === key)?.value;
}

/** walkedit33 H2: `on` is judged by what flagd serves after the change, as `off` is; one rule for the CLI and the editor (setFlag). */
describe('flags: turning on is judged by what is served (real files, flagd-core)', () => {
  after(cleanupTempDirs);

  it('refuses without writing when targeting picks off for everyone it does not name, naming them and the file to change', async () => {
    const ctx = repoWith('flags.production.json', { 'beta-search': { ...BOOLEAN_FLAG, targeting: DEV_ONLY } });
    const file = path.join(ctx.root, 'flags.production.json');
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(setFlagValue(ctx, 'beta-search', 'on', { env: 'production', who: 'me' }), (e: unknown) => {
      assert.ok(e instanceof FlagChangeError);
      assert.strictEqual(e.message, 'beta-search: its targeting picks "off" for everyone but dev@example.com, so the default variant is never served; change the targeting in flags.production.json to turn it on');
      assert.strictEqual(e.reason, 'usage');
      assert.strictEqual(e.file, file, 'the editor offers to open it');
      return true;
    });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before, 'nothing written');
    assert.deepStrictEqual(await readFlagChanges(ctx.historyFile ?? ''), [], 'nothing recorded');
    assert.strictEqual(await served(ctx, 'beta-search'), false);
    // The production question is not asked about a change that is refused.
    assert.strictEqual(setServesInProduction(await loadFlagsFiles(ctx), 'production', 'beta-search', 'on', undefined), undefined);
  });

  it('"already on" only when it serves on: a default variant already "on" that targeting never serves is refused too', async () => {
    const ctx = repoWith('flags.json', { 'beta-search': { ...BOOLEAN_FLAG, defaultVariant: 'on', targeting: DEV_ONLY } });
    assert.strictEqual(await served(ctx, 'beta-search'), false);
    await assert.rejects(setFlagValue(ctx, 'beta-search', 'on', { who: 'me' }), /targeting picks "off" for everyone but dev@example\.com.*in flags\.json to turn it on$/);
  });

  it('a disabled flag whose targeting picks off is refused as well (enabling it would still serve off)', async () => {
    const ctx = repoWith('flags.json', { 'beta-search': { ...BOOLEAN_FLAG, state: 'DISABLED', targeting: DEV_ONLY } });
    const before = fs.readFileSync(path.join(ctx.root, 'flags.json'), 'utf8');
    await assert.rejects(setFlagValue(ctx, 'beta-search', 'on', { who: 'me' }), /default variant is never served/);
    assert.strictEqual(fs.readFileSync(path.join(ctx.root, 'flags.json'), 'utf8'), before);
  });

  it('turns on when the default variant is served after it: targeting that falls back to it, or none', async () => {
    const ctx = repoWith('flags.json', { dogfood: { ...BOOLEAN_FLAG, targeting: DEV_OR_DEFAULT }, plain: BOOLEAN_FLAG });
    const made = await setFlagValue(ctx, 'dogfood', 'on', { who: 'me' });
    assert.deepStrictEqual(made.changes.map((c) => [c.field, c.from, c.to]), [['defaultVariant', 'off', 'on']]);
    assert.strictEqual(await served(ctx, 'dogfood'), true);
    await setFlagValue(ctx, 'plain', 'on', { who: 'me' });
    assert.strictEqual(await served(ctx, 'plain'), true);
  });

  it('a request with no context is named when the targeting names nobody (a rollout); --state disabled is set as asked', async () => {
    const rollout = { if: [{ '>': [{ var: 'percent' }, 90] }, 'on', 'off'] };
    const ctx = repoWith('flags.json', { rollout: { ...BOOLEAN_FLAG, targeting: rollout } });
    await assert.rejects(setFlagValue(ctx, 'rollout', 'on', { who: 'me' }), /^Error: rollout: its targeting picks "off" for a request with no context, so/);
    const made = await setFlagValue(ctx, 'rollout', 'on', { who: 'me', state: 'DISABLED' });
    assert.deepStrictEqual(made.changes.map((c) => c.field), ['defaultVariant', 'state']);
  });

  it('a variant named (not a boolean\'s on) is held to the same rule (flagon33): refused where targeting never lets the default be served', async () => {
    const variants = { red: '#c00', blue: '#00c', yellow: '#cc0' };
    const always = { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'yellow', 'red'] };
    const ctx = repoWith('flags.json', { colour: { state: 'ENABLED', variants, defaultVariant: 'red', targeting: always } });
    const file = path.join(ctx.root, 'flags.json');
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(setFlagValue(ctx, 'colour', 'blue', { who: 'me' }), (e: unknown) => {
      assert.ok(e instanceof FlagChangeError);
      assert.strictEqual(e.message, 'colour: its targeting picks "red" for everyone but dev@example.com, so the default variant is never served; change the targeting in flags.json to serve "blue"');
      assert.deepStrictEqual([e.reason, e.file], ['usage', file]);
      return true;
    });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before, 'nothing written');
    assert.deepStrictEqual(await readFlagChanges(ctx.historyFile ?? ''), [], 'nothing recorded');
    assert.strictEqual(setServesInProduction(await loadFlagsFiles(ctx), 'default', 'colour', 'blue', undefined), undefined, 'nothing asked');
  });

  it('a variant is set as asked where some request can still get the default (targeting falls back), where targeting picks it, or on a disabled flag', async () => {
    const variants = { red: '#c00', blue: '#00c', yellow: '#cc0' };
    const staffOrDefault = { if: [{ '!': { var: 'email' } }, 'yellow', null] };
    const picksBlue = { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'yellow', 'blue'] };
    const always = { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'yellow', 'red'] };
    const ctx = repoWith('flags.json', {
      fallback: { state: 'ENABLED', variants, defaultVariant: 'red', targeting: staffOrDefault },
      picked: { state: 'ENABLED', variants, defaultVariant: 'red', targeting: picksBlue },
      prepared: { state: 'DISABLED', variants, defaultVariant: 'red', targeting: always },
    });
    for (const key of ['fallback', 'picked', 'prepared']) {
      const made = await setFlagValue(ctx, key, 'blue', { who: 'me' });
      assert.deepStrictEqual(made.changes.map((c) => [c.key, c.field, c.to]), [[key, 'defaultVariant', 'blue']]);
    }
  });
});
