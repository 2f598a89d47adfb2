import * as assert from 'assert';
import * as path from 'path';
import { DAY_MS, DEFAULT_GEARS, DEFAULT_STAGE_TIMEOUT_MS, parsePipelineText, type Pipeline } from '../../../src/core/config';

const ROOT = path.resolve('/repo');
const FILE = path.join(ROOT, '.gearshift.yml');

function parseOk(...lines: string[]): Pipeline {
  const result = parsePipelineText(lines.join('\n') + '\n', FILE);
  if (!result.ok) { assert.fail(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n')); }
  return result.pipeline;
}

describe('config: good files', () => {
  it('fills in every default', () => {
    const p = parseOk('version: 1', 'stages:', '  - name: Unit Tests', '    run: npm test');
    assert.deepStrictEqual(p, {
      version: 1, file: FILE, root: ROOT, trigger: 'manual', branches: [],
      stages: [{ name: 'Unit Tests', run: 'npm test', needs: [], timeoutMs: DEFAULT_STAGE_TIMEOUT_MS, env: {}, cwd: ROOT }],
      queue: 'latest', checkout: 'workspace', gears: { windowMs: 90 * DAY_MS, sprintMs: 14 * DAY_MS },
    });
    assert.deepStrictEqual(p.gears, DEFAULT_GEARS);
  });

  it('reads the contract example in full', () => {
    const p = parseOk(
      'version: 1', 'trigger: commit', 'branches: [main, "release/*"]', 'stages:',
      '  - name: Unit Tests', '    run: npm test', '    needs: []', '    timeout: 10m', '    env: { KEY: value }', '    cwd: packages/api',
      '    environment: non-prod', '    approval: manual',
      'deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./scripts/switch.sh',
      'monitor:', '  window: 2m', '  probes:', '    - http: http://127.0.0.1:8080/health',
      'alerts:', '  webhook: http://127.0.0.1:9000/hook',
    );
    assert.strictEqual(p.trigger, 'commit');
    assert.deepStrictEqual(p.branches, ['main', 'release/*']);
    assert.deepStrictEqual(p.stages[0], {
      name: 'Unit Tests', run: 'npm test', needs: [], timeoutMs: 600_000, env: { KEY: 'value' },
      cwd: path.join(ROOT, 'packages', 'api'), environment: 'non-prod', approval: 'manual',
    });
    assert.deepStrictEqual(p.deploy, { strategy: 'blue-green', slots: ['blue', 'green'], switch: './scripts/switch.sh' });
    assert.deepStrictEqual(p.monitor, {
      windowMs: 120_000, intervalMs: 5_000, baselineMs: 15_000, threshold: 0.1, spike: 3, autoRollback: false,
      probes: [{ kind: 'http', name: '127.0.0.1:8080/health', url: 'http://127.0.0.1:8080/health', timeoutMs: 5_000, requests: 3 }],
    });
    assert.deepStrictEqual(p.alerts, { webhook: 'http://127.0.0.1:9000/hook' });
  });

  it('resolves needs: absent → previous stage, [] → none, a single name → that stage', () => {
    const p = parseOk(
      'version: 1', 'stages:',
      '  - { name: a, run: x }', '  - { name: b, run: x }', '  - { name: c, run: x, needs: [] }',
      '  - { name: d, run: x, needs: [a, c, a] }', '  - { name: e, run: x, needs: b }', '  - { name: f, run: x }',
    );
    assert.deepStrictEqual(p.stages.map((s) => [s.name, s.needs]), [
      ['a', []], ['b', ['a']], ['c', []], ['d', ['a', 'c']], ['e', ['b']], ['f', ['e']],
    ]);
  });

  it('allows a stage to need a later stage when there is no cycle', () => {
    const p = parseOk('version: 1', 'stages:', '  - { name: a, run: x, needs: [b] }', '  - { name: b, run: x, needs: [] }');
    assert.deepStrictEqual(p.stages.map((s) => s.needs), [['b'], []]);
  });

  it('turns env numbers and booleans into the text as written', () => {
    const p = parseOk(
      'version: 1', 'stages:', '  - name: a', '    run: x', '    env:',
      '      PORT: 8080', '      RATIO: 1.10', '      HEX: 0x1F', '      DEBUG: true', '      LOUD: TRUE',
      "      EMPTY: ''", '      QUOTED: "007"', '      _UNDER: a b c', '      __proto__: kept',
    );
    assert.deepStrictEqual({ ...p.stages[0].env }, {
      PORT: '8080', RATIO: '1.10', HEX: '0x1F', DEBUG: 'true', LOUD: 'TRUE', EMPTY: '', QUOTED: '007', _UNDER: 'a b c', ['__proto__']: 'kept',
    });
    assert.ok(Object.hasOwn(p.stages[0].env, '__proto__'));
  });

  it('resolves cwd inside the root', () => {
    const p = parseOk(
      'version: 1', 'stages:',
      '  - { name: a, run: x, cwd: . }', '  - { name: b, run: x, cwd: ./web/ }', '  - { name: c, run: x, cwd: "packages/../tools" }', '  - { name: d, run: x, cwd: "..weird" }',
    );
    assert.deepStrictEqual(p.stages.map((s) => s.cwd), [ROOT, path.join(ROOT, 'web'), path.join(ROOT, 'tools'), path.join(ROOT, '..weird')]);
  });

  it('reads timeouts in every accepted spelling', () => {
    const p = parseOk('version: 1', 'stages:', '  - { name: a, run: x, timeout: 90s }', '  - { name: b, run: x, timeout: 1h30m }', '  - { name: c, run: x, timeout: 24h }');
    assert.deepStrictEqual(p.stages.map((s) => s.timeoutMs), [90_000, 5_400_000, 86_400_000]);
  });

  it('accepts a single branch name as a one-item list', () => {
    assert.deepStrictEqual(parseOk('version: 1', 'branches: main', 'stages:', '  - { name: a, run: x }').branches, ['main']);
  });

  it('keeps multi-line run commands and unicode names', () => {
    const p = parseOk('version: 1', 'stages:', '  - name: Tests 🧪', '    run: |', '      npm ci', '      npm test');
    assert.strictEqual(p.stages[0].name, 'Tests 🧪');
    assert.strictEqual(p.stages[0].run, 'npm ci\nnpm test\n');
  });

  it('resolves anchors and aliases', () => {
    const p = parseOk(
      'version: 1', 'stages:', '  - name: a', '    run: &cmd make all', '    env: &common { CI: true }',
      '  - name: b', '    run: *cmd', '    env: *common',
    );
    assert.strictEqual(p.stages[1].run, 'make all');
    assert.deepStrictEqual(p.stages[1].env, { CI: 'true' });
  });

  it('defaults deploy strategy and slots; empty sections read as empty', () => {
    const p = parseOk('version: 1', 'stages:', '  - { name: a, run: x }', 'deploy:', '  switch: ./switch.sh', 'alerts:', 'gears:');
    assert.deepStrictEqual(p.deploy, { strategy: 'blue-green', slots: ['blue', 'green'], switch: './switch.sh' });
    assert.deepStrictEqual(p.alerts, {});
    assert.deepStrictEqual(p.gears, DEFAULT_GEARS);
    assert.strictEqual(p.monitor, undefined);
  });

  it('accepts a byte-order mark and a leading document marker', () => {
    assert.strictEqual(parseOk('\uFEFF---', 'version: 1', 'stages:', '  - { name: a, run: x }').stages.length, 1);
  });

  it('takes root from the file path', () => {
    const file = path.resolve('/some/where/.gearshift.yml');
    const result = parsePipelineText('version: 1\nstages:\n  - { name: a, run: x, cwd: sub }\n', file);
    assert.ok(result.ok);
    assert.strictEqual(result.pipeline.root, path.dirname(file));
    assert.strictEqual(result.pipeline.stages[0].cwd, path.join(path.dirname(file), 'sub'));
  });

  describe('queue, checkout, monitor and gears', () => {
    const HEAD = ['version: 1', 'stages:', '  - { name: a, run: x }'];

    it('reads queue and checkout', () => {
      const p = parseOk(...HEAD, 'trigger: commit', 'queue: all', 'checkout: clean');
      assert.deepStrictEqual([p.queue, p.checkout], ['all', 'clean']);
      const q = parseOk(...HEAD, 'queue: latest', 'checkout: workspace');
      assert.deepStrictEqual([q.queue, q.checkout], ['latest', 'workspace']);
    });

    it('accepts queue with a manual trigger, where it has no effect', () => {
      assert.strictEqual(parseOk(...HEAD, 'trigger: manual', 'queue: all').queue, 'all');
    });

    it('reads every monitor key and every probe kind', () => {
      const p = parseOk(
        ...HEAD, 'monitor:', '  window: 2m', '  interval: 5s', '  baseline: 30s', '  threshold: 0.25', '  spike: 2.5', '  autoRollback: true', '  probes:',
        '    - name: health', '      http: http://127.0.0.1:8080/health', '      timeout: 2s', '      requests: 5', '      maxLatency: 500ms',
        '    - name: errors', '      command: ./scripts/errors.sh', '      timeout: 1m30s',
        '    - name: app log', '      log: logs/app.log', '      match: "ERROR|Exception"',
      );
      assert.deepStrictEqual(p.monitor, {
        windowMs: 120_000, intervalMs: 5_000, baselineMs: 30_000, threshold: 0.25, spike: 2.5, autoRollback: true,
        probes: [
          { kind: 'http', name: 'health', url: 'http://127.0.0.1:8080/health', timeoutMs: 2_000, requests: 5, maxLatencyMs: 500 },
          { kind: 'command', name: 'errors', run: './scripts/errors.sh', timeoutMs: 90_000 },
          { kind: 'log', name: 'app log', file: path.join(ROOT, 'logs', 'app.log'), match: 'ERROR|Exception' },
        ],
      });
    });

    it('fills in monitor and probe defaults, deriving probe names', () => {
      const p = parseOk(
        ...HEAD, 'monitor:', '  window: 1m', '  interval: 10s', '  probes:',
        '    - http: https://example.test:8443/', '    - http: http://127.0.0.1:8080/api/health?deep=1',
        '    - command: |', '        ./scripts/count-errors.sh    --since   "1 minute ago" --format rate', '        exit 0',
        '    - log: ./logs/../logs/app.log', '      match: ERROR',
      );
      const m = p.monitor;
      assert.ok(m);
      assert.deepStrictEqual([m.windowMs, m.intervalMs, m.baselineMs, m.threshold, m.spike, m.autoRollback], [60_000, 10_000, 30_000, 0.1, 3, false]);
      assert.deepStrictEqual(m.probes.map((x) => x.name), [
        'example.test:8443', '127.0.0.1:8080/api/health', './scripts/count-errors.sh --since "1 mi…', 'logs/app.log',
      ]);
      assert.deepStrictEqual(m.probes.map((x) => (x.kind === 'log' ? '-' : x.timeoutMs)), [5_000, 5_000, 10_000, '-']);
      assert.deepStrictEqual(m.probes.map((x) => (x.kind === 'http' ? x.requests : '-')), [3, 3, '-', '-']);
      assert.ok(m.probes.every((x) => !('maxLatencyMs' in x)));
      assert.deepStrictEqual(m.probes[3], { kind: 'log', name: 'logs/app.log', file: path.join(ROOT, 'logs', 'app.log'), match: 'ERROR' });
    });

    it('reads `0`, `0s` and `none` as no baseline', () => {
      for (const b of ['0', '"0"', '0s', '0m', 'none', '"none"']) {
        const p = parseOk(...HEAD, 'monitor:', '  window: 2m', `  baseline: ${b}`, '  probes: [{ command: ./check.sh }]');
        assert.strictEqual(p.monitor?.baselineMs, 0, b);
      }
    });

    it('accepts the monitor range edges: interval equal to window, threshold 1, 100 requests', () => {
      const p = parseOk(
        ...HEAD, 'monitor:', '  window: 5s', '  interval: 5s', '  threshold: 1', '  spike: 1.01',
        '  probes: [{ http: "http://127.0.0.1/", requests: 100, timeout: 24h, maxLatency: 1s500ms }]',
      );
      assert.deepStrictEqual([p.monitor?.windowMs, p.monitor?.intervalMs, p.monitor?.threshold, p.monitor?.spike], [5_000, 5_000, 1, 1.01]);
      assert.deepStrictEqual(p.monitor?.probes[0], { kind: 'http', name: '127.0.0.1', url: 'http://127.0.0.1/', timeoutMs: 86_400_000, requests: 100, maxLatencyMs: 1_500 });
    });

    it('lets a written name tell apart probes that would get the same name', () => {
      const p = parseOk(...HEAD, 'monitor:', '  window: 1m', '  probes:', '    - command: ./check.sh', '    - { name: again, command: ./check.sh }');
      assert.deepStrictEqual(p.monitor?.probes.map((x) => x.name), ['./check.sh', 'again']);
    });

    it('reads gears durations in days, with hours allowed', () => {
      const p = parseOk(...HEAD, 'gears:', '  window: 1d12h', '  sprint: 7d', '  deployTags: "deploy/*"');
      assert.deepStrictEqual(p.gears, { windowMs: 1.5 * DAY_MS, sprintMs: 7 * DAY_MS, deployTags: 'deploy/*' });
      const edges = parseOk(...HEAD, 'gears: { window: 3650d, sprint: 90d, deployTags: v* }');
      assert.deepStrictEqual(edges.gears, { windowMs: 3650 * DAY_MS, sprintMs: 90 * DAY_MS, deployTags: 'v*' });
      assert.deepStrictEqual(parseOk(...HEAD, 'gears: { sprint: 1d }').gears, { windowMs: 90 * DAY_MS, sprintMs: DAY_MS });
    });

    it('resolves anchors inside monitor', () => {
      const p = parseOk(
        ...HEAD, 'monitor:', '  window: &w 2m', '  interval: 5s', '  probes:', '    - &probe { name: a, command: ./check.sh, timeout: *w }', '    - { name: b, command: ./other.sh }',
      );
      assert.strictEqual(p.monitor?.probes[0].kind === 'command' && p.monitor.probes[0].timeoutMs, 120_000);
    });
  });
});
