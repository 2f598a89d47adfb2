/**
 * docs/cli.md's pre-push hook lines, run as written: a real `git push` to a bare remote runs the
 * user's own hook and then `gearshift deploy non-prod` (the real bundled CLI, through a
 * `gearshift` on PATH), in `.git/hooks` and under husky's `core.hooksPath`; a red non-prod stage
 * refuses the push. The snippet once replaced an existing hook and wrote where husky never looks.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanEnv, git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CLI, ROOT, ensureCliBuilt } from './cliProcess';

/** The `which`th ```sh block under docs/cli.md's "Git hooks and CI" (0: with `npm link`; 1: without it, README's alias). */
function documentedSnippet(which = 0): string {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Git hooks and CI'));
  const block = [...section.matchAll(/```sh\n([\s\S]*?)```/g)][which];
  assert.ok(block, `docs/cli.md has sh block ${which} under "Git hooks and CI"`);
  return block[1];
}

const NON_PROD = pipeline([
  { name: 'Unit', run: 'echo unit >> "$GEARSHIFT_TEST_LOG"' },
  { name: 'Deploy Non-Prod', run: 'echo non-prod >> "$GEARSHIFT_TEST_LOG"; test "$FAIL_NON_PROD" != yes', extra: ['environment: non-prod'] },
]);

describe('docs: the pre-push hook lines (real git push, real CLI)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  let bin: string;
  before(function () {
    this.timeout(300_000);
    ensureCliBuilt();
    bin = ws.folder({ gearshift: `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n` });
    fs.chmodSync(path.join(bin, 'gearshift'), 0o755);
  });
  after(() => ws.cleanup());

  /** A repo with the pipeline and a bare remote; `log` collects what hooks and stages wrote. */
  function repoWithRemote(): { repo: string; log: string } {
    const repo = ws.repo(NON_PROD);
    git(repo, 'config', '--unset', 'core.hooksPath'); // the fixture turns hooks off; a user's clone has them
    const remote = ws.folder();
    git(remote, 'init', '-q', '--bare');
    git(repo, 'remote', 'add', 'origin', remote);
    return { repo, log: path.join(ws.folder(), 'log') };
  }

  /** `linked`: false for a user with README's alias and no `npm link` (no gearshift on PATH; hooks never see aliases). */
  function sh(repo: string, script: string, env: Record<string, string> = {}, linked = true): { code: number | null; out: string } {
    const r = spawnSync('sh', ['-c', script], { cwd: repo, encoding: 'utf8', env: cleanEnv({ PATH: `${linked ? `${bin}:` : ''}${process.env.PATH ?? ''}`, ...env }) });
    return { code: r.status, out: r.stdout + r.stderr };
  }

  function push(repo: string, log: string, env: Record<string, string> = {}, linked = true): { code: number | null; out: string } {
    return sh(repo, 'git push -q origin HEAD:main', { GEARSHIFT_TEST_LOG: log, ...env }, linked);
  }

  it('adds to an existing .git/hooks/pre-push: the user\'s hook and the non-prod stages both run', () => {
    const { repo, log } = repoWithRemote();
    const own = path.join(repo, '.git', 'hooks', 'pre-push');
    fs.writeFileSync(own, '#!/bin/sh\necho "own hook" >> "$GEARSHIFT_TEST_LOG"\n', { mode: 0o755 });
    const added = sh(repo, documentedSnippet());
    assert.equal(added.code, 0, added.out);
    const pushed = push(repo, log);
    assert.equal(pushed.code, 0, pushed.out);
    assert.deepEqual(fs.readFileSync(log, 'utf8').split('\n'), ['own hook', 'unit', 'non-prod', '']);
  });

  it('writes a new hook where husky\'s core.hooksPath points, and a red non-prod stage refuses the push', () => {
    const { repo, log } = repoWithRemote();
    git(repo, 'config', 'core.hooksPath', '.husky');
    fs.mkdirSync(path.join(repo, '.husky'));
    const added = sh(repo, documentedSnippet());
    assert.equal(added.code, 0, added.out);
    assert.ok(fs.existsSync(path.join(repo, '.husky', 'pre-push')), 'the hook is where git looks');
    const refused = push(repo, log, { FAIL_NON_PROD: 'yes' });
    assert.notEqual(refused.code, 0, refused.out);
    assert.match(refused.out, /failed to push/);
    assert.deepEqual(fs.readFileSync(log, 'utf8').split('\n'), ['unit', 'non-prod', '']);
  });

  // review39 L2: README's alias made the first lines' hook refuse every push ("gearshift: not found"); the docs now say so and give these.
  it('without npm link (README\'s alias): the first lines\' hook fails as the docs say; the full-path lines push, running the stages', () => {
    assert.ok(!sh(ws.folder(), 'command -v gearshift', {}, false).out.includes('gearshift'), 'precondition: no gearshift on PATH');
    const plain = repoWithRemote();
    assert.equal(sh(plain.repo, documentedSnippet(0), {}, false).code, 0);
    const refused = push(plain.repo, plain.log, {}, false);
    assert.notEqual(refused.code, 0, refused.out);
    assert.match(refused.out, /gearshift: (command )?not found/, 'the failure docs/cli.md names');
    const { repo, log } = repoWithRemote();
    const lines = documentedSnippet(1);
    assert.match(lines, /^clone=\/path\/to\/gearshift\n/, 'the line a user edits');
    const added = sh(repo, lines.replace(/^clone=.*\n/, `clone='${ROOT}'\n`), {}, false);
    assert.equal(added.code, 0, added.out);
    const pushed = push(repo, log, {}, false);
    assert.equal(pushed.code, 0, pushed.out);
    assert.deepEqual(fs.readFileSync(log, 'utf8').split('\n'), ['unit', 'non-prod', '']);
  });
});
