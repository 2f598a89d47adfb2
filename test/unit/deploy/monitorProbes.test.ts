import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MonitorProbe } from '../../../src/core/config/types';
import { Monitor, type MonitorSample } from '../../../src/core/deploy';
import { CommandProbe, readRate } from '../../../src/core/deploy/monitor/commandProbe';
import { LogProbe } from '../../../src/core/deploy/monitor/logProbe';
import { type IntervalContext, systemClock } from '../../../src/core/deploy/monitor/types';
import { gone, monitorConfig, TempDirs, until, withDeadline } from './helpers';
import { ManualClock } from './monitorServer';

/** An interval that is already over: the probe reads at once. */
function now(signal = new AbortController().signal): IntervalContext {
  return { intervalMs: 0, startedAt: Date.now(), clock: systemClock, signal, progress: () => undefined };
}

function command(run: string, timeoutMs = 5000): Extract<MonitorProbe, { kind: 'command' }> {
  return { kind: 'command', name: 'check', run, timeoutMs };
}

describe('deploy/monitor: command and log probes', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('command: exit ≠ 0 is rate 1; a printed number is the rate, clamped; anything else is 0', async () => {
    const dir = temp.make();
    const probe = (run: string): Promise<ReturnType<CommandProbe['sample']> extends Promise<infer S> ? S : never> =>
      new CommandProbe(command(run), dir, process.env).sample(now());
    assert.deepEqual(await probe('exit 2'), { probe: 'check', kind: 'command', total: 1, rate: 1, errors: 1, down: false, detail: 'exited with code 2' });
    assert.equal((await probe('echo checking; echo 0.25')).rate, 0.25);
    assert.equal((await probe('echo 7')).rate, 1);
    assert.equal((await probe('echo all good')).rate, 0);
    assert.equal((await probe('true')).rate, 0);
    assert.deepEqual((await probe('definitely-not-a-command-xyz')).detail, 'command not found');
    assert.deepEqual(readRate('0.5\n\n  \n'), { rate: 0.5 });
    assert.deepEqual(readRate('0.5\nerror'), { rate: 0 });
  });

  it('command: a git hook\'s GIT_DIR and GIT_INDEX_FILE do not reach the probe (security34 M1)', async () => {
    const env = { ...process.env, GIT_DIR: '/elsewhere/.git', GIT_INDEX_FILE: '.git/index', GIT_AUTHOR_NAME: 'Ada' };
    const probe = new CommandProbe(command('test -z "$GIT_DIR$GIT_INDEX_FILE" && test "$GIT_AUTHOR_NAME" = Ada'), temp.make(), env);
    assert.equal((await probe.sample(now())).rate, 0);
  });

  it('command: a printed percentage is that rate, not 0 ("50%" was read as healthy)', async () => {
    const probe = new CommandProbe(command("printf '%s\\n' 'errors last minute:' '50%'"), temp.make(), process.env);
    assert.equal((await probe.sample(now())).rate, 0.5);
    assert.deepEqual(readRate('12.5 %'), { rate: 0.125 });
    assert.deepEqual(readRate('0%'), { rate: 0 });
    assert.deepEqual(readRate('250%'), { rate: 1 });
    assert.deepEqual(readRate('%'), { rate: 0 });
  });

  it('command: a last line that starts like a number but is no rate measured nothing (it read as 0 errors)', async () => {
    for (const line of ['3 errors', '-0.2', 'NaN', 'Infinity', '-inf', '.5.5', '+-1', '1e999']) {
      assert.deepEqual(readRate(`checking\n${line}\n`), { unreadable: line }, line);
    }
    for (const [line, rate] of [['OK', 0], ['{"status":"up"}', 0], ['0.05%', 0.0005], ['1e-1', 0.1], ['+0.3', 0.3], ['50', 1]] as const) {
      assert.deepEqual(readRate(`${line}\n`), { rate }, line);
    }
    const sample = await new CommandProbe(command("echo '3 errors'"), temp.make(), process.env).sample(now());
    assert.deepEqual([sample.down, sample.total, sample.rate, sample.detail], [true, 0, 0, 'printed "3 errors", which is not an error rate (0–1 or a percentage)']);
    const bad = await new CommandProbe(command("printf '%s\\n' -3"), temp.make(), process.env).sample(now());
    assert.equal(bad.down, true);
  });

  it('command: runs in the repo root with the env it is given', async () => {
    const dir = temp.make();
    fs.writeFileSync(path.join(dir, 'rate.txt'), '0.4\n');
    const sample = await new CommandProbe(command('cat rate.txt; test "$WHO" = monitor || exit 5'), dir, { ...process.env, WHO: 'monitor' }).sample(now());
    assert.equal(sample.rate, 0.4);
  });

  it('command: a timeout kills its whole process group and counts as down, rate 1', async () => {
    const dir = temp.make();
    const pidFile = path.join(dir, 'pids');
    const started = Date.now();
    const sample = await new CommandProbe(command(`sleep 30 & echo "$$ $!" > '${pidFile}'; wait`, 300), dir, process.env).sample(now());
    assert.ok(Date.now() - started < 3000);
    assert.deepEqual([sample.rate, sample.down, sample.detail], [1, true, 'timed out after 300ms']);
    const pids = fs.readFileSync(pidFile, 'utf8').trim().split(' ').map(Number);
    assert.deepEqual(await gone(pids), [], 'shell and background sleep are gone');
  });

  it('cancel during a command probe kills it and returns promptly', async () => {
    const dir = temp.make();
    const pidFile = path.join(dir, 'pids');
    const monitor = new Monitor(monitorConfig([command(`sleep 30 & echo "$$ $!" > '${pidFile}'; wait`, 60_000)], { intervalMs: 5000, windowMs: 60_000 }), { root: dir });
    const ac = new AbortController();
    const watching = monitor.watch(ac.signal);
    await until(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').includes(' '), 5000, 'probe never started');
    ac.abort();
    const result = await withDeadline(watching, 3000, 'cancel did not end the watch');
    assert.equal(result.tripped, false);
    assert.ok(!result.tripped && result.cancelled);
    const pids = fs.readFileSync(pidFile, 'utf8').trim().split(' ').map(Number);
    assert.deepEqual(await gone(pids), []);
  });

  it('command: a printed rate drives the alarm, including a spike over its baseline', async () => {
    const dir = temp.make();
    const rateFile = path.join(dir, 'rate');
    fs.writeFileSync(rateFile, '0.04');
    const monitor = new Monitor(monitorConfig([command(`cat '${rateFile}'`)], { threshold: 0.5, spike: 3, baselineMs: 200, intervalMs: 100, windowMs: 1000 }), { root: dir });
    const baseline = await monitor.baseline();
    assert.deepEqual(baseline.probes, [{ probe: 'check', rate: 0.04, samples: 2 }]);
    fs.writeFileSync(rateFile, '0.13');
    const result = await withDeadline(monitor.watch(), 5000, 'watch did not end');
    assert.ok(result.tripped);
    assert.deepEqual([result.reason, result.rate, result.baseline, result.interval], ['spike', 0.13, 0.04, 1]);
    assert.equal(result.message, 'check: 13% errors in interval 1, more than 3× the baseline of 4.0%');
  });

  it('log: only lines appended since the last read count; matching ÷ new non-blank lines', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'ERROR from before the deploy\n');
    const probe = new LogProbe({ kind: 'log', name: 'log', file: 'app.log', match: 'ERROR|FATAL' }, dir);
    await probe.prime();
    assert.deepEqual(await probe.sample(now()), { probe: 'log', kind: 'log', rate: 0, errors: 0, total: 0, down: false });
    fs.appendFileSync(file, 'GET / 200\nERROR boom\n\nGET / 200\nFATAL oops\n');
    const s1 = await probe.sample(now());
    assert.deepEqual([s1.errors, s1.total, s1.rate], [2, 4, 0.5]);
    fs.appendFileSync(file, 'GET / 200\nERROR half a li');
    const s2 = await probe.sample(now());
    assert.deepEqual([s2.errors, s2.total], [0, 1], 'an unfinished line waits');
    fs.appendFileSync(file, 'ne\n');
    const s3 = await probe.sample(now());
    assert.deepEqual([s3.errors, s3.total], [1, 1], 'and counts once it is complete');
  });

  it('log: truncation and rotation reset the offset; a missing file is down with rate 0', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'ok\n'.repeat(50));
    const probe = new LogProbe({ kind: 'log', name: 'log', file, match: 'ERROR' }, dir);
    await probe.prime();
    fs.writeFileSync(file, 'ERROR after truncate\nok\n');
    const truncated = await probe.sample(now());
    assert.deepEqual([truncated.errors, truncated.total, truncated.detail], [1, 2, 'log was rotated or truncated; read the new file from its start']);

    fs.renameSync(file, `${file}.1`);
    const missing = await probe.sample(now());
    assert.deepEqual([missing.down, missing.rate, missing.detail], [true, 0, `log file not found: ${file}`]);
    fs.writeFileSync(file, 'ERROR in the new file\n');
    const reappeared = await probe.sample(now());
    assert.deepEqual([reappeared.errors, reappeared.total, reappeared.down], [1, 1, false]);

    // Rotation to a new file at least as long as what we had read: caught by the inode.
    fs.renameSync(file, `${file}.2`);
    fs.writeFileSync(file, 'ERROR a\nERROR b\nok c\n');
    const rotated = await probe.sample(now());
    assert.deepEqual([rotated.errors, rotated.total, rotated.detail], [2, 3, 'log was rotated or truncated; read the new file from its start']);
  });

  it('log: errors written during the watch trip it at the end of that interval', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, '');
    const monitor = new Monitor(monitorConfig([{ kind: 'log', name: 'errors', file: 'app.log', match: ' 5\\d\\d ' }], { intervalMs: 150, windowMs: 3000, threshold: 0.3 }), { root: dir });
    const samples: MonitorSample[] = [];
    monitor.onSample((x) => samples.push(x));
    const watching = monitor.watch();
    // The release keeps logging; lines written before the watch has primed its offset don't count.
    const writer = setInterval(() => fs.appendFileSync(file, 'GET / 200 1ms\nGET / 503 2ms\nGET / 500 1ms\n'), 30);
    const result = await withDeadline(watching, 2000, 'watch did not end').finally(() => clearInterval(writer));
    assert.ok(result.tripped);
    assert.ok(result.interval <= 2);
    assert.ok(Math.abs(result.rate - 2 / 3) < 1e-9);
    assert.equal(samples.length, result.interval);
  });

  it('log: rejects an invalid regular expression when the monitor is built', () => {
    assert.throws(() => new Monitor(monitorConfig([{ kind: 'log', name: 'l', file: 'x', match: '(' }]), { root: '/' }), /monitor probe l: match is not a valid regular expression/);
  });

  it('intervals run on the injected clock: a 15 s window of 5 s intervals ends without waiting', async () => {
    const dir = temp.make();
    fs.writeFileSync(path.join(dir, 'app.log'), '');
    const clock = new ManualClock();
    const monitor = new Monitor(monitorConfig([{ kind: 'log', name: 'log', file: 'app.log', match: 'ERROR' }], { intervalMs: 5000, windowMs: 15_000 }), { root: dir, clock });
    const intervals: number[] = [];
    monitor.onSample((x) => intervals.push(x.interval));
    let done = false;
    const started = Date.now();
    const watching = monitor.watch().then((r) => { done = true; return r; });
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (Date.now() - started > 5000) { assert.fail('did not finish'); }
      clock.fireNext();
    }
    const result = await watching;
    assert.deepEqual(result, { tripped: false, intervals: 3, cancelled: false, message: 'no alarm in 3 intervals (15.0s)' });
    assert.deepEqual(intervals, [1, 2, 3]);
    assert.equal(clock.pending, 0, 'no timer left behind');
  });
});
