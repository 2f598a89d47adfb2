import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CliProcess, ensureCliBuilt, runCli } from './cliProcess';

/**
 * A FIFO where Gearshift keeps a state file (history.jsonl, deploy.json, run.lock), with the real
 * bundled CLI: every command answers at once with a line naming the file, with the exit code
 * docs/cli.md gives for state it cannot read, and the FIFO is left as it was. Before, status,
 * history, gear and switch waited forever on the FIFO (the CLI's synchronous read blocked its
 * event loop, so SIGTERM went unanswered too). A command still running after DEADLINE_MS is
 * killed and fails the test.
 */
const DEADLINE_MS = 15_000;

interface Ended { code: number | null; stdout: string; stderr: string }

async function bounded(args: string[], cwd: string): Promise<Ended> {
  const cli = new CliProcess(args, { cwd, input: '' });
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => { timer = setTimeout(() => resolve('hung'), DEADLINE_MS); });
  try {
    const ended = await Promise.race([cli.done, hung]);
    if (ended === 'hung') {
      cli.child.kill('SIGKILL');
      await cli.done;
      assert.fail(`gearshift ${args.join(' ')} was still running after ${DEADLINE_MS} ms (stderr: ${cli.stderr})`);
    }
    return ended;
  } finally {
    clearTimeout(timer);
  }
}

describe('gearshift with a FIFO in place of a state file (real processes)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  const state = (repo: string, name: string): string => path.join(repo, '.git', 'gearshift', name);
  function fifoAt(file: string): void {
    fs.rmSync(file, { force: true });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    execFileSync('mkfifo', [file]);
  }

  it('history.jsonl: status, status --json, history and gear exit 0 answering "unknown"; run refuses (exit 2) saying history cannot be written', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo built' }]));
    assert.equal((await runCli(['run'], { cwd: repo })).code, 0);
    const file = state(repo, 'history.jsonl');
    fifoAt(file);
    const named = `${file} is a FIFO (named pipe), not a regular file`;
    const status = await bounded(['status'], repo);
    assert.equal(status.code, 0, status.stderr);
    assert.ok(status.stderr.includes(`could not read the run history .git/gearshift/history.jsonl: ${named}`), status.stderr);
    assert.match(status.stdout, /^unknown: the run history could not be read/);
    const json = await bounded(['status', '--json'], repo);
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { state: string }).state, 'unknown');
    for (const command of ['history', 'gear']) {
      const r = await bounded([command], repo);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stderr.includes(named), `${command}: ${r.stderr}`);
    }
    const run = await bounded(['run'], repo); // refused, not run unrecorded (faults41 M2)
    assert.equal(run.code, 2, run.stderr);
    assert.doesNotMatch(run.stdout, /Pipeline GREEN/);
    assert.ok(run.stderr.includes(`gearshift run: cannot start a run: could not write history: ${named}`), run.stdout + run.stderr);
    assert.ok(fs.statSync(file).isFIFO(), 'the FIFO is left as it was');
  });

  it('deploy.json: status answers; switch, rollback and deploy production refuse (exit 2) naming it, and no switch script or stage runs', async () => {
    const marker = (repo: string): string => path.join(repo, 'ran');
    const repo = ws.repo(pipeline([{ name: 'Ship', run: 'echo stage >> ran', extra: ['environment: production'] }])
      + 'deploy:\n  strategy: blue-green\n  slots: [blue, green]\n  switch: echo switch >> ran\n');
    const file = state(repo, 'deploy.json');
    fifoAt(file);
    const refusal = `${file} is a FIFO (named pipe), not a regular file, so the live slot and the rollback target are unknown; put the file back in its place, or delete it`;
    const status = await bounded(['status'], repo);
    assert.equal(status.code, 0, status.stderr);
    for (const [args, says] of [[['switch', '--yes'], 'not switching'], [['rollback', '--yes'], 'not rolling back'], [['deploy', 'production', '--yes'], 'not deploying']] as const) {
      const r = await bounded([...args], repo);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.ok(r.stderr.includes(`${says}: ${refusal}`), `${args.join(' ')}: ${r.stderr}`);
    }
    assert.equal(fs.existsSync(marker(repo)), false, 'neither the switch script nor the production stage ran');
    assert.ok(fs.statSync(file).isFIFO(), 'the FIFO is left as it was');
  });

  it('run.lock: run is refused (exit 2) naming it, no stage runs', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo stage-ran' }]));
    const file = state(repo, 'run.lock');
    fifoAt(file);
    const run = await bounded(['run'], repo);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.ok(run.stderr.includes(`${file} is a FIFO (named pipe), not a regular file`), run.stderr);
    assert.ok(run.stderr.includes(`remove ${file}, which is not a lock file`), `says what to do: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /must be a writable folder/, 'the folder is fine');
    assert.doesNotMatch(run.stdout, /stage-ran/);
    assert.ok(fs.statSync(file).isFIFO());
  });
});
