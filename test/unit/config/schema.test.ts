import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { parsePipelineText, renderTemplate } from '../../../src/core/config';
import { schemaValidator, type SchemaValidate } from './schemaAgreement';
import {
  ALERTS_KEYS, APPROVALS, CHECKOUT_MODES, DEPLOY_KEYS, ENVIRONMENTS, FLAGS_ENVIRONMENT_KEYS, FLAGS_KEYS, GEARS_KEYS, MONITOR_KEYS, PROBE_KEYS, PROBE_KIND_KEYS, PROBE_KINDS,
  QUEUE_POLICIES, STAGE_KEYS, STRATEGIES, TOP_LEVEL_KEYS, TRIGGERS,
} from '../../../src/core/config/keys';

/** The repo root, found from here whether the test runs from `out/` or not. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) { throw new Error('package.json not found above ' + __dirname); }
    dir = up;
  }
  return dir;
}

interface JsonSchema {
  $schema?: string;
  properties?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  additionalProperties?: unknown;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  $ref?: string;
}

const schema = JSON.parse(readFileSync(path.join(repoRoot(), 'schemas', 'gearshift.schema.json'), 'utf8')) as JsonSchema;
const props = (s: JsonSchema | undefined): JsonSchema => s ?? assert.fail('missing schema part');
const stage = props(schema.definitions?.stage);
const monitor = props(schema.properties?.monitor);
const gears = props(schema.properties?.gears);
const flags = props(schema.properties?.flags);
/** `#/definitions/httpProbe` → that definition. */
const deref = (s: JsonSchema | undefined): JsonSchema => props(schema.definitions?.[(s?.$ref ?? '').replace('#/definitions/', '')]);
const probeKinds = (props(monitor.properties?.probes).items?.oneOf ?? []).map(deref);
const probeOf = (kind: string): JsonSchema => probeKinds.find((p) => p.required?.includes(kind)) ?? assert.fail(`no probe definition for ${kind}`);
const sorted = (xs: readonly unknown[]): string[] => xs.map(String).sort();

