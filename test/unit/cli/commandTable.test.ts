import * as assert from 'node:assert/strict';
import { COMMAND_TABLE } from '../../../src/cli/commandTable';

describe('CLI command table (lazy loaders)', () => {
  it('each entry loads the command it names, with the summary --help lists', async () => {
    for (const entry of COMMAND_TABLE) {
      const command = await entry.load();
      assert.equal(command.name, entry.name);
      assert.equal(command.summary, entry.summary, `summary of ${entry.name} drifted from the command's own`);
    }
  });

  it('names each command once', () => {
    const names = COMMAND_TABLE.map((c) => c.name);
    assert.deepEqual([...new Set(names)], names);
  });
});
