import * as assert from 'assert';
import { firstStartDecision } from '../../../src/core/walkthrough';

describe('walkthrough: the first start\'s decision and its one log line (walk30 L14)', () => {
  it('opens it when the setting is on, and says so in plain words', () => {
    assert.deepStrictEqual(firstStartDecision({ defaultValue: true }, true, false), { open: true, line: 'Walkthrough opened on first start.' });
  });

  it('names where the setting that turned it off came from, the most specific first, with no JSON', () => {
    const off = firstStartDecision({ defaultValue: true, globalRemoteValue: false }, false, false);
    assert.deepStrictEqual(off, { open: false, line: "Walkthrough not opened on first start: VS Code's workbench.welcomePage.walkthroughs.openOnInstall is off in the machine settings." });
    // VS Code ignores a workspace value of this machine-scoped setting: the source named is the first one holding the value it resolved (review31 L3).
    assert.match(firstStartDecision({ defaultValue: true, globalValue: false, workspaceValue: true }, false, false).line, /off in the user settings\.$/);
    assert.match(firstStartDecision(undefined, false, false).line, /off in its default\.$/);
  });

  it('never opens it in an extension test host, and says why', () => {
    assert.deepStrictEqual(firstStartDecision({ defaultValue: true }, true, true), { open: false, line: 'Walkthrough not opened on first start: an extension test host runs Gearshift.' });
  });
});
