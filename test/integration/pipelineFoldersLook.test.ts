/**
 * rereview36 R7: the folders look (every 2 s, besides the watcher) asks for a sync only when the
 * folders with a pipeline differ from those the last sync acted on. Each sync tells the look what it
 * acted on; without that, every look would differ and the window would resync all its folders'
 * automation every 2 s for ever. Nothing else would fail: the unit tests tell the look themselves.
 */
import * as assert from 'assert';
import { api } from './helpers';

describe('the folders look: an unchanged set of pipeline folders costs no sync', function () {
  this.timeout(60_000);

  it('looks at unchanged folders start no sync', async () => {
    const automation = await (await api()).automation();
    await automation.ready();
    const before = automation.syncCount;
    assert.ok(before > 0, 'the activation\'s sync has run');
    for (let i = 0; i < 3; i++) {
      await automation.lookAtFolders();
      await automation.ready();
    }
    assert.strictEqual(automation.syncCount, before, 'a look at unchanged folders started a sync');
  });
});
