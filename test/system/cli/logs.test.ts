/**
 * `gearshift logs` after a real `gearshift run` (the bundled dist/cli.js, real stages, a real
 * repository): the red run's failed stage, a stage by name, the list, precise errors, masked
 * secrets, and a 500 MB flood that leaves a bounded log and a bounded RSS.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CLI, CliProcess, cliEnv, ensureCliBuilt, runCli, waitForFile, type CliResult } from './cliProcess';

const MiB = 1024 * 1024;

function vmRssBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined; // the process has exited
  }
}
const SECRET = 'pa55-w0rd-of-the-deploy';

/** The one run folder under `root`, once it exists (bounded). */
async function waitForRunDir(root: string, ms = 15_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const dir = fs.existsSync(root) ? fs.readdirSync(root).find((f) => !f.startsWith('.')) : undefined;
    if (dir) { return dir; }
    if (Date.now() > deadline) { throw new Error(`no run folder in ${root}`); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('gearshift logs: saved stage output after a real run (real CLI)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  function cliIn(repo: string): (args: string[], env?: Record<string, string>) => Promise<CliResult> {
    return (args, env = {}) => runCli(args, { cwd: repo, env });
  }

  it('prints the red run\'s failed stage (which one on stderr), any stage by sha prefix, and lists the run', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Build', run: "printf 'compiled\\n\\033]0;owned\\007\\033[32mok\\033[0m\\n'" },
      { name: 'Deploy Prod', run: 'echo "token is $TOKEN"; echo "connection refused" >&2; exit 4', extra: ['env:', '  TOKEN: "${{ secrets.TOKEN }}"'] },
    ]));
    const cli = cliIn(repo);
    assert.equal((await cli(['run'], { GEARSHIFT_SECRET_TOKEN: SECRET })).code, 1);
    const latest = await cli(['logs']);
    assert.equal(latest.code, 0, latest.stderr);
    assert.equal(latest.stdout, 'token is ***\nconnection refused\n[gearshift: failed: exited with code 4]\n');
    assert.match(latest.stderr, /^run [0-9a-f]{8} · [0-9a-f]{8} · .* · stage "Deploy Prod" failed \(exit 4\)\n$/);

    const sha = git(repo, 'rev-parse', 'HEAD').trim();
    const build = await cli(['logs', sha.slice(0, 7), '--stage', 'Build']);
    assert.equal(build.code, 0, build.stderr);
    assert.equal(build.stdout, 'compiled\nok\n'); // not a terminal: no escape sequence at all

    const list = await cli(['logs', '--list']);
    const id = /^([0-9a-f]{8})\s+([0-9a-f]{8})\s+red\s+.*Deploy Prod$/m.exec(list.stdout) ?? assert.fail(list.stdout);
    assert.equal(id[2], sha.slice(0, 8));
    assert.equal((await cli(['logs', id[1], '--stage', 'Build'])).stdout, 'compiled\nok\n');
    for (const file of fs.readdirSync(path.join(repo, '.git', 'gearshift', 'runlogs'), { recursive: true }) as string[]) {
      const full = path.join(repo, '.git', 'gearshift', 'runlogs', file);
      if (fs.statSync(full).isFile()) { assert.ok(!fs.readFileSync(full, 'utf8').includes(SECRET), file); }
    }
  });

  it('a green run: says which stages ran and prints the last; unknown run or stage: exit 2 with a precise line', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'echo unit' }, { name: 'Package', run: 'echo packaged' }]));
    const cli = cliIn(repo);
    const nothing = await cli(['logs']);
    assert.equal(nothing.code, 0); // nothing yet: said on stdout
    assert.match(nothing.stdout, /^No saved run output yet/);
    assert.equal((await cli(['run'])).code, 0);
    const green = await cli(['logs']);
    assert.equal(green.stdout, 'packaged\n');
    assert.match(green.stderr, /stage "Package" passed\nno stage failed; stages that ran: "Unit", "Package"; this is the last/);
    const typo = await cli(['logs', '--stage', 'Pakage']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^gearshift logs: --stage: run [0-9a-f]{8} saved no output of a stage named "Pakage" \(did you mean "Package"\?\)\nIts saved stages are:\n {2}Unit\n {2}Package\n$/);
    const none = await cli(['logs', 'deadbeef']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^gearshift logs: no saved run matches "deadbeef"/);
    assert.equal(none.stdout, '');
  });

  it('a run killed with kill -9 during a stage: logs says where it died and that its output was not saved, not a passed stage (review20 L3)', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Unit Tests', run: 'echo unit ok' },
      { name: 'Slow', run: 'echo slow-start; sleep 30' },
      { name: 'Deploy Prod', run: 'echo deploying' },
    ]));
    const out = path.join(repo, '..', `${path.basename(repo)}.out`);
    const fd = fs.openSync(out, 'w');
    const child = spawn(process.execPath, [CLI, 'run'], { cwd: repo, env: cliEnv(), stdio: ['ignore', fd, fd], detached: true });
    fs.closeSync(fd);
    try {
      await waitForFile(out, /slow-start/);
      // Stage files are written as a stage ends, off the run's critical path: kill only once Unit Tests' is there.
      const root = path.join(repo, '.git', 'gearshift', 'runlogs');
      const dir = await waitForRunDir(root);
      await waitForFile(path.join(root, dir, 'stage-0.log'), /unit ok/);
    } finally {
      process.kill(child.pid!, 'SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
      fs.rmSync(out, { force: true });
    }
    const cli = cliIn(repo);
    const shown = await cli(['logs']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, '');
    assert.match(shown.stderr, /^Run [0-9a-f]{8} \([0-9a-f]{8}, .*\) was interrupted during stage "Slow": .*"Slow"'s output was not saved\.\nStages that ended: "Unit Tests" \(passed\)\.\n$/);
    const asked = await cli(['logs', '--stage', 'Slow']);
    assert.equal(asked.code, 2);
    assert.match(asked.stderr, /was interrupted during stage "Slow"/);
    assert.match((await cli(['logs', '--list'])).stdout, /^[0-9a-f]{8}\s+[0-9a-f]{8}\s+interrupted /m);
  });

  it('a run going on in another process: its running stage "has no saved output yet" (exit 0), and the run is said to be running (review22 L6)', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Fast', run: 'echo fast-out' },
      { name: 'Slow', run: 'echo slow-start; while [ ! -f release ]; do sleep 0.05; done; echo slow-end' },
    ]));
    fs.writeFileSync(path.join(repo, '.git', 'info', 'exclude'), 'release\n');
    const running = new CliProcess(['run'], { cwd: repo });
    try {
      await running.waitFor(/slow-start/);
      const root = path.join(repo, '.git', 'gearshift', 'runlogs');
      await waitForFile(path.join(root, await waitForRunDir(root), 'stage-0.log'), /fast-out/);
      const cli = cliIn(repo);
      const asked = await cli(['logs', '--stage', 'Slow']);
      assert.equal(asked.code, 0, asked.stderr);
      assert.equal(asked.stdout, '');
      assert.match(asked.stderr, /^"Slow" has no saved output yet: run [0-9a-f]{8} is still running \(a stage's output is saved when it ends\)\.\n$/);
      const shown = await cli(['logs']);
      assert.equal(shown.stdout, 'fast-out\n');
      assert.match(shown.stderr, /\nrun [0-9a-f]{8} is still running[^\n]*: a stage's output is saved when it ends\n$/);
      assert.equal((await cli(['logs', '--stage', 'Nope'])).code, 2, 'a stage the run does not have is still an error');
    } finally {
      fs.writeFileSync(path.join(repo, 'release'), '');
      assert.equal((await running.done).code, 0);
    }
  });

  it('two parallel stages fail: status names both, logs shows the first and names the other (review22 L5)', async () => {
    const repo = ws.repo([
      'version: 1', 'stages:',
      '  - name: Lint', '    run: echo "lint says no"; exit 1', '    needs: []',
      '  - name: Unit Tests', '    run: echo "expected 2 got 3"; exit 3', '    needs: []',
      '  - name: Deploy', '    run: echo deploy', '    needs: [Lint, Unit Tests]', '',
    ].join('\n'));
    const cli = cliIn(repo);
    assert.equal((await cli(['run'])).code, 1);
    const status = await cli(['status']);
    assert.match(status.stdout, /\n {2}failed {4}(Lint \(exited with code 1\); also Unit Tests \(exited with code 3\)|Unit Tests \(exited with code 3\); also Lint \(exited with code 1\))\n/);
    const shown = await cli(['logs']);
    const [first, other] = /stage "Lint"/.test(shown.stderr.split('\n')[0]) ? ['Lint', 'Unit Tests'] : ['Unit Tests', 'Lint'];
    assert.match(shown.stderr, new RegExp(`stage "${first}" failed[^]*\nalso failed: "${other}" \\(gearshift logs --stage '${other}'\\)\n$`));
    assert.match((await cli(['logs', '--list'])).stdout, /\sred\s.*\s(Lint, Unit Tests|Unit Tests, Lint)\n/);
  });

  it('the other failed stage\'s hint is one shell word: pasted, a `$(…)` or quote in its name is neither run nor split (walk29 H1)', async () => {
    const marker = path.join(ws.folder(), 'PWNED');
    const hostile = `Build "quoted" 部署 ✓ $(touch ${marker}) it's`;
    const repo = ws.repo(pipeline([{ name: 'Lint', run: 'exit 1', extra: ['needs: []'] }, { name: hostile, run: 'exit 2', extra: ['needs: []'] }]));
    const cli = cliIn(repo);
    assert.equal((await cli(['run'])).code, 1);
    const shown = await cli(['logs', '--stage', 'Lint']);
    const hint = /\(gearshift logs --stage (.*)\)\n$/.exec(shown.stderr)?.[1];
    assert.ok(hint !== undefined, shown.stderr);
    const pasted = spawnSync('sh', ['-c', `printf '%s' ${hint}`], { encoding: 'utf8' });
    assert.equal(pasted.stdout, hostile, 'the shell reads the hint back as the stage name, one word');
    assert.ok(!fs.existsSync(marker), 'pasting the hint ran the $(…) in the stage name');
  });

  it('a run killed with kill -9 before its first stage ended, after a green one: logs says it was interrupted with no saved output, not the green run\'s log', async () => {
    const repo = ws.repo(pipeline([{ name: 'Quick', run: 'echo quick-output' }]));
    assert.equal((await runCli(['run'], { cwd: repo })).code, 0);
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), pipeline([{ name: 'Slow', run: 'echo slow-start; sleep 30' }]));
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const run = new CliProcess(['run'], { cwd: repo });
    try {
      await run.waitFor(/slow-start/, 30_000);
      await waitForFile(history, /"kind":"stage".*"stage":"Slow"/);
    } finally {
      run.child.kill('SIGKILL');
      await run.done;
      // Slow's `sleep` outlives the killed CLI: its group, from history's stage line, goes too.
      const line = fs.readFileSync(history, 'utf8').split('\n').find((l) => /"kind":"stage".*"stage":"Slow"/.test(l));
      const pgid = line ? (JSON.parse(line) as { proc?: { pgid?: number } }).proc?.pgid : undefined;
      if (pgid) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
    }
    const shown = await runCli(['logs'], { cwd: repo });
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, '', 'the green run\'s log was printed');
    assert.match(shown.stderr, /^Run [0-9a-f]{8} \([0-9a-f]{8}, .*\) was interrupted during stage "Slow": .*"Slow"'s output was not saved\.\nNo stage had ended\.\n$/);
  });

  it('kill -9 between two stages: the first stage\'s log and a run.json are already saved (written as it ended, not at the run\'s end)', async () => {
    const repo = ws.repo(pipeline([{ name: 'First', run: 'echo first-output' }, { name: 'Second', run: 'sleep 30' }]));
    const run = new CliProcess(['run'], { cwd: repo });
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    try {
      await run.waitFor(/\[2\/2\] Second/, 30_000);
      const root = path.join(repo, '.git', 'gearshift', 'runlogs');
      await waitForFile(history, /"kind":"stage".*"stage":"Second"/);
      const id = fs.readdirSync(root).find((f) => f !== '.prune-index.json') ?? assert.fail('no run folder');
      await waitForFile(path.join(root, id, 'stage-0.log'), /first-output/);
      await waitForFile(path.join(root, id, 'run.json'), /"state":"running"/);
    } finally {
      run.child.kill('SIGKILL');
      await run.done;
      // Second's `sleep` outlives the killed CLI: its group, from history's stage line, goes too.
      const line = fs.readFileSync(history, 'utf8').split('\n').find((l) => /"kind":"stage".*"stage":"Second"/.test(l));
      const pgid = line ? (JSON.parse(line) as { proc?: { pgid?: number } }).proc?.pgid : undefined;
      if (pgid) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
    }
    const shown = await runCli(['logs', '--stage', 'First'], { cwd: repo });
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, 'first-output\n');
  });

  it('500 MB through one stage: the CLI\'s RSS stays bounded and the saved log is its first 64 KiB and last 1 MiB', async () => {
    const bytes = 500 * 1000 * 1000;
    const repo = ws.repo(pipeline([{ name: 'Flood', run: `yes ${'y'.repeat(98)} | head -c ${bytes}; echo; echo THE-END` }]));
    const child = spawn(process.execPath, [CLI, 'run'], { cwd: repo, env: cliEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    const samples: number[] = [];
    const sampler = setInterval(() => { const rss = vmRssBytes(child.pid!); if (rss !== undefined) { samples.push(rss); } }, 25);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    try {
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      assert.equal(code, 0, stderr);
    } finally {
      clearInterval(sampler);
      if (child.exitCode === null) { child.kill('SIGKILL'); }
    }
    const max = Math.max(...samples);
    if (process.env.GEARSHIFT_PRINT_RSS) { process.stderr.write(`max RSS ${(max / MiB).toFixed(1)} MiB\n`); }
    // An idle CLI is ~50 MiB and main's peaks at ~62 MiB through this flood; holding the chunks
    // themselves for the log (the first version) peaked at 110–116 MiB.
    assert.ok(max < 60 * MiB + 30 * MiB, `max RSS ${(max / MiB).toFixed(0)} MiB over ${samples.length} samples`);
    const log = await runCli(['logs'], { cwd: repo });
    assert.ok(log.stdout.length < 64 * 1024 + MiB + 200, `${log.stdout.length} characters`);
    assert.ok(log.stdout.endsWith('\nTHE-END\n'));
    assert.match(log.stdout, /^y{98}\n/);
    assert.match(log.stderr, new RegExp(`${bytes + 9 - 64 * 1024 - MiB} of its ${bytes + 9} bytes of output were left out`));
  });
});
