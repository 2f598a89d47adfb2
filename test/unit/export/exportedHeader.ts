/** `gearshift export …` (in-process) in a fresh repository holding `pipeline` and a lockfile with gearshift: its stderr and the file's header. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workspaces } from '../../support/workspaces';
import { runMain } from '../cli/runMain';

export async function exportedHeader(ws: Workspaces, pipeline: string, args: string[], file: string): Promise<{ stderr: string; header: string }> {
  const dir = ws.emptyRepo({ '.gearshift.yml': pipeline, 'package.json': '{"devDependencies":{"gearshift":"file:tools/gearshift-0.1.0.tgz"}}', 'package-lock.json': '{}' });
  const result = await runMain(['export', ...args], { cwd: dir });
  assert.strictEqual(result.code, 0, result.stderr);
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  return { stderr: result.stderr, header: text.slice(0, text.indexOf('\n\n')) };
}
