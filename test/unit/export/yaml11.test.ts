/**
 * GitLab reads `.gitlab-ci.yml` with a YAML 1.1 loader (Ruby's Psych); Gearshift reads
 * `.gearshift.yml` as YAML 1.2. Every text the export writes must come back as the same text
 * under a 1.1 reading: `on`, `NO`, `1:30`, `2001-12-14` are not booleans, numbers or dates.
 */
import * as assert from 'node:assert';
import { parse } from 'yaml';
import { exportPipeline } from '../../../src/core/export';
import { parseOk } from '../../support/exportFixtures';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field

/** Text a 1.1 loader reads as something else (bool, int, float, date, null, merge or value key). */
const AMBIGUOUS = ['on', 'off', 'NO', 'No', 'yes', 'Y', 'n', '1:30', '190:20:30.15', '0b101', '017', '0x1F', '2001-12-14',
  '2001-12-14t21:59:43.10-05:00', '1_000', '1_000.5', '1,000', '1,000.5', '=', '<<', '~', 'null', '-.inf', '.NaN', '+12', '1e3'];
/** Psych-only readings the `yaml` package's 1.1 schema does not have: checked in the text itself. */
const PSYCH_ONLY = ['1,000', '1,000.5', '=', '<<'];

function pipelineWith(values: readonly string[]): string {
  const env = values.map((v, i) => `V_${i}: ${JSON.stringify(v)}`).join(', ');
  return `version: 1
stages:
  - name: "NO"
    run: "yes"
    env: { ${env} }
  - name: "On"
    run: "1:30"
`;
}

describe('export gitlab: every value survives a YAML 1.1 reading as the same text', () => {
  const text = exportPipeline(parseOk(pipelineWith(AMBIGUOUS)), { target: 'gitlab' });
  const doc = parse(text, { version: '1.1' }) as Doc;

  it('env values, as text', () => {
    const vars = doc.no.variables as Record<string, unknown>;
    assert.deepStrictEqual(AMBIGUOUS.map((_v, i) => vars[`V_${i}`]), AMBIGUOUS);
  });

  it('stage names (stages:, stage:, GEARSHIFT_STAGE), job ids and the command', () => {
    assert.deepStrictEqual(doc.stages, ['NO', 'On']);
    assert.deepStrictEqual(Object.keys(doc).filter((k) => k !== 'workflow' && k !== 'stages' && k !== 'variables'), ['no', 'on']);
    assert.strictEqual(doc.no.stage, 'NO');
    assert.strictEqual(doc.no.variables.GEARSHIFT_STAGE, 'NO');
    assert.deepStrictEqual(doc.no.script, ["sh -c 'yes'"]);
    assert.deepStrictEqual(doc.on.script, ["sh -c '1:30'"]);
  });

  it('the forms only Psych reads specially are quoted in the file', () => {
    for (const value of PSYCH_ONLY) {
      const i = AMBIGUOUS.indexOf(value);
      assert.match(text, new RegExp(`^ {4}V_${i}: "${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"$`, 'm'));
    }
  });

  it('the file still reads the same under YAML 1.2 (gitlab-ci-local, editors)', () => {
    assert.deepStrictEqual(parse(text), doc);
  });
});
