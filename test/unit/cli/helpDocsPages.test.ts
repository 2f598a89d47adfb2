import * as assert from 'node:assert/strict';
import { COMMAND_TABLE } from '../../../src/cli/commandTable';

/**
 * A help text that names a docs page names it where it is (the installed copy) or as
 * "docs/x.md in Gearshift's repository": a bare "docs/x.md" names a folder the user may not have.
 */
describe('CLI help: docs pages', () => {
  it('no command help names a bare docs/x.md', async () => {
    for (const entry of COMMAND_TABLE) {
      const help = (await entry.load()).help;
      const bare = help.match(/(?<![\w/\\.-])docs\/[a-z-]+\.md(?! in Gearshift's repository)/g);
      assert.equal(bare, null, `gearshift ${entry.name} --help names ${String(bare)}`);
    }
  });
});
