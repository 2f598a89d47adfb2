import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';

const SECRET = 'hunter2-export-secret';

/**
 * sec30 M3: the CI file is read and written by the config reader's rule. A link at its path out of
 * the repository, a FIFO or a device is refused with a short error (exit 2) and nothing of it is
 * printed; a `.github` folder linked outside the repository is not written through.
 */
describe('gearshift export with a linked or special CI file (real CLI)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  function repoWithWorkflows(): { repo: string; file: string } {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'true' }]));
    fs.mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
    return { repo, file: path.join(repo, '.github', 'workflows', 'gearshift.yml') };
  }

  for (const target of ['/proc/self/environ', '/dev/zero']) {
    it(`--check with the CI file a link to ${target}: exit 2, a short refusal, nothing of it printed`, async () => {
      const { repo, file } = repoWithWorkflows();
      fs.symlinkSync(target, file);
      const r = await runCli(['export', 'github', '--check'], { cwd: repo, env: { GEARSHIFT_SECRET_TOK: SECRET } });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /is a link to a file outside the repository .*; nothing written/);
      assert.ok(!(r.stdout + r.stderr).includes(SECRET) && !r.stdout.includes('PATH='), r.stdout);
      assert.ok(r.stdout.length + r.stderr.length < 1000, 'a short error');
    });
  }

  it('a FIFO at the CI file\'s path is refused, not waited on', async () => {
    const { repo, file } = repoWithWorkflows();
    execFileSync('mkfifo', [file]);
    const r = await runCli(['export', 'github', '--check'], { cwd: repo });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /is a FIFO \(named pipe\), not a regular file; the CI file must be a regular file/);
  });

  it('a .github folder linked outside the repository is not written through', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'true' }]));
    const outside = ws.folder();
    fs.symlinkSync(outside, path.join(repo, '.github'));
    const r = await runCli(['export', 'github'], { cwd: repo });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /outside the repository .*; nothing written/);
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  it('an --out folder inside the repository whose name starts with .. (`..ci`) is checked too (review30 L4)', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'true' }]));
    const outside = ws.folder();
    fs.symlinkSync(outside, path.join(repo, '..ci'));
    const r = await runCli(['export', 'github', '--out', path.join('..ci', 'gearshift.yml')], { cwd: repo });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /outside the repository .*; nothing written/);
    assert.deepEqual(fs.readdirSync(outside), []);
  });
});
