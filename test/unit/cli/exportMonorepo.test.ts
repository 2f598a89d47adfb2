/**
 * The header's drift-check command is meant to be copied into a CI step or a pre-commit hook,
 * which run at the repository's top. With the pipeline in a subfolder (a monorepo) it must still
 * work as written: `--config` and `--out` relative to the top, quoted for the shell.
 */
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TALK_PIPELINE } from '../../support/exportFixtures';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

const CHECK_LINE = /^# Check for drift \(CI step, pre-commit hook[^)]*\): npx --no --offline gearshift (.*)$/m;

/** The header's command split into words by a real shell, as a CI step would run it. */
function headerCommand(text: string): string[] {
  const line = CHECK_LINE.exec(text);
  assert.ok(line, text.split('\n').slice(0, 4).join('\n'));
  return execFileSync('sh', ['-c', `printf '%s\\0' ${line[1]}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

describe('gearshift export: the header\'s drift check runs as written when the pipeline is in a subfolder', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const cases: Array<{ target: 'github' | 'gitlab'; out?: string; written: string }> = [
    { target: 'github', out: 'gh.yml', written: 'sub dir/gh.yml' },
    { target: 'gitlab', written: '.gitlab-ci.yml' },
  ];
  for (const c of cases) {
    it(`${c.target}${c.out === undefined ? '' : ` --out ${c.out}`} from the subfolder: exit 0 at the top, 1 after a change`, async () => {
      const top = ws.emptyRepo({ 'sub dir/.gearshift.yml': TALK_PIPELINE, 'sub dir/app/.keep': '' });
      const sub = path.join(top, 'sub dir');
      const wrote = await runMain(['export', c.target, ...(c.out === undefined ? [] : ['--out', c.out])], { cwd: sub });
      assert.strictEqual(wrote.code, 0, wrote.stderr);
      const command = headerCommand(fs.readFileSync(path.join(top, c.written), 'utf8'));
      const clean = await runMain(command, { cwd: top });
      assert.strictEqual(clean.code, 0, `${command.join(' ')}: ${clean.stdout}${clean.stderr}`);
      const config = path.join(sub, '.gearshift.yml');
      fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('timeout: 10m', 'timeout: 20m'));
      const drifted = await runMain(command, { cwd: top });
      assert.strictEqual(drifted.code, 1, `${command.join(' ')}: ${drifted.stdout}${drifted.stderr}`);
    });
  }
});
