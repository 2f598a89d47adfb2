import * as assert from 'assert';
import * as path from 'path';
import { DEFAULT_STAGE_TIMEOUT_MS, parsePipelineText, type Pipeline } from '../../../src/core/config';

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
    });
  });

  it('reads the contract example in full', () => {
    const p = parseOk(
      'version: 1', 'trigger: commit', 'branches: [main, "release/*"]', 'stages:',
      '  - name: Unit Tests', '    run: npm test', '    needs: []', '    timeout: 10m', '    env: { KEY: value }', '    cwd: packages/api',
      '    environment: non-prod', '    approval: manual',
      'deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./scripts/switch.sh',
      'monitor:', '  errorRate: 0.05', 'alerts:', '  webhook: http://127.0.0.1:9000/hook',
    );
    assert.strictEqual(p.trigger, 'commit');
    assert.deepStrictEqual(p.branches, ['main', 'release/*']);
    assert.deepStrictEqual(p.stages[0], {
      name: 'Unit Tests', run: 'npm test', needs: [], timeoutMs: 600_000, env: { KEY: 'value' },
      cwd: path.join(ROOT, 'packages', 'api'), environment: 'non-prod', approval: 'manual',
    });
    assert.deepStrictEqual(p.deploy, { strategy: 'blue-green', slots: ['blue', 'green'], switch: './scripts/switch.sh' });
    assert.deepStrictEqual(p.monitor, { errorRate: 0.05 });
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
    const p = parseOk('version: 1', 'stages:', '  - { name: a, run: x }', 'deploy:', '  switch: ./switch.sh', 'alerts:', 'monitor:');
    assert.deepStrictEqual(p.deploy, { strategy: 'blue-green', slots: ['blue', 'green'], switch: './switch.sh' });
    assert.deepStrictEqual(p.alerts, {});
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
});
