import * as assert from 'node:assert/strict';
import { statusBarLabel } from '../../../src/core/render';

/**
 * The status bar item's accessible name (a11y32 #11): red and green are words in its text, but a
 * run going on was only the spinning icon, which the label leaves out.
 */
describe('render: the status bar item\'s name for a screen reader', () => {
  it('a run going on is said in a word after the lead, with or without a folder\'s name', () => {
    assert.equal(statusBarLabel('$(sync~spin) Gearshift: Unit Tests (2/3)', 'Gearshift:'), 'Gearshift: running, Unit Tests (2/3)');
    assert.equal(statusBarLabel('$(sync~spin) Gearshift: starting (0/3)', 'Gearshift:'), 'Gearshift: running, starting (0/3)');
    assert.equal(statusBarLabel('$(sync~spin) Gearshift (api: v2): Build (1/2) · remote red', 'Gearshift (api: v2):'), 'Gearshift (api: v2): running, Build (1/2) · remote red');
  });

  it('a stage named like an icon is read as written', () => {
    assert.equal(statusBarLabel('$(sync~spin) Gearshift: \\$(rm) (1/2)', 'Gearshift:'), 'Gearshift: running, $(rm) (1/2)');
  });

  it('states already in words are left as they read: green, red, loading, monitoring, another pipeline leading', () => {
    assert.equal(statusBarLabel('$(pass-filled) Gearshift: green'), 'Gearshift: green');
    assert.equal(statusBarLabel('$(error) Gearshift: red for 2m · Build'), 'Gearshift: red for 2m · Build');
    assert.equal(statusBarLabel('$(sync~spin) Gearshift: loading…'), 'Gearshift: loading…');
    assert.equal(statusBarLabel('$(pulse) Gearshift: monitoring production (2/5)', 'Gearshift:'), 'Gearshift: monitoring production (2/5)');
    assert.equal(statusBarLabel('$(error) Gearshift: apps/api red for 3m', 'Gearshift:'), 'Gearshift: apps/api red for 3m');
  });
});
