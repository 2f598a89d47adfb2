import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { parse } from 'yaml';
import { parsePipelineText, renderTemplate } from '../../../src/core/config';
import { ALERTS_KEYS, APPROVALS, DEPLOY_KEYS, ENVIRONMENTS, STAGE_KEYS, STRATEGIES, TOP_LEVEL_KEYS, TRIGGERS } from '../../../src/core/config/keys';

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
}

const schema = JSON.parse(readFileSync(path.join(repoRoot(), 'schemas', 'gearshift.schema.json'), 'utf8')) as JsonSchema;
const props = (s: JsonSchema | undefined): JsonSchema => s ?? assert.fail('missing schema part');
const stage = props(schema.definitions?.stage);
const sorted = (xs: readonly unknown[]): string[] => xs.map(String).sort();

describe('config: JSON schema matches the parser', () => {
  it('is draft-07 and closed at every level', () => {
    assert.strictEqual(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    for (const part of [schema, stage, props(schema.properties?.deploy), props(schema.properties?.alerts)]) {
      assert.strictEqual(part.additionalProperties, false);
    }
  });

  it('lists exactly the keys the parser accepts, each with a description', () => {
    const levels: [JsonSchema, readonly string[]][] = [
      [schema, TOP_LEVEL_KEYS], [stage, STAGE_KEYS], [props(schema.properties?.deploy), DEPLOY_KEYS], [props(schema.properties?.alerts), ALERTS_KEYS],
    ];
    for (const [part, keys] of levels) {
      assert.deepStrictEqual(sorted(Object.keys(part.properties ?? {})), sorted(keys));
      for (const [k, v] of Object.entries(part.properties ?? {})) { assert.ok(v.description, `no description for ${k}`); }
    }
    assert.deepStrictEqual(sorted(schema.required ?? []), ['stages', 'version']);
    assert.deepStrictEqual(sorted(stage.required ?? []), ['name', 'run']);
  });

  it('allows the same values as the parser', () => {
    assert.deepStrictEqual(sorted(props(schema.properties?.trigger).enum ?? []), sorted(TRIGGERS));
    assert.deepStrictEqual(sorted(props(stage.properties?.environment).enum ?? []), sorted(ENVIRONMENTS));
    assert.deepStrictEqual([props(stage.properties?.approval).const], [...APPROVALS]);
    assert.deepStrictEqual([props(schema.properties?.deploy?.properties?.strategy).const], [...STRATEGIES]);
  });

  describe('validating documents (with ajv, when the dev tooling provides it)', () => {
    type Validate = ((data: unknown) => boolean) & { errors?: unknown };
    let validate: Validate | undefined;
    before(function () {
      try {
        // ajv arrives with the dev tooling (vsce, eslint), not as our own dependency: use it when present.
        const { default: Ajv } = createRequire(__filename)('ajv') as { default: new (o: object) => { compile(s: object): Validate } };
        validate = new Ajv({ strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
      } catch {
        this.skip();
      }
    });

    const good: Record<string, string> = {
      'the template': renderTemplate({}),
      'the contract example': [
        'version: 1', 'trigger: commit', 'branches: [main]', 'stages:',
        '  - { name: Unit Tests, run: npm test, needs: [], timeout: 10m, env: { KEY: value, N: 1 }, cwd: packages/api, environment: non-prod, approval: manual }',
        '  - { name: Deploy, run: ./deploy, needs: Unit Tests }',
        'deploy: { strategy: blue-green, slots: [blue, green], switch: ./scripts/switch.sh }',
        'monitor: { anything: [1, 2] }', 'alerts: { webhook: "http://127.0.0.1:9000/hook" }',
      ].join('\n'),
    };
    for (const [why, text] of Object.entries(good)) {
      it(`accepts ${why}, as the parser does`, () => {
        assert.ok(parsePipelineText(text, '/repo/.gearshift.yml').ok);
        assert.ok(validate?.(parse(text)), JSON.stringify(validate?.errors));
      });
    }

    const stageWith = (extra: string): string => `version: 1\nstages:\n  - { name: a, run: x, ${extra} }\n`;
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
    };
    for (const [why, text] of Object.entries(bad)) {
      it(`refuses ${why}, as the parser does`, () => {
        assert.ok(!parsePipelineText(text, '/repo/.gearshift.yml').ok);
        assert.strictEqual(validate?.(parse(text)), false);
      });
    }
  });
});
