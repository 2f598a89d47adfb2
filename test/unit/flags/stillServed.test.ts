import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { killSwitch, loadFlagsFiles, nextUndo, stillServedAfterOff, undoServedInProduction, type FlagsContext } from '../../../src/core/flags';
import { cleanupTempDirs, initRepo, tempDir } from '../../support/git';
import { BOOLEAN_FLAG, flagsFile } from './fixtures';

const DEV_ONLY = { if: [{ in: [{ var: 'email' }, ['dev@example.com', 'qa@example.com']] }, 'on', 'off'] };

function repoWith(flags: Record<string, unknown>): FlagsContext {
  const root = initRepo();
  fs.writeFileSync(path.join(root, 'flags.json'), flagsFile(flags));
  return { root, historyFile: path.join(tempDir(), 'history.jsonl') };
}

/** walkedit33 L3: who the targeting still serves, and what undoing Turn Off for Everyone serves again. */
describe('flags: off for a request with no context, on for some (real files, flagd-core)', () => {
  after(cleanupTempDirs);

  it('names whom the targeting still serves, with the key for a line of its own and without it after the change', async () => {
    const ctx = repoWith({ 'beta-search': { ...BOOLEAN_FLAG, targeting: DEV_ONLY }, rollout: { ...BOOLEAN_FLAG, targeting: { if: [{ '>': [{ var: 'percent' }, 90] }, 'on', 'off'] } } });
    const still = await stillServedAfterOff(ctx, 'beta-search', undefined);
    assert.strictEqual(still?.text, 'beta-search: its targeting can still serve "on" to some requests (dev@example.com, qa@example.com)');
    assert.strictEqual(still?.sentence, 'Its targeting can still serve "on" to some requests (dev@example.com, qa@example.com)');
    assert.strictEqual((await stillServedAfterOff(ctx, 'rollout', undefined))?.sentence, 'Its targeting can still serve "on" to some requests');
  });

  it('undoing Turn Off for Everyone serves "on" to some requests only (targeting), not to everyone; undoing a plain off serves it to everyone', async () => {
    const ctx = repoWith({ 'beta-search': { ...BOOLEAN_FLAG, targeting: DEV_ONLY }, plain: { ...BOOLEAN_FLAG, defaultVariant: 'on' } });
    await killSwitch(ctx, 'beta-search', { who: 'me' });
    const disabled = await nextUndo(ctx);
    assert.strictEqual(disabled?.field, 'state');
    assert.deepStrictEqual(undoServedInProduction(disabled!, await loadFlagsFiles(ctx)), { variant: 'on', toSome: true, others: ['off'], names: ['dev@example.com', 'qa@example.com'] });
    await killSwitch(ctx, 'plain', { who: 'me' });
    assert.deepStrictEqual(undoServedInProduction((await nextUndo(ctx))!, await loadFlagsFiles(ctx)), { variant: 'on', toSome: false, others: [], names: [] });
  });
});
