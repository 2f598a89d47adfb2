import * as assert from 'node:assert';
import { parsePipelineText } from '../../../src/core/config';
import { CONFIG_FILE, itChecksConfigCases } from './configCases';
import { describeSchemaAgreement } from './schemaAgreement';

const FILE = CONFIG_FILE;
const stageEnv = (value: string): string => `version: 1\nstages:\n  - name: a\n    run: x\n    env:\n      TOKEN: ${value}\n`;
const withAlerts = (hook: string): string => `version: 1\nstages: [{ name: a, run: x }]\nalerts:\n  webhook: ${hook}\n`;
const withProbe = (url: string): string => `version: 1\nstages: [{ name: a, run: x }]\nmonitor:\n  window: 2m\n  probes:\n    - http: ${url}\n`;


describe('config: `${{ secrets.NAME }}` references', () => {
  const good: Record<string, string> = {
    'a stage env value': stageEnv('"${{ secrets.DEPLOY_TOKEN }}"'),
    'a reference inside text': stageEnv('"Bearer ${{secrets.API_KEY}} and more"'),
    'a webhook that is a secret': withAlerts('"${{ secrets.SLACK_HOOK }}"'),
    'a webhook path holding one': withAlerts('"https://hooks.example.com/services/${{ secrets.SLACK_PATH }}"'),
    'a probe URL holding one': withProbe('"https://app.example.com/health?key=${{ secrets.PROBE_KEY }}"'),
  };
  const bad: Array<[string, string, string]> = [
    ['`secret.` instead of `secrets.`', stageEnv('"${{ secret.DEPLOY_TOKEN }}"'), '/repo/.gearshift.yml:6:15: stage "a": `env` TOKEN: unknown context `secret`: did you mean `${{ secrets.DEPLOY_TOKEN }}`?'],
    ['`env.X`', stageEnv('"x ${{ env.HOME }}"'), '/repo/.gearshift.yml:6:17: stage "a": `env` TOKEN: `${{ env.HOME }}` is not supported'],
    ['a name starting with a digit', stageEnv('"${{ secrets.1TOKEN }}"'), '/repo/.gearshift.yml:6:15: stage "a": `env` TOKEN: secret name "1TOKEN" is not valid'],
    ['an unclosed reference', stageEnv('"${{ secrets.TOKEN"'), '/repo/.gearshift.yml:6:15: stage "a": `env` TOKEN: `${{` is never closed'],
    ['a reference in a command', 'version: 1\nstages:\n  - name: a\n    run: curl -H "${{ secrets.T }}" x\n', '/repo/.gearshift.yml:4:19: stage "a": `run` cannot hold `${{ … }}`: a secret spliced into a command line is visible to every process list'],
    ['a reference in the switch command', 'version: 1\nstages: [{ name: a, run: x }]\ndeploy:\n  switch: ./switch.sh ${{ secrets.T }}\n', '`switch` cannot hold `${{ … }}`'],
    // A command probe has no `env:` to move the secret to: the fix must not send the user looking for one.
    ['a reference in a command probe', 'version: 1\nstages: [{ name: a, run: x }]\nmonitor:\n  window: 2m\n  probes:\n    - command: ./rate.sh ${{ secrets.T }}\n', '`command` cannot hold `${{ … }}`: a secret spliced into a command line is visible to every process list; a command probe has no `env:`, so let the command read the credential itself'],
    ['a bad form in the webhook', withAlerts('"https://h.example/${{ secret.X }}"'), '`webhook`: unknown context `secret`'],
    ['a bad form in a probe URL', withProbe('"https://h.example/${{ env.X }}"'), '`http`: `${{ env.X }}` is not supported'],
  ];

  itChecksConfigCases(good, bad, 'includes');

  it('keeps the reference (not a value) in the parsed pipeline: values are looked up only when a run starts', () => {
    const r = parsePipelineText(stageEnv('"${{ secrets.DEPLOY_TOKEN }}"'), FILE);
    assert.ok(r.ok);
    assert.strictEqual(r.pipeline.stages[0].env.TOKEN, '${{ secrets.DEPLOY_TOKEN }}');
  });

  describeSchemaAgreement(good, bad.slice(0, 4));
});
