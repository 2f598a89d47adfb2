import * as assert from 'node:assert';
import { parseOptions, UsageError, type OptionSpec } from '../../../src/cli/args';
import { isCi, useColor } from '../../../src/cli/color';

const SPECS: OptionSpec[] = [
  { name: 'stage', type: 'string' },
  { name: 'yes', type: 'boolean', short: 'y' },
  { name: 'help', type: 'boolean', short: 'h' },
];

describe('CLI option parsing', () => {
  it('reads --name value, --name=value, booleans and short flags', () => {
    assert.deepStrictEqual(parseOptions(['--stage', 'Unit Tests', '-y'], SPECS), { stage: 'Unit Tests', yes: true });
    assert.deepStrictEqual(parseOptions(['--stage=-odd name', '--help'], SPECS), { stage: '-odd name', help: true });
    assert.deepStrictEqual(parseOptions([], SPECS), {});
    assert.deepStrictEqual(parseOptions(['--yes', '--'], SPECS), { yes: true });
  });

  const bad: Array<[string[], RegExp]> = [
    [['--stag', 'x'], /unknown option '--stag'/],
    [['-x'], /unknown option '-x'/],
    [['--stage'], /'--stage' needs a value/],
    [['--stage', '-y'], /'--stage' needs a value/],
    [['--stage='], /'--stage' needs a value/],
    [['--yes=1'], /'--yes' takes no value/],
    [['-y', '--yes'], /'--yes' given twice/],
    [['extra'], /unexpected argument 'extra'/],
    [['--', 'extra'], /unexpected argument 'extra'/],
  ];
  for (const [args, message] of bad) {
    it(`rejects ${JSON.stringify(args)}`, () => {
      assert.throws(() => parseOptions(args, SPECS), (e: Error) => e instanceof UsageError && message.test(e.message));
    });
  }
});

describe('CLI colour and CI detection', () => {
  const tty = { isTTY: true, write: (): void => undefined };
  const pipe = { isTTY: false, write: (): void => undefined };

  it('colours a terminal, not a pipe; NO_COLOR vetoes, FORCE_COLOR forces', () => {
    assert.strictEqual(useColor(tty, {}), true);
    assert.strictEqual(useColor(pipe, {}), false);
    assert.strictEqual(useColor(tty, { NO_COLOR: '1' }), false);
    assert.strictEqual(useColor(tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR is unset (no-color.org)');
    assert.strictEqual(useColor(pipe, { FORCE_COLOR: '1' }), true);
    assert.strictEqual(useColor(tty, { FORCE_COLOR: '0' }), false);
    assert.strictEqual(useColor(tty, { TERM: 'dumb' }), false);
  });

  it('treats CI=true and CI=1 as CI, CI=false and CI=0 as not', () => {
    assert.deepStrictEqual(['true', '1', 'yes', 'false', '0', '', undefined].map((CI) => isCi({ CI })), [true, true, true, false, false, false, false]);
  });
});
