import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parse } from 'yaml';

export type SchemaValidate = ((data: unknown) => boolean) & { errors?: unknown };

const SCHEMA_FILE = path.join(__dirname, '..', '..', '..', '..', 'schemas', 'gearshift.schema.json');

/**
 * gearshift.schema.json compiled by ajv, or undefined when ajv is absent: it arrives with the dev
 * tooling (vsce, eslint), not as our own dependency, so a suite uses it when present.
 */
export function schemaValidator(schema: object = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object): SchemaValidate | undefined {
  try {
    const { default: Ajv } = createRequire(__filename)('ajv') as { default: new (o: object) => { compile(s: object): SchemaValidate } };
    return new Ajv({ strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
  } catch {
    return undefined;
  }
}

/** A suite checking that the schema accepts the YAML texts the parser accepts and refuses the ones it refuses. */
export function describeSchemaAgreement(good: Record<string, string>, bad: ReadonlyArray<readonly [string, string, ...unknown[]]>): void {
  describe('the JSON schema agrees (with ajv, when the dev tooling provides it)', () => {
    let validate: SchemaValidate | undefined;
    before(function () {
      validate = schemaValidator();
      if (!validate) { this.skip(); }
    });
    for (const [why, text] of Object.entries(good)) {
      it(`accepts ${why}`, () => { assert.ok(validate?.(parse(text)), JSON.stringify(validate?.errors)); });
    }
    for (const [why, text] of bad) {
      it(`refuses ${why}`, () => { assert.strictEqual(validate?.(parse(text)), false); });
    }
  });
}
