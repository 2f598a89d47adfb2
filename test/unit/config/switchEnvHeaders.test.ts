import * as assert from 'node:assert';
import { formatConfigError, parsePipelineText, productionSecretNames } from '../../../src/core/config';
import { CONFIG_FILE, configErrorsOf, itChecksConfigCases } from './configCases';
import { describeSchemaAgreement } from './schemaAgreement';

const FILE = CONFIG_FILE;
const withDeploy = (...env: string[]): string => `version: 1\nstages: [{ name: a, run: x }]\ndeploy:\n  switch: ./switch.sh\n  env:\n${env.map((l) => `    ${l}\n`).join('')}`;
const withHeaders = (...headers: string[]): string =>
  `version: 1\nstages: [{ name: a, run: x }]\nmonitor:\n  window: 2m\n  probes:\n    - http: http://127.0.0.1:8080/health\n      headers:\n${headers.map((l) => `        ${l}\n`).join('')}`;


describe('config: `deploy.env` of the switch script and `headers` of http probes', () => {
  const good: Record<string, string> = {
    'a switch env with a secret and plain values': withDeploy('LB_TOKEN: "${{ secrets.LB_TOKEN }}"', 'REGION: eu-1', 'RETRIES: 3'),
    'probe headers with a secret inside text': withHeaders('Authorization: "Bearer ${{ secrets.HEALTH_TOKEN }}"', 'X-Env: prod'),
    'a header name with token punctuation': withHeaders("X-Api_Key.v2!#$%&'*+^`|~: abc"),
  };
  const bad: Array<[string, string, string]> = [
    ['a reserved GEARSHIFT_ name in deploy.env', withDeploy('GEARSHIFT_SLOT: x'), '/repo/.gearshift.yml:6:5: deploy: `env` name "GEARSHIFT_SLOT" is reserved'],
    ['`secret.` in deploy.env', withDeploy('LB: "${{ secret.LB }}"'), '/repo/.gearshift.yml:6:10: deploy: `env` LB: unknown context `secret`: did you mean `${{ secrets.LB }}`?'],
    ['an empty deploy.env value', withDeploy('LB:'), '/repo/.gearshift.yml:6:5: deploy: `env` LB has no value'],
    ['a header name with a space', withHeaders('"X Token": abc'), '/repo/.gearshift.yml:8:9: monitor: probe 1: `headers`: "X Token" is not a valid header name'],
    ['a header name with a colon', withHeaders('"X-Token:": abc'), '/repo/.gearshift.yml:8:9: monitor: probe 1: `headers`: "X-Token:" is not a valid header name'],
    ['a header value with a line break', withHeaders('X-Token: "abc\\r\\nX-Injected: 1"'), '/repo/.gearshift.yml:8:18: monitor: probe 1: `headers` X-Token holds a carriage return, which an HTTP header cannot carry'],
    ['a block value (ends with a line break)', withHeaders('X-Token: |', '  abc'), '/repo/.gearshift.yml:8:18: monitor: probe 1: `headers` X-Token holds a line break, which an HTTP header cannot carry (it would start a new header); write it on one line'],
    ['Host, which Node sets', withHeaders('host: example.com'), '/repo/.gearshift.yml:8:9: monitor: probe 1: `headers`: "host" is set by Gearshift for each request'],
    ['one header twice in other case', withHeaders('Authorization: a', 'authorization: b'), '/repo/.gearshift.yml:9:9: monitor: probe 1: `headers`: "authorization" is the same header as "Authorization"'],
    ['`env.X` in a header', withHeaders('Authorization: "Bearer ${{ env.TOKEN }}"'), '/repo/.gearshift.yml:8:32: monitor: probe 1: `headers` Authorization: `${{ env.TOKEN }}` is not supported'],
    ['a list as a header value', withHeaders('X-Token: [a, b]'), '/repo/.gearshift.yml:8:18: monitor: probe 1: `headers` X-Token must be text'],
  ];

  itChecksConfigCases(good, bad, 'startsWith');

  it('`headers` on a command probe is refused as an http-only key', () => {
    const text = 'version: 1\nstages: [{ name: a, run: x }]\nmonitor:\n  window: 2m\n  probes:\n    - command: ./check.sh\n      headers: { A: b }\n';
    assert.deepStrictEqual(configErrorsOf(text), ['/repo/.gearshift.yml:7:7: monitor: probe 1: `headers` only applies to `http` probes, and this is a `command` probe; remove it']);
  });

  it('keeps the references in the parsed pipeline and names every secret a production run needs', () => {
    const text = `${withDeploy('LB_TOKEN: "${{ secrets.LB_TOKEN }}"')}monitor:\n  window: 2m\n  probes:\n    - http: "http://127.0.0.1/h?k=\${{ secrets.URL_KEY }}"\n      headers: { Authorization: "Bearer \${{ secrets.HEALTH_TOKEN }}" }\n`;
    const r = parsePipelineText(text, FILE);
    assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
    assert.deepStrictEqual(r.pipeline.deploy?.env, { LB_TOKEN: '${{ secrets.LB_TOKEN }}' });
    const probe = r.pipeline.monitor?.probes[0];
    assert.deepStrictEqual(probe?.kind === 'http' ? probe.headers : undefined, { Authorization: 'Bearer ${{ secrets.HEALTH_TOKEN }}' });
    assert.deepStrictEqual(productionSecretNames(r.pipeline).sort(), ['HEALTH_TOKEN', 'LB_TOKEN', 'URL_KEY']);
  });

  describeSchemaAgreement(good, bad.filter(([why]) => !why.includes('twice') && !why.includes('empty')));
});
