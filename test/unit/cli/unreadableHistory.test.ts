import * as assert from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { FakeIo } from './fakeIo';
import { pipeline, Workspaces } from '../../support/workspaces';

/**
 * Defect 11: an unreadable history (a directory or a symlink loop in its place, or garbage)
 * must not turn `status` into exit 2 or `gear` into exit 70: report it, answer from the rest.
 * (The tests run as root, so a chmod 000 file would still be readable: EISDIR and ELOOP are
 * the I/O errors we can provoke for real.)
 */
describe('status and gear with unreadable history (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());
  const PIPE = pipeline([{ name: 'Build', run: 'echo built' }]);
  const historyFile = (repo: string): string => path.join(repo, '.git', 'gearshift', 'history.jsonl');

  async function cli(repo: string, ...argv: string[]): Promise<{ code: number; io: FakeIo }> {
    const io = new FakeIo(repo);
    return { code: await main(argv, io), io };
  }

  const breakages: Array<[string, (file: string) => void]> = [
    ['a directory', (file) => fs.mkdirSync(file, { recursive: true })],
    ['a symlink loop', (file) => { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.symlinkSync(file, file); }],
  ];
  for (const [what, breakIt] of breakages) {
    it(`history.jsonl is ${what}: status, status --json and gear exit 0, say why, and answer "unknown"`, async () => {
      const repo = ws.repo(PIPE);
      breakIt(historyFile(repo));
      const status = await cli(repo, 'status');
      assert.strictEqual(status.code, 0, status.io.err);
      assert.match(status.io.err, /could not read the run history .*history\.jsonl.*: (.*history\.jsonl is a folder, not a file|ELOOP|.*history\.jsonl is a symlink: nothing is read through it)/);
      assert.match(status.io.out, /^unknown: the run history could not be read \(above\), so whether the pipeline is red or green is not known\n$/);
      const json = await cli(repo, 'status', '--json');
      assert.strictEqual(json.code, 0, json.io.err);
      assert.strictEqual((JSON.parse(json.io.out) as { state: string }).state, 'unknown');
      const gear = await cli(repo, 'gear');
      assert.strictEqual(gear.code, 0, gear.io.err);
      assert.match(gear.io.err, /could not read the run history/);
      const history = await cli(repo, 'history');
      assert.strictEqual(history.code, 0, history.io.err);
    });
  }

  it('history.jsonl is a directory: `history` says the runs are not known, never "No pipeline runs yet"', async () => {
    const repo = ws.repo(PIPE);
    assert.strictEqual((await cli(repo, 'run')).code, 0);
    const file = historyFile(repo);
    fs.renameSync(file, `${file}.kept`);
    fs.mkdirSync(file);
    const history = await cli(repo, 'history');
    assert.strictEqual(history.code, 0, history.io.err);
    assert.match(history.io.err, /could not read the run history .*history\.jsonl.*: .*history\.jsonl is a folder, not a file/);
    assert.doesNotMatch(history.io.out, /No pipeline runs yet/);
    assert.strictEqual(history.io.out, 'The run history could not be read (above), so which runs there were is not known.\n');
  });
  it('garbage around a real run: status and gear still answer from the run that can be read', async () => {
    const repo = ws.repo(PIPE);
    assert.strictEqual((await cli(repo, 'run')).code, 0);
    const file = historyFile(repo);
    const good = fs.readFileSync(file);
    // Binary noise with and without newlines, and a 9 MB line with none.
    fs.writeFileSync(file, Buffer.concat([crypto.randomBytes(64 * 1024), Buffer.from('\n'), good, Buffer.alloc(9 * 1024 * 1024, 0x41), Buffer.from('\n'), crypto.randomBytes(4096)]));
    const status = await cli(repo, 'status');
    assert.strictEqual(status.code, 0, status.io.err);
    assert.match(status.io.out, /^green /);
    assert.match(status.io.err, /skipped/);
    const gear = await cli(repo, 'gear', '--json');
    assert.strictEqual(gear.code, 0, gear.io.err);
    assert.ok(JSON.parse(gear.io.out).gear, 'a gauge came back');
  });
  it('run when .git/gearshift is a file: exit 2 with one line naming the folder and what it needs, no stage run', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo stage-ran' }]));
    fs.writeFileSync(path.join(repo, '.git', 'gearshift'), 'not a folder\n');
    const run = await cli(repo, 'run');
    assert.strictEqual(run.code, 2, run.io.err);
    assert.doesNotMatch(run.io.out + run.io.err, /stage-ran/);
    const line = run.io.err.split('\n').find((l) => l.includes('cannot start a run')) ?? '';
    assert.match(line, /could not write its run lock in .*\.git.gearshift \(a file is in the way of that folder\); that folder must be a writable folder/, run.io.err);
    assert.doesNotMatch(run.io.err, /EEXIST|\n {4}at /, 'no bare errno, no stack');
  });
  it('run when run.lock is a symlink to nothing: exit 2 naming it, never "another pipeline run is in progress"', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo stage-ran' }]));
    const lock = path.join(repo, '.git', 'gearshift', 'run.lock');
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.symlinkSync(path.join(repo, 'nowhere', 'lock'), lock);
    const run = await cli(repo, 'run');
    assert.strictEqual(run.code, 2, run.io.err);
    assert.ok(run.io.err.includes(`${lock} is a symbolic link to nothing, not a lock file; remove it`), run.io.err);
    assert.doesNotMatch(run.io.err, /another pipeline run|changing hands/);
    assert.doesNotMatch(run.io.out, /stage-ran/);
  });
  it('run --wait when .git/gearshift is a file: refused at once, not a wait for a lock nobody holds', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo stage-ran' }]));
    fs.writeFileSync(path.join(repo, '.git', 'gearshift'), 'not a folder\n');
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'stuck'>((resolve) => { timer = setTimeout(() => resolve('stuck'), 10_000); });
    try {
      const run = await Promise.race([cli(repo, 'run', '--wait'), stuck]);
      assert.notStrictEqual(run, 'stuck', 'run --wait was still waiting after 10 s');
      if (run === 'stuck') { return; }
      assert.strictEqual(run.code, 2, run.io.err);
      assert.match(run.io.err, /could not write its run lock/);
      assert.doesNotMatch(run.io.out + run.io.err, /stage-ran|waiting/);
    } finally {
      clearTimeout(timer);
    }
  });
});
