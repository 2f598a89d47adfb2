import * as assert from 'assert';
import { formatConfigError, parsePipelineText } from '../../../src/core/config';
import { limitsOf } from '../../../src/core/deploy';

const FILE = '/repo/.gearshift.yml';
const HEAD = ['version: 1', 'stages:', '  - name: build', '    run: make'];
const DEPLOY = ['deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./switch.sh'];
const PROBE = ['  probes:', '    - http: http://127.0.0.1:8080/health'];

/** `monitor:` with `keys` (each already indented by two) and then `probes`. */
function monitor(keys: string[], probes = PROBE, deploy = DEPLOY): string {
  return [...HEAD, ...deploy, 'monitor:', '  window: 1m', '  interval: 5s', ...keys, ...probes].join('\n') + '\n';
}
const COMPARE = (urls: string[], extra: string[] = []): string[] => ['  probes:', '    - name: slots', '      compare: previous-slot', '      urls:', ...urls.map((u) => `        ${u}`), ...extra];

interface Bad { why: string; text: string; line: number; col: number; says: string }

const BAD: Bad[] = [
  { why: 'failureLimit negative', text: monitor(['  failureLimit: -1']), line: 12, col: 17, says: 'monitor: `failureLimit` (failed measurements tolerated per probe in the window) must be a whole number from 0 to 10000, not the number -1' },
  { why: 'failureLimit a fraction', text: monitor(['  failureLimit: 1.5']), line: 12, col: 17, says: 'must be a whole number from 0 to 10000, not the number 1.5' },
  { why: 'failureLimit quoted', text: monitor(['  failureLimit: "2"']), line: 12, col: 17, says: '(remove the quotes)' },
  { why: 'failureLimit covers the whole window', text: monitor(['  failureLimit: 12']), line: 12, col: 17, says: '`failureLimit` 12 tolerates a failure in every one of the window\'s 12 intervals, so monitoring could never fail a release' },
  { why: 'consecutiveErrorLimit 0', text: monitor(['  consecutiveErrorLimit: 0']), line: 12, col: 26, says: '`consecutiveErrorLimit` (probe errors in a row that make the release inconclusive) must be a whole number from 1 to 10000, not the number 0' },
  { why: 'consecutiveErrorLimit text', text: monitor(['  consecutiveErrorLimit: many']), line: 12, col: 26, says: 'must be a whole number from 1 to 10000, not the text "many"' },
  { why: 'inconclusive as a percentage', text: monitor(['  inconclusive: 5%']), line: 12, col: 17, says: '`inconclusive` is a fraction, not a percentage: for 5% write `0.05`' },
  { why: 'inconclusive at the threshold', text: monitor(['  threshold: 0.1', '  inconclusive: 0.1']), line: 13, col: 17, says: '`inconclusive` 0.1 must be below `threshold` (0.1)' },
  { why: 'inconclusive out of range', text: monitor(['  inconclusive: 2']), line: 12, col: 17, says: '`inconclusive` must be an error rate greater than 0 and below 1' },
  { why: 'misspelt analysis key', text: monitor(['  failurLimit: 2']), line: 12, col: 3, says: 'unknown key `failurLimit`; did you mean `failureLimit`?' },
  { why: 'compare without blue/green', text: monitor([], COMPARE(['blue: http://127.0.0.1:8081/', 'green: http://127.0.0.1:8082/']), []), line: 10, col: 7, says: '`compare: previous-slot` needs blue/green: add a `deploy:` section' },
  { why: 'compare with another value', text: monitor([], ['  probes:', '    - compare: baseline', '      urls: { blue: "http://127.0.0.1:1/", green: "http://127.0.0.1:2/" }']), line: 13, col: 16, says: '`compare` must be `previous-slot`, not "baseline"' },
  { why: 'compare without urls', text: monitor([], ['  probes:', '    - compare: previous-slot']), line: 13, col: 7, says: '`urls` is missing; a compare probe needs one URL per blue/green slot' },
  { why: 'compare url for an unknown slot', text: monitor([], COMPARE(['blue: http://127.0.0.1:8081/', 'red: http://127.0.0.1:8082/'])), line: 17, col: 9, says: '`urls` names slot "red", which is not in `deploy.slots` (blue, green)' },
  { why: 'compare url missing a slot', text: monitor([], COMPARE(['blue: http://127.0.0.1:8081/'])), line: 15, col: 7, says: '`urls` has no URL for slot "green"' },
  { why: 'compare url not http', text: monitor([], COMPARE(['blue: ftp://127.0.0.1/', 'green: http://127.0.0.1:8082/'])), line: 16, col: 15, says: 'probe "slots": `urls` blue: "ftp://127.0.0.1/" is not a full http:// or https:// URL' },
  { why: 'compare both slots one URL', text: monitor([], COMPARE(['blue: http://127.0.0.1:8081/', 'green: http://127.0.0.1:8081/'])), line: 16, col: 9, says: 'both slots have the URL "http://127.0.0.1:8081/": the comparison would measure one server against itself' },
  { why: 'compare factor below 1', text: monitor([], COMPARE(['blue: http://127.0.0.1:8081/', 'green: http://127.0.0.1:8082/'], ['      factor: 0.5'])), line: 18, col: 15, says: '`factor` must be from 1 to 1000' },
  { why: 'compare with an http key', text: monitor([], COMPARE(['blue: http://127.0.0.1:8081/', 'green: http://127.0.0.1:8082/'], ['      maxLatency: 1s'])), line: 18, col: 7, says: '`maxLatency` only applies to `http` probes, and this is a `compare` probe' },
];