describe('config: JSON schema matches the parser', () => {
  it('is draft-07 and closed at every level', () => {
    assert.strictEqual(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    for (const part of [schema, stage, props(schema.properties?.deploy), props(schema.properties?.alerts), monitor, gears, flags, ...probeKinds]) {
      assert.strictEqual(part.additionalProperties, false);
    }
  });

  it('lists exactly the keys the parser accepts, each with a description', () => {
    const levels: [JsonSchema, readonly string[]][] = [
      [schema, TOP_LEVEL_KEYS], [stage, STAGE_KEYS], [props(schema.properties?.deploy), DEPLOY_KEYS], [props(schema.properties?.alerts), ALERTS_KEYS],
      [monitor, MONITOR_KEYS], [gears, GEARS_KEYS], [flags, FLAGS_KEYS], [props(flags.properties?.environments), FLAGS_ENVIRONMENT_KEYS], ...PROBE_KINDS.map((k): [JsonSchema, readonly string[]] => [probeOf(k), PROBE_KIND_KEYS[k]]),
    ];
    for (const [part, keys] of levels) {
      assert.deepStrictEqual(sorted(Object.keys(part.properties ?? {})), sorted(keys));
      for (const [k, v] of Object.entries(part.properties ?? {})) { assert.ok(v.description, `no description for ${k}`); }
    }
    assert.deepStrictEqual(sorted(schema.required ?? []), ['stages', 'version']);
    assert.deepStrictEqual(sorted(stage.required ?? []), ['name', 'run']);
    assert.deepStrictEqual(sorted(monitor.required ?? []), ['probes', 'window']);
    assert.strictEqual(probeKinds.length, PROBE_KINDS.length);
    assert.deepStrictEqual(sorted([...new Set(probeKinds.flatMap((p) => Object.keys(p.properties ?? {})))]), sorted(PROBE_KEYS));
    assert.deepStrictEqual(sorted(probeOf('log').required ?? []), ['log', 'match']);
  });

  it('allows the same values as the parser', () => {
    assert.deepStrictEqual(sorted(props(schema.properties?.trigger).enum ?? []), sorted(TRIGGERS));
    assert.deepStrictEqual(sorted(props(stage.properties?.environment).enum ?? []), sorted(ENVIRONMENTS));
    assert.deepStrictEqual([props(stage.properties?.approval).const], [...APPROVALS]);
    assert.deepStrictEqual([props(schema.properties?.deploy?.properties?.strategy).const], [...STRATEGIES]);
    assert.deepStrictEqual(sorted(props(schema.properties?.queue).enum ?? []), sorted(QUEUE_POLICIES));
    assert.deepStrictEqual(sorted(props(schema.properties?.checkout).enum ?? []), sorted(CHECKOUT_MODES));
  });

  describe('validating documents (with ajv, when the dev tooling provides it)', () => {
    let validate: SchemaValidate | undefined;
    before(function () {
      validate = schemaValidator(schema);
      if (!validate) { this.skip(); }
    });

    const good: Record<string, string> = {
      'the template': renderTemplate({}),
      'the contract example': [
        'version: 1', 'trigger: commit', 'branches: [main]', 'stages:',
        '  - { name: Unit Tests, run: npm test, needs: [], timeout: 10m, env: { KEY: value, N: 1 }, cwd: packages/api, environment: non-prod, approval: manual }',
        '  - { name: Deploy, run: ./deploy, needs: Unit Tests }',
        'deploy: { strategy: blue-green, slots: [blue, green], switch: ./scripts/switch.sh }',
        'monitor: { window: 2m, probes: [{ http: "http://127.0.0.1:8080/health" }] }', 'alerts: { webhook: "http://127.0.0.1:9000/hook" }',
      ].join('\n'),
      'every new key': [
        'version: 1', 'trigger: commit', 'queue: all', 'checkout: clean', 'stages: [{ name: a, run: x }]',
        'monitor:', '  window: 2m', '  interval: 5s', '  baseline: none', '  threshold: 0.1', '  spike: 3', '  autoRollback: true', '  probes:',
        '    - { name: health, http: "http://127.0.0.1:8080/health", timeout: 2s, requests: 5, maxLatency: 500ms }',
        '    - { command: ./scripts/errors.sh, timeout: 10s }',
        '    - { log: logs/app.log, match: "ERROR|Exception" }',
        'gears: { window: 1d12h, sprint: 14d, deployTags: "v*" }',
      ].join('\n'),
      'a zero baseline and an empty gears section': 'version: 1\nstages: [{ name: a, run: x }]\nmonitor: { window: 1m, baseline: 0, probes: [{ command: x }] }\ngears:\n',
    };
    for (const [why, text] of Object.entries(good)) {
      it(`accepts ${why}, as the parser does`, () => {
        assert.ok(parsePipelineText(text, '/repo/.gearshift.yml').ok);
        assert.ok(validate?.(parse(text)), JSON.stringify(validate?.errors));
      });
    }

    const stageWith = (extra: string): string => `version: 1\nstages:\n  - { name: a, run: x, ${extra} }\n`;
    const monitorWith = (body: string): string => `version: 1\nstages: [{ name: a, run: x }]\nmonitor: { ${body} }\n`;
    const bad: Record<string, string> = {
      'an unknown top-level key': 'version: 1\nstagse: []\nstages: [{ name: a, run: x }]\n',
      'an unknown stage key': stageWith('command: y'),
      'version 2': 'version: 2\nstages: [{ name: a, run: x }]\n',
      'a stage without run': 'version: 1\nstages: [{ name: a }]\n',
      'a timeout without a unit': stageWith('timeout: "5"'),
      'a reserved env name': stageWith('env: { GEARSHIFT_SHA: x }'),
      'an absolute cwd': stageWith('cwd: /etc'),
      'an unknown environment': stageWith('environment: prod'),
      'three slots': 'version: 1\nstages: [{ name: a, run: x }]\ndeploy: { slots: [a, b, c], switch: s }\n',
      'an ftp webhook': 'version: 1\nstages: [{ name: a, run: x }]\nalerts: { webhook: "ftp://x/y" }\n',
      'queue: newest': 'version: 1\nqueue: newest\nstages: [{ name: a, run: x }]\n',
      'checkout: fresh': 'version: 1\ncheckout: fresh\nstages: [{ name: a, run: x }]\n',
      'a monitor without a window': monitorWith('probes: [{ command: x }]'),
      'a monitor window without a unit': monitorWith('window: 120, probes: [{ command: x }]'),
      'threshold 1.5': monitorWith('window: 2m, threshold: 1.5, probes: [{ command: x }]'),
      'spike 0.5': monitorWith('window: 2m, spike: 0.5, probes: [{ command: x }]'),
      'no probes': monitorWith('window: 2m, probes: []'),
      'a probe with two kinds': monitorWith('window: 2m, probes: [{ http: "http://a/", command: x }]'),
      'a probe with no kind': monitorWith('window: 2m, probes: [{ name: a }]'),
      'an ftp probe': monitorWith('window: 2m, probes: [{ http: "ftp://a/" }]'),
      'a log probe without match': monitorWith('window: 2m, probes: [{ log: app.log }]'),
      'match on an http probe': monitorWith('window: 2m, probes: [{ http: "http://a/", match: x }]'),
      'requests: 0': monitorWith('window: 2m, probes: [{ http: "http://a/", requests: 0 }]'),
      'an absolute log path': monitorWith('window: 2m, probes: [{ log: /var/log/syslog, match: x }]'),
      'an unknown probe key': monitorWith('window: 2m, probes: [{ command: x, timout: 2s }]'),
      'gears window without d': 'version: 1\nstages: [{ name: a, run: x }]\ngears: { window: 90 }\n',
      'gears sprint in weeks': 'version: 1\nstages: [{ name: a, run: x }]\ngears: { sprint: 2w }\n',
      'deployTags starting with -': 'version: 1\nstages: [{ name: a, run: x }]\ngears: { deployTags: "-v*" }\n',
    };
    for (const [why, text] of Object.entries(bad)) {
      it(`refuses ${why}, as the parser does`, () => {
        assert.ok(!parsePipelineText(text, '/repo/.gearshift.yml').ok);
        assert.strictEqual(validate?.(parse(text)), false);
      });
    }
  });
});
