import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backtrackingRisk, parsePipelineText } from '../../../src/core/config/index';
import { LogProbe } from '../../../src/core/deploy/monitor/logProbe';
import { systemClock, type IntervalContext } from '../../../src/core/deploy/monitor/types';
import { TempDirs, withDeadline } from './helpers';

/** Issue 13, defect 9: a `log:` probe's regex can never hang monitoring. */
describe('deploy/monitor: catastrophic regular expressions', function () {
  this.timeout(20_000);
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  const config = (match: string): string => ['version: 1', 'stages:', '  - name: Deploy', '    run: echo', '    environment: production',
    'monitor:', '  window: 4s', '  interval: 2s', '  probes:', '    - log: logs/app.log', `      match: '${match}'`, ''].join('\n');

  it('validate refuses nested quantifiers, repeated alternatives and backreferences at the value\'s line:col', () => {
    const r = parsePipelineText(config('^(a+)+$'), '/repo/.gearshift.yml');
    assert.equal(r.ok, false);
    const [e] = r.ok ? [] : r.errors;
    assert.deepEqual([e.line, e.col], [11, 14]);
    assert.match(e.message, /`match` has a repeated group that contains a repeat \(nested quantifiers\) at character 2, which can take exponential time/);
    for (const bad of ['(a|aa)+', '(\\w+\\s?)*$', '(a*)\\1']) { assert.ok(backtrackingRisk(bad), bad); }
    for (const fine of ['ERROR|FATAL', '^.*ERROR.*$', '(ERROR|WARN): .*', '[(a+)+]', '\\(a+\\)+', '(?:ab)+']) { assert.equal(backtrackingRisk(fine), undefined, fine); }
    assert.equal(parsePipelineText(config('ERROR|FATAL'), '/repo/.gearshift.yml').ok, true);
  });

  it('a pattern that slips through is stopped at the deadline off the main thread: the sample is down, the event loop kept running', async () => {
    const dir = temp.make();
    fs.mkdirSync(path.join(dir, 'logs'));
    const file = path.join(dir, 'logs', 'app.log');
    fs.writeFileSync(file, '');
    const probe = new LogProbe({ kind: 'log', name: 'app', file: 'logs/app.log', match: '^(a+)+$' }, dir);
    await probe.prime();
    fs.appendFileSync(file, `${'a'.repeat(40)}!\nok\n`);
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 50);
    const started = Date.now();
    const ctx: IntervalContext = { intervalMs: 0, startedAt: Date.now(), clock: systemClock, signal: new AbortController().signal, progress: () => undefined };
    const sample = await withDeadline(probe.sample(ctx), 10_000, 'the log probe hung');
    clearInterval(ticker);
    assert.equal(sample.down, true);
    assert.match(sample.detail ?? '', /matching took longer than 2s and was stopped/);
    assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
    assert.ok(ticks >= 10, `the main thread was blocked (${ticks} ticks)`);
  });
});
