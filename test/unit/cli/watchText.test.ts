import * as assert from 'node:assert/strict';
import { eventText } from '../../../src/cli/watchText';
import { style } from '../../../src/core/render';

/** Raw C0 (but newline), C1 and bidi controls: what must never reach the terminal from data. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/**
 * `gearshift watch` prints the tracker's and the trigger's messages to stderr. They carry data
 * from git (a branch name may hold C1 and bidi characters; git refuses only C0 and DEL in
 * refnames) and git's own error text: shown escaped, as the commit lines are.
 */
describe('gearshift watch: messages holding data from git are printable', () => {
  const s = style(false);

  it('a tracker error naming a branch with C1, bidi and escape characters prints them escaped', () => {
    const branch = 'fix\u202egnp.exe\u009b31m';
    const { text, toStderr } = eventText({ type: 'error', message: `fatal: bad object\u001b]0;pwned\u0007; gave up after 8 attempts: HEAD moved to 1234abcd on ${branch}` }, s);
    assert.equal(toStderr, true);
    assert.ok(!RAW.test(text), JSON.stringify(text));
    assert.match(text, /^gearshift watch: fatal: bad object\\x1b\]0;pwned\\x07; gave up .* on fix\\u202egnp\.exe\\x9b31m\n$/u);
  });

  it('a run that could not start: its reason is printable too, one line per line of it', () => {
    const plan = { sha: 'a'.repeat(40), branch: 'x', covers: ['a'.repeat(40)] };
    const { text } = eventText({ type: 'runNotStarted', plan, reason: 'worktree for \u202ebranch\u202c failed:\nfatal: \u009b2J' }, s);
    assert.ok(!RAW.test(text), JSON.stringify(text));
    assert.equal(text.split('\n').length, 3, 'two lines and the final newline');
  });
});
