import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runCli, TSC_CLI } from './cliProcess';

/** How many times `text` occurs in `within`. */
function count(within: string, text: string): number {
  return within.split(text).length - 1;
}

const FLAGS = `${JSON.stringify({ flags: { 'new-checkout': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } }, null, 2)}\n`;

/**
 * A refusal is said once (review31 L9, rev31fix): the file or folder a command cannot use is
 * named once in its line, and one refusal is one line, with the real CLI as a child process.
 */
describe('gearshift: a refusal names its file once (real CLI)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('flags set with history.jsonl a symlink, a folder or a FIFO: exit 1, the path said once, nothing written', async () => {
    const repo = ws.repoWith(`${pipeline([{ name: 'Build', run: 'true' }])}flags:\n  file: flags.json\n`, { 'flags.json': FLAGS });
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    fs.mkdirSync(path.dirname(history), { recursive: true });
    const victim = path.join(ws.folder(), 'victim');
    fs.writeFileSync(victim, 'victim\n');
    const places: Array<[string, () => void]> = [
      ['a symlink: nothing is written through it', () => fs.symlinkSync(victim, history)],
      ['not a regular file; remove what is in its place', () => fs.mkdirSync(history)],
      ['not a regular file; remove what is in its place', () => execFileSync('mkfifo', [history])],
    ];
    for (const [why, place] of places) {
      fs.rmSync(history, { recursive: true, force: true });
      place();
      const r = await runCli(['flags', 'set', 'new-checkout', 'on', '--yes'], { cwd: repo, cli: TSC_CLI });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, `gearshift flags: cannot record the change in ${history} (it is ${why}); nothing was written\n`);
      assert.equal(count(r.stderr, history), 1, r.stderr);
    }
    assert.equal(fs.readFileSync(path.join(repo, 'flags.json'), 'utf8'), FLAGS);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'victim\n');
  });

  it('run with a symlinked .git/gearshift, or .git/gearshift/pipelines for a subfolder pipeline: exit 2, the refusal said once', async () => {
    const repo = ws.repoWith(pipeline([{ name: 'Build', run: 'true' }]), { 'apps/x/.gearshift.yml': pipeline([{ name: 'Sub', run: 'true' }]) });
    const state = path.join(repo, '.git', 'gearshift');
    const elsewhere = ws.folder();
    const cases: Array<[string, string, string]> = [[path.join(state, 'pipelines'), path.join(repo, 'apps', 'x'), 'pipelines'], [state, repo, 'gearshift']];
    for (const [link, cwd, name] of cases) {
      fs.rmSync(link, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(elsewhere, link);
      const r = await runCli(['run'], { cwd, cli: TSC_CLI });
      assert.equal(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr, `gearshift run: ${link} is not a folder (a symlink): Gearshift keeps no state there\n`, name);
      fs.rmSync(link);
    }
    assert.deepEqual(fs.readdirSync(elsewhere), [], 'something was written through the link');
  });
});