describe('config: monitor release analysis keys and compare probes', () => {
  for (const c of BAD) {
    it(`${c.why} → ${c.line}:${c.col}`, () => {
      const result = parsePipelineText(c.text, FILE);
      assert.strictEqual(result.ok, false);
      if (result.ok) { return; }
      const all = result.errors.map(formatConfigError).join('\n');
      assert.ok(result.errors.some((e) => e.line === c.line && e.col === c.col && e.message.includes(c.says)), `no error at ${c.line}:${c.col} saying ${JSON.stringify(c.says)}; got:\n${all}`);
      assert.strictEqual(result.errors.length, 1, all);
    });
  }

  it('reads the keys; left out, the analysis uses the defaults (failureLimit 0, consecutiveErrorLimit 4, no inconclusive range)', () => {
    const plain = parsePipelineText(monitor([]), FILE);
    assert.ok(plain.ok && plain.pipeline.monitor);
    assert.deepStrictEqual([plain.pipeline.monitor.failureLimit, plain.pipeline.monitor.consecutiveErrorLimit, plain.pipeline.monitor.inconclusive], [undefined, undefined, undefined]);
    assert.deepStrictEqual(limitsOf(plain.pipeline.monitor), { failureLimit: 0, consecutiveErrorLimit: 4 });
    const set = parsePipelineText(monitor(['  failureLimit: 2', '  consecutiveErrorLimit: 1', '  threshold: 0.2', '  inconclusive: 0.05']), FILE);
    assert.ok(set.ok && set.pipeline.monitor, set.ok ? '' : set.errors.map(formatConfigError).join('\n'));
    assert.deepStrictEqual([set.pipeline.monitor.failureLimit, set.pipeline.monitor.consecutiveErrorLimit, set.pipeline.monitor.inconclusive], [2, 1, 0.05]);
  });

  it('reads a compare probe: urls per slot, factor, requests and timeout (defaults 2, 3, 5s)', () => {
    const r = parsePipelineText(monitor([], COMPARE(['blue: http://127.0.0.1:8081/health', 'green: "http://127.0.0.1:8082/health"'])), FILE);
    assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
    assert.deepStrictEqual(r.pipeline.monitor?.probes[0], {
      kind: 'compare', name: 'slots', compare: 'previous-slot', urls: { blue: 'http://127.0.0.1:8081/health', green: 'http://127.0.0.1:8082/health' }, factor: 2, requests: 3, timeoutMs: 5000,
    });
  });
});
