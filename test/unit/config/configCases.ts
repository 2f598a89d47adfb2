import * as assert from 'node:assert';
import { formatConfigError, parsePipelineText } from '../../../src/core/config';

export const CONFIG_FILE = '/repo/.gearshift.yml';

/** The formatted errors of a .gearshift.yml text (none: it is valid). */
export function configErrorsOf(text: string): string[] {
  const r = parsePipelineText(text, CONFIG_FILE);
  return r.ok ? [] : r.errors.map(formatConfigError);
}

/**
 * One test per case: each good text has no error; each bad one exactly one error, which starts
 * with (or includes) the expected message.
 */
export function itChecksConfigCases(good: Record<string, string>, bad: ReadonlyArray<readonly [string, string, string]>, match: 'startsWith' | 'includes'): void {
  for (const [why, text] of Object.entries(good)) {
    it(`accepts ${why}`, () => { assert.deepStrictEqual(configErrorsOf(text), []); });
  }
  for (const [why, text, says] of bad) {
    it(`refuses ${why} with a precise error`, () => {
      const errors = configErrorsOf(text);
      assert.strictEqual(errors.length, 1, errors.join('\n'));
      assert.ok(errors[0][match](says), `${errors[0]}\n  does not ${match === 'startsWith' ? 'start with' : 'include'}\n${says}`);
    });
  }
}
