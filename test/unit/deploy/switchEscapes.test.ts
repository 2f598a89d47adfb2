import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { switchTo } from '../../../src/core/deploy';
import { awaitFile, killMarked, marked, newMarker, waitForMarked } from '../reliability/markers';
import { BlueGreenFixture } from './fixture';
import { TempDirs } from './helpers';

/**
 * fault31 MEDIUM-4: the switch script ran without a stage cookie, so only its process group was
 * signalled when it ended: a child that had called setsid() already escaped (about 1 switch in 3
 * left one running, by timing). The script here waits until its setsid child is up, so the child
 * has always escaped its group by the script's end: no timing decides.
 */
describe('deploy: what a switch script leaves running', () => {
  const temp = new TempDirs();
  const markers: string[] = [];
  let f: BlueGreenFixture;
  beforeEach(async () => { f = await BlueGreenFixture.create(temp.make()); });
  afterEach(async () => { for (const m of markers.splice(0)) { killMarked(m); } await f.close(); temp.cleanup(); });

  it('a `setsid … &` child of the switch script is stopped when the script ends, like a stage\'s', async () => {
    const m = newMarker();
    markers.push(m);
    const up = path.join(f.dir, 'up');
    const script = `#!/bin/sh\nsetsid ${marked(m, up)} >/dev/null 2>&1 &\n${awaitFile(up)}\nprintf '%s\\n' "$GEARSHIFT_SLOT" > live-slot\n`;
    fs.writeFileSync(path.join(f.dir, 'switch-escapes.sh'), script, { mode: 0o755 });
    await f.store.update((s) => { s.slots.blue = { sha: 'aaa1111', deployedAt: new Date().toISOString(), runId: 'run-aaa1111' }; });
    const result = await switchTo({ root: f.dir, config: { ...f.config, switch: './switch-escapes.sh' }, store: f.store, slot: 'blue', kind: 'switch', runId: 'r1', killGraceMs: 300 });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(await waitForMarked(m, (n) => n === 0), [], 'the setsid child outlived the switch script');
  });
});
