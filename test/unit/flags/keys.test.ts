import * as assert from 'node:assert';
import { flagKeyProblem } from '../../../src/core/flags';

/**
 * walk29 H1's note: the message said "use letters, digits and -, _, ." while `x$(id)` passed. The
 * rule stays flagd's (any string but whitespace and control characters: keys already in a team's
 * flags file must stay listable and settable), and the message says that rule, not a narrower one.
 */
describe('flag keys: the message says the rule that is enforced', () => {
  it('shell and regex characters are accepted, as flagd accepts them', () => {
    for (const key of ['x$(id)', 'a*b', "it's", 'new.checkout', 'ünï-cödé']) { assert.strictEqual(flagKeyProblem(key), undefined, key); }
  });

  it('whitespace and control characters are refused, and the message promises nothing narrower', () => {
    for (const key of ['new checkout', 'a\tb', 'key\u009b', 'evil\u202eflag']) {
      const problem = flagKeyProblem(key) ?? assert.fail(`${JSON.stringify(key)} was accepted`);
      assert.strictEqual(problem, 'holds whitespace or a control character, which a flag key may not; any other character is fine, e.g. `new-checkout`');
      assert.doesNotMatch(problem, /use letters, digits/);
    }
  });
});
